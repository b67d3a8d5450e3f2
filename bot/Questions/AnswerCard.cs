using System.Text.Json.Nodes;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

/// <summary>Renders an <see cref="Answer"/> as an Adaptive Card 1.5 for Teams.</summary>
public static class AnswerCard
{
    public static JsonObject Build(Answer answer, CatalogView catalog, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(catalog);

        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = answer.Text, ["wrap"] = true },
        };
        if (answer.Facts.Count > 0)
        {
            var facts = new JsonArray();
            foreach (var fact in answer.Facts)
            {
                facts.Add(new JsonObject { ["title"] = fact.Label, ["value"] = fact.Value });
            }

            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };

        if (answer.Choices.Count > 0)
        {
            // Each button sends the event's title back as the user's message, which completes the pending question.
            var choices = new JsonArray();
            foreach (var title in answer.Choices)
            {
                choices.Add(new JsonObject
                {
                    ["type"] = "Action.Submit",
                    ["title"] = title,
                    ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = title } },
                });
            }

            card["actions"] = choices;
            return card;
        }

        var ev = catalog.Events.FirstOrDefault(e => e.Id == answer.EventId);
        if (ev is not null && IsOpenForRegistration(ev, now) && answer.Intent is not (Intent.Cancel or Intent.Unknown))
        {
            card["actions"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "Action.Submit",
                    ["title"] = answer.Language == "en" ? "Register now" : "Jetzt anmelden",
                    ["data"] = new JsonObject { ["action"] = "register", ["eventId"] = ev.Id },
                },
            };
        }

        return card;
    }

    public static bool IsOpenForRegistration(CatalogEvent ev, DateTimeOffset now) =>
        ev.Status == EventStatus.Published
        && ev.Registration is { } registration
        && (registration.Opens is null || registration.Opens <= now)
        && (registration.Closes is null || now <= registration.Closes)
        && now < ev.Start;
}
