using Microsoft.Extensions.Options;
using VirServerless.Functions.Pages;

namespace VirServerless.Functions.Tests.Pages;

/// <summary>The default limits against the town hall that reaches the internet through its Land network's one gateway.</summary>
public sealed class RateLimitDefaultsTests
{
    [Fact]
    public void DefaultsLetSixtyColleaguesBehindOneAddressRegisterAndHoldAScriptDown()
    {
        var defaults = new RateLimitingOptions();
        using var limiter = new PostRateLimiter(Options.Create(defaults));
        const string townHall = "198.51.100.7";

        var colleagues = Enumerable.Range(0, 60).Count(_ => Acquired(limiter, PostKind.Registration, townHall));
        var flood = Enumerable.Range(0, 1000).Count(_ => Acquired(limiter, PostKind.Registration, townHall));

        Assert.Equal(60, colleagues);
        Assert.Equal(0, flood);
        // After the burst the bucket refills by RegistrationsPerMinute: a 61st colleague waits a minute at most, and a
        // script gets no more than that many sign-up mails per minute out of one address.
        var bucket = PostRateLimiter.Bucket(defaults, PostKind.Registration);
        Assert.Equal(TimeSpan.FromMinutes(1), bucket.ReplenishmentPeriod);
        Assert.InRange(bucket.TokensPerPeriod, 5, 20);
        // Logins and registrations are counted apart: the town hall's rush does not lock its organiser out.
        Assert.True(Acquired(limiter, PostKind.Login, townHall));
        Assert.InRange(defaults.FailedKeyLimit, 3, 20);
    }

    private static bool Acquired(PostRateLimiter limiter, PostKind kind, string address)
    {
        using var lease = limiter.AttemptAcquire(kind, address);
        return lease.IsAcquired;
    }
}
