using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using VirServerless.Functions.Pages;

namespace VirServerless.Functions.Tests.Pages;

public class SharedSecretProtectorTests
{
    [Fact]
    public void StateProtectedOnOneInstanceIsReadOnAnotherWithTheSameSecret()
    {
        var started = new SharedSecretProtector("geheimnis").CreateProtector("oidc");
        var callback = new SharedSecretProtector("geheimnis").CreateProtector("oidc");

        Assert.Equal("zustand", callback.Unprotect(started.Protect("zustand")));
    }

    [Fact]
    public void AnotherSecretAnotherPurposeOrAChangedByteIsRefused()
    {
        var protector = new SharedSecretProtector("geheimnis").CreateProtector("oidc");
        var data = protector.Protect([1, 2, 3]);
        var changed = (byte[])data.Clone();
        changed[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => new SharedSecretProtector("anderes").CreateProtector("oidc").Unprotect(data));
        Assert.ThrowsAny<CryptographicException>(() => new SharedSecretProtector("geheimnis").CreateProtector("nonce").Unprotect(data));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(changed));
    }
}
