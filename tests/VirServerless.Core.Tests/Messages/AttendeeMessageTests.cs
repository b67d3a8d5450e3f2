using VirServerless.Core.Messages;
using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using static VirServerless.Core.Tests.Registrations.SeatWorld;

namespace VirServerless.Core.Tests.Messages;

public class AttendeeMessageTests
{
    private const string MessageId = "0123456789abcdef0123456789abcdef";

    private static Registration Person(string id, RegistrationStatus status, params (string Session, SessionSeatStatus Status)[] sessions) => new()
    {
        Id = id,
        EventId = "plenum-test",
        Status = status,
        FirstName = id,
        LastName = "Muster",
        Email = status == RegistrationStatus.Cancelled ? "" : $"{id}@kommune.example",
        Organization = "Stadt Oldenburg",
        ConsentVersion = "2026-01",
        ConsentGivenAt = Now,
        CreatedAt = Now,
        Sessions = [.. sessions.Select(s => new SessionChoice(s.Session, s.Status, Now))],
    };

    private static readonly Registration[] People =
    [
        Person("anna", RegistrationStatus.Confirmed, ("ag-ki", SessionSeatStatus.Booked)),
        Person("bernd", RegistrationStatus.Confirmed, ("ag-ki", SessionSeatStatus.Waitlisted), ("impuls", SessionSeatStatus.Booked)),
        Person("carla", RegistrationStatus.Confirmed, ("ag-ozg", SessionSeatStatus.Booked)),
        Person("dirk", RegistrationStatus.Waitlisted, ("ag-ki", SessionSeatStatus.Requested)),
        Person("erna", RegistrationStatus.Pending, ("ag-ki", SessionSeatStatus.Requested)),
        Person("fritz", RegistrationStatus.Cancelled),
        Person("gerd", RegistrationStatus.Declined),
    ];

    [Fact]
    public void AMessageToASessionReachesOnlyThePeopleWithABookedSeatInIt()
    {
        var recipients = AttendeeMessage.Recipients(People, MessageAudience.Session, "ag-ki");

        Assert.Equal(["anna"], recipients.Select(r => r.Id));
    }

    [Fact]
    public void AMessageToConfirmedPeopleSkipsTheWaitingListPendingCancelledAndDeclined()
    {
        var confirmed = AttendeeMessage.Recipients(People, MessageAudience.Confirmed, null);
        var waiting = AttendeeMessage.Recipients(People, MessageAudience.Waitlisted, null);

        Assert.Equal(["anna", "bernd", "carla"], confirmed.Select(r => r.Id));
        Assert.Equal(["dirk"], waiting.Select(r => r.Id));
    }

    [Fact]
    public void AValidMessageIsTrimmedAndKnowsItsAudience()
    {
        var errors = AttendeeMessage.Validate(MessageId, "programmpunkt:ag-ozg", "  Raumänderung ", "Erster Absatz.\r\n\r\nZweiter Absatz.\n", Event(), out var message);

        Assert.Empty(errors);
        Assert.Equal(new AttendeeMessage(MessageId, MessageAudience.Session, "ag-ozg", "Raumänderung", "Erster Absatz.\n\nZweiter Absatz."), message);
    }

    [Theory]
    [InlineData(null, "Betreff", "Text", "audience")]
    [InlineData("programmpunkt:impuls", "Betreff", "Text", "audience")]
    [InlineData("bestaetigt", " ", "Text", "subject")]
    [InlineData("bestaetigt", "Zwei\nZeilen", "Text", "subject")]
    [InlineData("warteliste", "Betreff", "", "text")]
    public void AnIncompleteMessageIsRefusedAtItsField(string? audience, string subject, string text, string field)
    {
        var errors = AttendeeMessage.Validate(MessageId, audience, subject, text, Event(), out var message);

        Assert.Null(message);
        Assert.Equal([field], errors.Keys);
        Assert.NotEmpty(Assert.Single(errors[field]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("../../outbox")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public void AMessageIdThatCouldNotBeATableKeyIsRefused(string? id)
    {
        var errors = AttendeeMessage.Validate(id, "bestaetigt", "Betreff", "Text", Event(), out _);

        Assert.Equal(["id"], errors.Keys);
    }

    [Fact]
    public void EachPersonHasOneMailIdPerMessage()
    {
        var message = new AttendeeMessage(MessageId, MessageAudience.Confirmed, null, "Betreff", "Text");

        Assert.Equal(message.MailIdFor("anna"), (message with { Subject = "anders" }).MailIdFor("anna"));
        Assert.NotEqual(message.MailIdFor("anna"), message.MailIdFor("bernd"));
        Assert.True(AttendeeMessage.IsMailOf(message.MailIdFor("anna"), MessageId));
        Assert.False(AttendeeMessage.IsMailOf("anna-001-Confirmed", MessageId));
    }

    [Fact]
    public void TheMailCarriesTheOrganisersTextAsPlainTextEvenWhenItLooksLikeHtml()
    {
        var mails = new RegistrationMails(new Uri("https://veranstaltungen.example/"));

        var mail = mails.RenderMessage("anna-msg-1", People[0], Event(), "Raum geändert", "Bitte kommen Sie in <b>Raum 2</b>.\n\nDanke & bis bald");

        Assert.Equal("Raum geändert", mail.Subject);
        Assert.Contains("Guten Tag anna Muster,", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("Bitte kommen Sie in <b>Raum 2</b>.\n\nDanke & bis bald", mail.PlainText, StringComparison.Ordinal);
        Assert.Contains("<p>Bitte kommen Sie in &lt;b&gt;Raum 2&lt;/b&gt;.</p>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Ihre Geschäftsstelle der ViR-Nordwest", mail.PlainText, StringComparison.Ordinal);
    }
}
