using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VirServerless.Core.Events;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Retention;
using VirServerless.Core.Storage.Conversations;
using VirServerless.Core.Storage.Events;
using VirServerless.Core.Storage.Outbox;
using VirServerless.Core.Storage.Registrations;
using VirServerless.Core.Storage.Retention;
using VirServerless.Core.Tests.Reminders;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Registrations;

/// <summary>Check-in codes and check-ins against Azurite: given with the seat, found only in their own event, written once, erased with the person.</summary>
public class CheckInTests(AzuriteFixture azurite)
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AConfirmedSeatBringsACodeInTheMailThatChecksInOnlyAtItsOwnEvent()
    {
        var (store, registrations) = await CreateAsync("own");
        var plenum = await store.PublishEventWithDueReminderAsync("checkin-own-a", ct);
        var other = await store.PublishEventWithDueReminderAsync("checkin-own-b", ct);
        var id = await RegisterConfirmedAsync(registrations, plenum.Id, "anna@kommune.example");
        await RegisterConfirmedAsync(registrations, other.Id, "anna@kommune.example");

        var anna = (await registrations.GetAsync(plenum.Id, id, ct))!;
        var code = anna.CheckInCode!;
        var mail = Assert.Single(await OutboxOf(store).ListAsync(plenum.Id, id, ct), m => m.Kind == nameof(RegistrationMailKind.Confirmed)).Mail;
        var atTheOtherEvent = await registrations.CheckInByCodeAsync(other.Id, code, ct);
        var typedInLowerCase = await registrations.CheckInByCodeAsync(plenum.Id, code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), ct);
        store.Clock.Advance(TimeSpan.FromMinutes(7));
        var scannedAgain = await registrations.CheckInByCodeAsync(plenum.Id, code, ct);

        Assert.Contains(code, mail.PlainText, StringComparison.Ordinal);
        var qr = Assert.Single(mail.Attachments, a => a.ContentId == CheckInQrCode.ContentId);
        Assert.Equal("image/png", qr.ContentType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, qr.Content[..4]);
        Assert.True(qr.Content.Length < 1024, $"The QR PNG has {qr.Content.Length} bytes; it is sealed into the outbox row, whose binary columns hold at most 64 KiB.");
        Assert.Contains($"src=\"cid:{CheckInQrCode.ContentId}\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains($"alt=\"{WebUtility.HtmlEncode($"QR-Code für den Einlass mit Ihrem Code {code}")}\"", mail.Html, StringComparison.Ordinal);
        Assert.IsType<CheckInOutcome.NotFound>(atTheOtherEvent);
        var checkedIn = Assert.IsType<CheckInOutcome.CheckedIn>(typedInLowerCase).Registration;
        var already = Assert.IsType<CheckInOutcome.AlreadyCheckedIn>(scannedAgain);
        Assert.Equal(checkedIn.CheckedInAt, already.At);
        Assert.Null((await registrations.ListAsync(other.Id, ct)).Single().CheckedInAt);
        Assert.NotEqual(code, (await registrations.ListAsync(other.Id, ct)).Single().CheckInCode);
    }

    [Fact]
    public async Task TwoDevicesCheckingInTheSamePersonAtOnceWriteOneCheckIn()
    {
        var (store, _) = await CreateAsync("race");
        var ev = await store.PublishEventWithDueReminderAsync("checkin-race", ct);
        var id = (await store.AddConfirmedAsync(ev.Id, 1, ct)).Single();
        var devices = Enumerable.Range(0, 6).Select(_ => store.Registrations()).ToList();

        using var stop = new CancellationTokenSource();
        // The losers wait a moment on the service's clock before they read again; here that clock is the test's.
        var clock = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                store.Clock.Advance(TimeSpan.FromMilliseconds(20));
                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);

        var outcomes = await Task.WhenAll(devices.Select(device => device.CheckInAsync(ev.Id, id, ct)));
        await stop.CancelAsync();
        await clock;

        Assert.Single(outcomes, o => o is CheckInOutcome.CheckedIn);
        Assert.Equal(5, outcomes.Count(o => o is CheckInOutcome.AlreadyCheckedIn));
    }

    [Fact]
    public async Task AnUndoneCheckInCanBeRepeatedAndAWaitingPersonCannotBeCheckedIn()
    {
        var (store, registrations) = await CreateAsync("undo");
        var ev = await store.PublishEventWithDueReminderAsync("checkin-undo", ct);
        var confirmed = (await store.AddConfirmedAsync(ev.Id, 1, ct)).Single();
        var waiting = (await store.AddConfirmedAsync(ev.Id, 1, ct, from: 1, change: r => r with { Status = RegistrationStatus.Waitlisted })).Single();

        await registrations.CheckInAsync(ev.Id, confirmed, ct);
        var undone = await registrations.UndoCheckInAsync(ev.Id, confirmed, ct);
        var undoneAgain = await registrations.UndoCheckInAsync(ev.Id, confirmed, ct);
        var again = await registrations.CheckInAsync(ev.Id, confirmed, ct);
        var refused = await registrations.CheckInAsync(ev.Id, waiting, ct);
        var unknown = await registrations.CheckInAsync(ev.Id, "r9999", ct);

        Assert.Null(Assert.IsType<CheckInOutcome.Undone>(undone).Registration.CheckedInAt);
        Assert.IsType<CheckInOutcome.NotCheckedIn>(undoneAgain);
        Assert.IsType<CheckInOutcome.CheckedIn>(again);
        Assert.IsType<CheckInOutcome.NoSeat>(refused);
        Assert.IsType<CheckInOutcome.NotFound>(unknown);
        Assert.Null((await registrations.GetAsync(ev.Id, waiting, ct))!.CheckedInAt);
    }

    [Fact]
    public async Task ErasingOrPurgingARegistrationTakesItsCodeAlong()
    {
        var (store, registrations) = await CreateAsync("erase");
        var ev = await store.PublishEventWithDueReminderAsync("checkin-erase", ct);
        var anna = await RegisterConfirmedAsync(registrations, ev.Id, "anna@kommune.example");
        var bernd = await RegisterConfirmedAsync(registrations, ev.Id, "bernd@kommune.example");
        var annaCode = (await registrations.GetAsync(ev.Id, anna, ct))!.CheckInCode;
        await registrations.CheckInAsync(ev.Id, bernd, ct);
        var annaToken = ManageTokenOf(await OutboxOf(store).ListAsync(ev.Id, anna, ct));

        await registrations.DeleteAsync(annaToken, ct);

        Assert.Null(await registrations.FindByCheckInCodeAsync(ev.Id, annaCode, ct));
        Assert.Single(await store.RowsAsync(ev.Id, RegistrationKeys.CheckInCode, ct));

        store.Clock.Advance(TimeSpan.FromDays(40));
        await Purge(store).RunAsync(ct);

        Assert.Empty(await store.RowsAsync(ev.Id, RegistrationKeys.CheckInCode, ct));
        var purged = (await registrations.GetAsync(ev.Id, bernd, ct))!;
        Assert.Null(purged.CheckInCode);
        Assert.Equal("", purged.Email);
        Assert.NotNull(purged.CheckedInAt);
    }

    private async Task<(ReminderStore Store, RegistrationService Registrations)> CreateAsync(string name)
    {
        var store = await ReminderStore.CreateAsync(azurite.ConnectionString, "checkin" + name, ct);
        return (store, store.Registrations());
    }

    /// <summary>Registers with a verified address (as the office desk and the bot do): confirmed at once, with the confirmation mail.</summary>
    private async Task<string> RegisterConfirmedAsync(RegistrationService registrations, string eventId, string email)
    {
        var outcome = await registrations.RegisterAsync(eventId, new RegistrationRequest
        {
            FirstName = "Anna",
            LastName = "Muster",
            Email = email,
            Organization = "Stadt Oldenburg",
            Consent = true,
        }, "api", verifiedAddress: true, cancellationToken: ct);
        return Assert.IsType<RegisterOutcome.Accepted>(outcome).RegistrationId;
    }

    private static OutboxStore OutboxOf(ReminderStore store) => new(store.Tables, store.BodyProtection, NullLogger<OutboxStore>.Instance);

    private static string ManageTokenOf(IEnumerable<OutboxEntry> mails)
    {
        var text = mails.Single(m => m.Kind == nameof(RegistrationMailKind.Confirmed)).Mail.PlainText;
        var link = text.Split(['\n', ' ']).First(part => part.Contains("/anmeldung/verwalten?token=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);
    }

    private static PersonalDataPurge Purge(ReminderStore store) => new(
        new RegistrationStore(store.Tables, Options.Create(new RegistrationStoreOptions()), store.BodyProtection, NullLogger<RegistrationStore>.Instance),
        OutboxOf(store),
        new DeletionLog(store.Tables),
        new EventStore(store.Tables, store.Clock, new CatalogChanges()),
        new BotConversationStore(store.Tables),
        Options.Create(new RetentionOptions()),
        store.Clock,
        NullLogger<PersonalDataPurge>.Instance);
}
