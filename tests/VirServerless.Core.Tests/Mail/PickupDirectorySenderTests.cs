using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using VirServerless.Core.Mail;
using VirServerless.Testing;

namespace VirServerless.Core.Tests.Mail;

public sealed partial class PickupDirectorySenderTests : IDisposable
{
    private static readonly MailAddress From = new("veranstaltungen@vir-nordwest.example", "ViR-Nordwest Veranstaltungen");
    private readonly string directory = Path.Combine(Path.GetTempPath(), "virserverless-pickup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static OutgoingMail Mail(string? displayName = "Anna Muster", string subject = "Anmeldung bestätigt: Plenum", IReadOnlyList<MailAttachment>? attachments = null) =>
        new("reg-4711-confirmed", new MailAddress("anna@gemeinde.example", displayName), subject, "Guten Tag,\nbis bald.", "<p>Guten Tag,</p><p>bis bald.</p>", attachments ?? []);

    private async Task<string> SendAsync(OutgoingMail mail)
    {
        var sender = new PickupDirectorySender(directory, From, new ManualTimeProvider(new DateTimeOffset(2027, 5, 2, 8, 15, 0, TimeSpan.Zero)), NullLogger<PickupDirectorySender>.Instance);
        await sender.SendAsync(mail, TestContext.Current.CancellationToken);
        return Path.Combine(directory, PickupDirectorySender.FileNameFor(mail.Id));
    }

    [Theory]
    [InlineData("Eve <attacker@evil.example>, Anna", "Eve <attacker@evil.example>, Anna")]
    [InlineData("Anna\r\nBcc: attacker@evil.example", "Anna  Bcc: attacker@evil.example")]
    [InlineData("Anna\n\nTo: attacker@evil.example", "Anna  To: attacker@evil.example")]
    [InlineData("=?utf-8?q?Eve_=3Cattacker=40evil.example=3E?=", "=\u2060?utf-8?q?Eve_=3Cattacker=40evil.example=3E?=")]
    [InlineData("=?utf-8?B?RXZlIDxhdHRhY2tlckBldmlsLmV4YW1wbGU+?=, Anna", "=\u2060?utf-8?B?RXZlIDxhdHRhY2tlckBldmlsLmV4YW1wbGU+?=, Anna")]
    [InlineData("Jürgen Müller-Lüdenscheidt, Dezernat \"Bürgerdienste\"", "Jürgen Müller-Lüdenscheidt, Dezernat \"Bürgerdienste\"")]
    [InlineData("Ünal Çelik: Stadt; Gruppe", "Ünal Çelik: Stadt; Gruppe")]
    public async Task AHostileDisplayNameStaysOneRecipientWithThatName(string displayName, string expected)
    {
        var path = await SendAsync(Mail(displayName));

        var mail = MailFolder.Parse(path);
        var recipient = Assert.Single(mail.Recipients);
        Assert.Equal("anna@gemeinde.example", recipient.Address);
        Assert.Equal(expected, recipient.Name);
        var strict = ParserOptions.Default.Clone();
        strict.Rfc2047ComplianceMode = RfcComplianceMode.Strict;
        using var message = MimeMessage.Load(strict, path);
        Assert.Equal(expected, Assert.Single(message.To.Mailboxes).Name);
        Assert.Empty(message.Cc);
        Assert.Empty(message.Bcc);
        Assert.Single(message.Headers, h => h.Id == HeaderId.To);
        Assert.Single(message.From.Mailboxes);
    }

    [Theory]
    [InlineData("Bitte bestätigen Sie Ihre Anmeldung: Regionalkonferenz Digitale Verwaltung Nordwest 2027")]
    [InlineData("Bitte bestätigen Sie Ihre Anmeldung: Künstliche Intelligenz in der Verwaltung – Praxis, Recht und Ethik")]
    [InlineData("Änderung: Plenum")]
    public async Task ASubjectIsWrittenInEncodedWordsOfAtMostSeventyFiveCharactersAndReadsBackWhole(string subject)
    {
        var path = await SendAsync(Mail(subject: subject));

        var header = Unfolded(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), "Subject");
        var words = EncodedWord().Matches(header).Select(m => m.Value).ToList();
        Assert.NotEmpty(words);
        Assert.All(words, word => Assert.True(word.Length <= 75, $"{word.Length} characters: {word}"));
        Assert.Equal(subject, MailFolder.Parse(path).Subject);
    }

    [Fact]
    public async Task AMailHasTextHtmlAndTheCalendarAttachmentWithItsMethod()
    {
        var ics = Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n");
        var sent = Mail(attachments: [new MailAttachment("termin.ics", "text/calendar; charset=utf-8; method=REQUEST", ics)]);

        var path = await SendAsync(sent);

        var mail = MailFolder.Parse(path);
        Assert.Equal(sent.PlainText, mail.PlainText.ReplaceLineEndings("\n"));
        Assert.Equal(sent.Html, mail.Html.ReplaceLineEndings("\n"));
        Assert.Equal(ics, mail.Attachments["termin.ics"]);
        var type = mail.AttachmentTypes["termin.ics"];
        Assert.Equal("text/calendar", type.MimeType);
        Assert.Equal("REQUEST", type.Parameters["method"]);
        using var message = MimeMessage.Load(path);
        Assert.Equal("multipart/mixed", message.Body?.ContentType.MimeType);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("reg-4711-confirmed@virserverless.local", message.MessageId);
        Assert.Equal("veranstaltungen@vir-nordwest.example", Assert.Single(message.From.Mailboxes).Address);
    }

    [Fact]
    public async Task TheFileUsesCrlfLineEndsAndSevenBitText()
    {
        var path = await SendAsync(Mail(subject: "Grüße aus Oldenburg"));

        var raw = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        var text = Encoding.ASCII.GetString(raw);
        Assert.All(raw, b => Assert.True(b < 128));
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingTheSameMailAgainReplacesItsFile()
    {
        await SendAsync(Mail());
        await SendAsync(Mail(subject: "Anmeldung bestätigt: Plenum (erneut)"));

        var file = Assert.Single(Directory.GetFiles(directory));
        Assert.Equal("reg-4711-confirmed.eml", Path.GetFileName(file));
        Assert.EndsWith("(erneut)", MailFolder.Parse(file).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyMailsSentAtOnceAllArriveWholeWithNoTemporaryFileLeft()
    {
        var sender = new PickupDirectorySender(directory, From, TimeProvider.System, NullLogger<PickupDirectorySender>.Instance);
        var mails = Enumerable.Range(0, 400).Select(i => Mail(subject: $"Erinnerung {i}") with { Id = $"reg-{i}-reminder-P1D" }).ToList();

        await Task.WhenAll(mails.Select(mail => Task.Run(() => sender.SendAsync(mail, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)));

        Assert.Equal(400, Directory.GetFiles(directory, "*.eml").Length);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
        Assert.All(mails, mail => Assert.Equal(mail.Subject, MailFolder.Parse(Path.Combine(directory, PickupDirectorySender.FileNameFor(mail.Id))).Subject));
    }

    [Fact]
    public async Task AMailThatCannotBeWrittenFailsOnlyItsOwnSend()
    {
        var sender = new PickupDirectorySender(directory, From, TimeProvider.System, NullLogger<PickupDirectorySender>.Instance);
        await sender.SendAsync(Mail(), TestContext.Current.CancellationToken);
        // A folder where the file should go: the rename onto it fails, the other mails are still written.
        Directory.CreateDirectory(Path.Combine(directory, PickupDirectorySender.FileNameFor("reg-blocked")));
        var mails = Enumerable.Range(0, 50).Select(i => Mail() with { Id = i == 25 ? "reg-blocked" : $"reg-{i}" }).ToList();

        var sends = mails.Select(mail => Task.Run(() => sender.SendAsync(mail, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)).ToList();
        // Bounded: a writer that died on the failure would leave the other sends waiting forever.
        await Task.WhenAll(sends).ContinueWith(static _ => { }, TestContext.Current.CancellationToken, TaskContinuationOptions.None, TaskScheduler.Default)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(sends[25].IsFaulted);
        Assert.All(sends.Where((_, i) => i != 25), send => Assert.True(send.IsCompletedSuccessfully));
        Assert.Equal(50, Directory.GetFiles(directory, "*.eml").Length);
        await sender.SendAsync(Mail() with { Id = "reg-after" }, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(File.Exists(Path.Combine(directory, PickupDirectorySender.FileNameFor("reg-after"))));
    }

    [Fact]
    public async Task TheDefaultFolderIsPrivateOutsideTheSharedTempFolderWithUnguessableNamesPerMailId()
    {
        var userData = Path.Combine(directory, "home");
        var sender = new PickupDirectorySender(PickupFolder.PrivateDefault(userData), From, TimeProvider.System, NullLogger<PickupDirectorySender>.Instance);

        await sender.SendAsync(Mail(), TestContext.Current.CancellationToken);
        await sender.SendAsync(Mail(subject: "Anmeldung bestätigt: Plenum (erneut)"), TestContext.Current.CancellationToken);
        var again = new PickupDirectorySender(PickupFolder.PrivateDefault(userData), From, TimeProvider.System, NullLogger<PickupDirectorySender>.Instance);
        await again.SendAsync(Mail(subject: "Anmeldung bestätigt: Plenum (nach Neustart)"), TestContext.Current.CancellationToken);

        Assert.StartsWith(userData + Path.DirectorySeparatorChar, sender.Directory, StringComparison.Ordinal);
        Assert.False(sender.Directory.StartsWith(Path.GetTempPath() + "virserverless-mail", StringComparison.Ordinal));
        var file = Assert.Single(Directory.GetFiles(sender.Directory, "*.eml"));
        Assert.DoesNotContain("reg-4711", Path.GetFileName(file), StringComparison.Ordinal);
        Assert.EndsWith("(nach Neustart)", MailFolder.Parse(file).Subject, StringComparison.Ordinal);
        Assert.NotEqual(Path.GetFileName(file), PickupFolder.PrivateDefault(Path.Combine(directory, "other-home")).FileNameFor("reg-4711-confirmed"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(sender.Directory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(sender.Directory)!));
        }
    }

    [Fact]
    public void AnOpenDefaultFolderIsMadePrivateAgain()
    {
        var userData = Path.Combine(directory, "home");
        var folder = Path.Combine(userData, "VirServerless", "mail");
        Directory.CreateDirectory(folder);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);

        var pickup = PickupFolder.PrivateDefault(userData);

        Assert.Equal(folder, pickup.Path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    private static string Unfolded(string raw, string name)
    {
        var headers = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", "\t", StringComparison.Ordinal);
        return headers.Split("\r\n").Single(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=")]
    private static partial Regex EncodedWord();
}
