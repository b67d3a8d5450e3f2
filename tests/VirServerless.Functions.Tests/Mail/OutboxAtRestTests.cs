using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Mail;

/// <summary>What the outbox rows in Azurite hold after a mail failed, died or went out: never a link that still works.</summary>
public sealed partial class OutboxAtRestTests(AcsAppFixture fixture) : IClassFixture<AcsAppFixture>
{
    private FunctionAppProcess App => fixture.App;

    private AcsEmailPeer Peer => fixture.Peer;

    [Fact]
    public async Task AFailedAndThenSentMailLeavesNoLiveTokenInItsRow()
    {
        var eventId = TestEvents.NewId("rest");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var anna = new Attendee(App, eventId, "Anna");
        for (var i = 0; i < 4; i++)
        {
            Peer.EnqueueFault(500, "InternalServerError");
        }

        using var registered = await anna.RegisterAsync();
        await WaitForStateAsync(eventId, "failed");
        var whileFailed = await RawOutboxAsync(eventId);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await App.RunTimerAsync("DispatchOutbox");
        var confirmToken = TokenIn(await WaitForAcceptedAsync(anna.Email, "Bitte bestätigen"), "/anmeldung/bestaetigen");
        var afterSending = await RawOutboxAsync(eventId);
        using var confirmed = await anna.ConfirmAsync(confirmToken);
        var manageToken = TokenIn(await WaitForAcceptedAsync(anna.Email, "Anmeldung bestätigt"), "/anmeldung/verwalten");
        var afterConfirming = await RawOutboxAsync(eventId);
        using var managed = await App.Client.PostAsJsonAsync("api/registrations/manage", new { token = manageToken });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, managed.StatusCode);
        foreach (var rows in new[] { whileFailed, afterSending, afterConfirming })
        {
            Assert.DoesNotContain(Secret(confirmToken), rows, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret(manageToken), rows, StringComparison.Ordinal);
            await AssertNoLiveTokenAsync(rows);
        }
    }

    [Fact]
    public async Task ADeadMailLeavesNoLiveTokenInItsRow()
    {
        var eventId = TestEvents.NewId("dead");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId));
        var bernd = new Attendee(App, eventId, "Bernd");
        Peer.EnqueueFault(400, "InvalidRequest");

        using var registered = await bernd.RegisterAsync();
        await WaitForStateAsync(eventId, "dead");
        var rows = await RawOutboxAsync(eventId);

        Assert.Contains(bernd.Email, rows, StringComparison.Ordinal);
        await AssertNoLiveTokenAsync(rows);
    }

    /// <summary>Every token-like text in the rows (links, bare tokens, also inside the attachments) must be refused by the confirm and manage endpoints.</summary>
    private async Task AssertNoLiveTokenAsync(string rows)
    {
        Assert.DoesNotContain("token=", rows, StringComparison.Ordinal);
        var candidates = LinkToken().Matches(rows).Select(m => Uri.UnescapeDataString(m.Groups[1].Value))
            .Concat(BareToken().Matches(rows).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            using var confirm = await App.Client.PostAsJsonAsync("api/registrations/confirm", new { token = candidate });
            using var manage = await App.Client.PostAsJsonAsync("api/registrations/manage", new { token = candidate });
            Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, manage.StatusCode);
        }
    }

    /// <summary>All outbox rows of the event as Azurite holds them: every property, binary ones read as text too, attachments decoded.</summary>
    private async Task<string> RawOutboxAsync(string eventId)
    {
        var table = new TableClient(fixture.Azurite.ConnectionString, App.TablePrefix + "Registrations");
        var text = new StringBuilder();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {eventId}")))
        {
            if (!row.RowKey.StartsWith("outbox|", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var (name, value) in row)
            {
                var shown = value switch
                {
                    byte[] bytes => Encoding.UTF8.GetString(bytes),
                    BinaryData data => data.ToString(),
                    _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                };
                text.Append(name).Append('=').Append(shown).Append('\n');
                foreach (Match encoded in Base64Field().Matches(shown))
                {
                    text.Append(Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Groups[1].Value))).Append('\n');
                }
            }
        }
        return text.ToString();
    }

    private async Task WaitForStateAsync(string eventId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var overview = await App.Admin.GetFromJsonAsync<JsonElement>("api/admin/outbox");
            if (overview.GetProperty("problems").EnumerateArray().Any(p => p.GetProperty("eventId").GetString() == eventId && p.GetProperty("state").GetString() == state))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "The mail never became " + state + ": " + overview.GetRawText());
            await Task.Delay(200);
        }
    }

    private async Task<string> WaitForAcceptedAsync(string email, string subjectPart)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var mail = Peer.Accepted.FirstOrDefault(m => m.Message.ToJsonString().Contains(email, StringComparison.Ordinal)
                && m.Message["content"]!["subject"]!.GetValue<string>().Contains(subjectPart, StringComparison.Ordinal));
            if (mail is not null)
            {
                return mail.Message["content"]!["plainText"]!.GetValue<string>();
            }
            Assert.True(DateTime.UtcNow < deadline, "ACS never accepted the mail: " + string.Join(", ", Peer.RequestLog));
            await Task.Delay(100);
        }
    }

    private static string TokenIn(string plainText, string path) =>
        Uri.UnescapeDataString(Regex.Match(plainText, Regex.Escape(path) + @"\?token=([^&\s]+)").Groups[1].Value);

    /// <summary>The random part of a token, as it would appear however the rest is escaped.</summary>
    private static string Secret(string token) => token.Split('.')[1];

    [GeneratedRegex(@"token=([^&\s""<>]+)")]
    private static partial Regex LinkToken();

    [GeneratedRegex(@"[a-z0-9-]+\.[A-Za-z0-9_-]{43}(\.[A-Z0-9-]+)?")]
    private static partial Regex BareToken();

    [GeneratedRegex(@"""Base64"":""([A-Za-z0-9+/=]+)""")]
    private static partial Regex Base64Field();
}
