using System.Globalization;
using System.Text.Json.Nodes;
using VirServerless.Bot.Questions;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using BerlinTime = VirServerless.Bot.Questions.BerlinTime;

namespace VirServerless.Bot.Conversations;

/// <summary>Card actions the bot understands; the <c>action</c> field of an Action.Submit's data.</summary>
public static class CardActions
{
    /// <summary>"Jetzt anmelden" on an answer card: shows the registration form.</summary>
    public const string Register = "register";
    public const string SubmitRegistration = "registerSubmit";
    public const string ChangeSessions = "changeSessions";
    public const string ConfirmCancel = "cancelConfirmed";
    public const string KeepRegistration = "cancelAborted";
}

/// <summary>Adaptive Cards 1.5 for registering, changing sessions and cancelling in the chat.</summary>
public static class RegistrationCards
{
    public static JsonObject RegistrationForm(CatalogEvent ev, string name, string email, string? organization, CatalogView catalog)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var body = new JsonArray
        {
            Text($"Anmeldung: {ev.Title}", bold: true),
            Text($"Ich melde Sie als {name} ({email}) an. Ihre Adresse aus Teams gilt als bestätigt; Sie erhalten die Bestätigung per E-Mail."),
            new JsonObject
            {
                ["type"] = "Input.Text",
                ["id"] = "organization",
                ["label"] = "Kommune oder Behörde",
                ["isRequired"] = true,
                ["errorMessage"] = "Bitte geben Sie Ihre Kommune oder Behörde an.",
                ["maxLength"] = 200,
                ["value"] = organization ?? "",
            },
        };
        if (SessionChoices(ev, catalog, selected: []) is { } choices)
        {
            body.Add(choices);
        }
        body.Add(Text(ConsentText.Current, small: true));
        body.Add(Toggle("consent", "Ich stimme der Verarbeitung meiner Angaben zu.", required: true));
        body.Add(Toggle("chatReminder", "Erinnern Sie mich hier im Chat an die Veranstaltung.", required: false));
        return Card(body, Submit("Verbindlich anmelden", CardActions.SubmitRegistration, ev.Id));
    }

    public static JsonObject ChangeSessionsForm(CatalogEvent ev, Registration registration, CatalogView catalog)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(registration);
        var body = new JsonArray { Text($"Ihre Auswahl für {ev.Title}", bold: true) };
        body.Add(SessionChoices(ev, catalog, [.. registration.Sessions.Select(s => s.Id)]) ?? Text("Bei dieser Veranstaltung gibt es nichts zu wählen."));
        return Card(body, Submit("Auswahl speichern", CardActions.ChangeSessions, ev.Id));
    }

    public static JsonObject CancelConfirmation(CatalogEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return Card(
            [Text($"Möchten Sie Ihre Anmeldung zu „{ev.Title}“ wirklich stornieren? Ihr Platz geht dann an die nächste Person auf der Warteliste.")],
            Submit("Ja, abmelden", CardActions.ConfirmCancel, ev.Id),
            Submit("Nein", CardActions.KeepRegistration, ev.Id));
    }

    /// <summary>A card with just text, for confirmations and refusals in Teams.</summary>
    public static JsonObject Message(string text, IReadOnlyList<Fact>? facts = null)
    {
        var body = new JsonArray { Text(text) };
        if (facts is { Count: > 0 })
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value })]),
            });
        }
        return Card(body);
    }

    private static JsonObject? SessionChoices(CatalogEvent ev, CatalogView catalog, IReadOnlyList<string> selected)
    {
        var sessions = ev.ChoosableSessions.ToList();
        if (sessions.Count == 0)
        {
            return null;
        }
        catalog.Seats.TryGetValue(ev.Id, out var seats);
        var choices = new JsonArray();
        foreach (var session in sessions)
        {
            var free = seats?.SessionFree.GetValueOrDefault(session.Id);
            var seatText = free switch
            {
                null => "",
                0 => ", ausgebucht – Warteliste",
                _ => $", {free.Value.ToString(CultureInfo.InvariantCulture)} Plätze frei",
            };
            choices.Add(new JsonObject
            {
                ["title"] = $"{session.Title} ({BerlinTime.Date(session.Start, "de")}, {BerlinTime.Span(session.Start, session.End, "de")}{seatText})",
                ["value"] = session.Id,
            });
        }
        return new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = "sessions",
            ["label"] = "Programmpunkte zur Wahl (Arbeitsgruppen, Ausflüge)",
            ["isMultiSelect"] = true,
            ["style"] = "expanded",
            ["value"] = string.Join(',', selected),
            ["choices"] = choices,
        };
    }

    private static JsonObject Card(JsonArray body, params JsonObject[] actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions.Length > 0)
        {
            card["actions"] = new JsonArray([.. actions]);
        }
        return card;
    }

    private static JsonObject Text(string text, bool bold = false, bool small = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (bold)
        {
            block["weight"] = "Bolder";
        }
        if (small)
        {
            block["size"] = "Small";
        }
        return block;
    }

    private static JsonObject Toggle(string id, string title, bool required) => new()
    {
        ["type"] = "Input.Toggle",
        ["id"] = id,
        ["title"] = title,
        ["valueOn"] = "true",
        ["valueOff"] = "false",
        ["value"] = "false",
        ["isRequired"] = required,
    };

    private static JsonObject Submit(string title, string action, string eventId) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = new JsonObject { ["action"] = action, ["eventId"] = eventId },
    };
}
