using VirServerless.Bot.Questions;

namespace VirServerless.Bot.Tests.Questions;

/// <summary>
/// A question about registering asked without naming an event while one is under way whose registration has closed: the
/// events one can still register for are meant (the bot asks back between several), never the running one.
/// </summary>
public class RegistrationWhileUnderwayTests
{
    // The marketplace is under way at "now".
    private static readonly DateTimeOffset Now = new(2031, 5, 6, 11, 0, 0, TimeSpan.FromHours(2));

    private static string Event(string id, string kind, string title, string day, string opens, string closes, int perOrganisation) => $$"""
        {
          "id": "{{id}}", "kind": "{{kind}}", "title": "{{title}}", "status": "published",
          "start": "{{day}}T09:30:00+02:00", "end": "{{day}}T16:00:00+02:00",
          "venue": { "name": "Rathaus", "city": "Lohne" },
          "contact": { "name": "Geschäftsstelle", "email": "info@example.org" },
          "registration": { "opens": "{{opens}}T09:00:00+02:00", "closes": "{{closes}}T23:59:00+02:00", "capacity": 80, "waitlist": true,
            "fee": "kostenlos", "maxPerOrganization": {{perOrganisation}} },
          "sessions": []
        }
        """;

    private static readonly string Marktplatz = Event("marktplatz-lohne-2031", "marktplatz", "Marktplatz 2031 in Lohne", "2031-05-06", "2031-03-01", "2031-04-30", 8);
    private static readonly string Fachtag = Event("fachtag-dinklage-2031", "conference", "Fachtag Geodaten in Dinklage", "2031-06-03", "2031-04-01", "2031-05-25", 2);
    private static readonly string Plenum = Event("plenum-vechta-2031", "plenum", "Plenum 2031 in Vechta", "2031-09-17", "2031-05-01", "2031-09-01", 4);

    [Theory]
    [InlineData("ist die anmeldung noch offen")]
    [InlineData("wie viele dürfen pro kommune kommen")]
    [InlineData("how many seats are left?")]
    public void WithSeveralEventsOpenForRegistrationTheBotAsksBackInsteadOfAnsweringForTheRunningOne(string question)
    {
        var answer = QuestionFixture.Converse(QuestionFixture.CatalogOf([Marktplatz, Fachtag, Plenum]), Now, question)[0];

        Assert.Equal(Intent.Clarify, answer.Intent);
        Assert.Equal(["Fachtag Geodaten in Dinklage", "Plenum 2031 in Vechta"], answer.Choices);
    }

    [Fact]
    public void WithOneEventOpenForRegistrationThatOneIsMeant()
    {
        var answer = QuestionFixture.Converse(QuestionFixture.CatalogOf([Marktplatz, Fachtag]), Now, "wie viele dürfen pro kommune kommen")[0];

        Assert.Equal("fachtag-dinklage-2031", answer.EventId);
        Assert.Contains("2", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRunningEventNamedIsStillTheOneAnswered()
    {
        var answer = QuestionFixture.Converse(QuestionFixture.CatalogOf([Marktplatz, Fachtag, Plenum]), Now, "ist die anmeldung für den marktplatz noch offen")[0];

        Assert.Equal("marktplatz-lohne-2031", answer.EventId);
        Assert.StartsWith("Nein", answer.Text, StringComparison.Ordinal);
    }
}
