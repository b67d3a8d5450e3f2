using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace VirServerless.Functions.Pages;

/// <summary>
/// Protects the OpenID Connect state and nonce cookie with AES-GCM under a key derived (HKDF) from a configured secret
/// and the purpose chain. Flex Consumption instances share no data-protection key ring, and the way back from
/// Microsoft may reach another instance than the one that started the sign-in; every instance derives the same key.
/// </summary>
public sealed class SharedSecretProtector : IDataProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] secret;
    private readonly byte[] key;
    private readonly string purposes;

    public SharedSecretProtector(string secret)
        : this(Encoding.UTF8.GetBytes(secret), "VirServerless.OrganiserSignIn")
    {
    }

    private SharedSecretProtector(byte[] secret, string purposes)
    {
        this.secret = secret;
        this.purposes = purposes;
        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.UTF8.GetBytes(purposes));
    }

    public IDataProtector CreateProtector(string purpose) => new SharedSecretProtector(secret, purposes + "|" + purpose);

    public byte[] Protect(byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length, TagSize));
        return output;
    }

    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        if (protectedData.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The protected data is too short.");
        }
        var length = protectedData.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(protectedData.AsSpan(0, NonceSize), protectedData.AsSpan(NonceSize, length), protectedData.AsSpan(NonceSize + length, TagSize), plaintext);
        return plaintext;
    }
}
