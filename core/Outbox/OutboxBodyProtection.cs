using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace VirServerless.Core.Outbox;

/// <summary>
/// Seals the parts of an outbox row that carry the confirm and manage links (text, HTML, attachments) with AES-256-GCM,
/// so that a row at rest, pending, failed or dead, holds no readable token. The key comes from configuration, never from
/// storage: <c>Outbox:BodyKey</c> (32 bytes, base64), else derived from <c>Admin:ApiKey</c> (HKDF), else a key of this
/// process only. The mail id and the column are the associated data, so a sealed body cannot be moved to another row.
/// </summary>
public sealed class OutboxBodyProtection
{
    public const string KeySetting = "Outbox:BodyKey";

    private const byte Version = 1;
    private const int KeyIdSize = 8;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + KeyIdSize + NonceSize + TagSize;

    private readonly byte[] key;
    private readonly byte[] keyId;

    public OutboxBodyProtection(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException($"{KeySetting} must be 32 bytes (base64).", nameof(key));
        }
        this.key = key;
        keyId = SHA256.HashData(key).AsSpan(0, KeyIdSize).ToArray();
    }

    public static OutboxBodyProtection FromConfiguration(IConfiguration configuration, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[KeySetting] is { Length: > 0 } configured)
        {
            return new OutboxBodyProtection(Convert.FromBase64String(configured));
        }
        if (configuration["Admin:ApiKey"] is { Length: > 0 } adminKey)
        {
            return DerivedFrom(adminKey);
        }
        logger.LogWarning("Neither {KeySetting} nor Admin:ApiKey is set: mail bodies are sealed with a key of this process, and mails left unsent at a restart cannot be sent", KeySetting);
        return new OutboxBodyProtection(RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>The key every instance with the same admin key derives alike, so any of them can send what another wrote.</summary>
    public static OutboxBodyProtection DerivedFrom(string adminKey) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(adminKey), 32, info: "VirServerless outbox body v1"u8.ToArray()));

    public byte[] Seal(string mailId, string column, string text)
    {
        var plain = Encoding.UTF8.GetBytes(text);
        var sealedBody = new byte[HeaderSize + plain.Length];
        sealedBody[0] = Version;
        keyId.CopyTo(sealedBody, 1);
        var nonce = sealedBody.AsSpan(1 + KeyIdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBody.AsSpan(HeaderSize), sealedBody.AsSpan(1 + KeyIdSize + NonceSize, TagSize), AssociatedData(mailId, column));
        return sealedBody;
    }

    /// <summary>The text sealed for this row and column; null when it was sealed with another key or changed.</summary>
    public string? Open(string mailId, string column, byte[] sealedBody)
    {
        ArgumentNullException.ThrowIfNull(sealedBody);
        if (sealedBody.Length < HeaderSize || sealedBody[0] != Version || !sealedBody.AsSpan(1, KeyIdSize).SequenceEqual(keyId))
        {
            return null;
        }
        var plain = new byte[sealedBody.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBody.AsSpan(1 + KeyIdSize, NonceSize), sealedBody.AsSpan(HeaderSize), sealedBody.AsSpan(1 + KeyIdSize + NonceSize, TagSize), plain, AssociatedData(mailId, column));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] AssociatedData(string mailId, string column)
    {
        var id = Encoding.UTF8.GetBytes(mailId);
        var data = new byte[4 + id.Length + column.Length];
        BinaryPrimitives.WriteInt32BigEndian(data, id.Length);
        id.CopyTo(data, 4);
        Encoding.ASCII.GetBytes(column, data.AsSpan(4 + id.Length));
        return data;
    }
}
