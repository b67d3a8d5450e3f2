using VirServerless.Testing;
using VirServerless.Bot.Protocol;

namespace VirServerless.Bot.Tests.Protocol;

public sealed class ConversationRateLimiterTests
{
    [Fact]
    public void LetsSevenSendsThroughAtOnceAndSpacesTheRest()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        var limiter = new ConversationRateLimiter(clock);

        var waits = Enumerable.Range(0, 10).Select(_ => limiter.Reserve("a:chat")).ToList();

        Assert.All(waits.Take(7), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromSeconds(1), waits[7]);
        Assert.Equal(TimeSpan.FromSeconds(2), waits[8]);
        Assert.Equal(TimeSpan.FromSeconds(2), waits[9]);
    }

    [Fact]
    public void KeepsConversationsIndependent()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        var limiter = new ConversationRateLimiter(clock);
        for (var i = 0; i < 7; i++)
        {
            limiter.Reserve("a:first");
        }

        var other = limiter.Reserve("a:second");

        Assert.Equal(TimeSpan.Zero, other);
    }

    [Fact]
    public void CapsSixtySendsPerThirtySeconds()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        var limiter = new ConversationRateLimiter(clock);
        var slots = new List<TimeSpan>();
        for (var i = 0; i < 61; i++)
        {
            slots.Add(limiter.Reserve("a:chat"));
        }

        Assert.True(slots[60] >= TimeSpan.FromSeconds(30), $"61st send at {slots[60]}");
        Assert.True(slots[59] < TimeSpan.FromSeconds(30), $"60th send at {slots[59]}");
    }

    [Fact]
    public void FreesSlotsAsTimePasses()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        var limiter = new ConversationRateLimiter(clock);
        for (var i = 0; i < 7; i++)
        {
            limiter.Reserve("a:chat");
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        var wait = limiter.Reserve("a:chat");

        Assert.Equal(TimeSpan.Zero, wait);
    }
}
