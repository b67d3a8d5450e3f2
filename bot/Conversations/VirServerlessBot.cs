using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Bot.Protocol;
using VirServerless.Bot.Questions;
using VirServerless.Bot.Reminders;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;
using VirServerless.Core.Storage.Conversations;

namespace VirServerless.Bot.Conversations;

/// <summary>
/// The bot: routes an activity by type, a message by intent, and a card submit by its action. Questions go to the
/// <see cref="QuestionAnswerer"/> over the live catalog; personal actions go to the <see cref="RegistrationService"/>
/// with the e-mail address from the Teams roster, which counts as verified (no double opt-in).
/// </summary>
public sealed class VirServerlessBot(
    QuestionAnswerer answerer,
    LiveCatalog liveCatalog,
    ConversationStore conversations,
    RegistrationService registrations,
    ConnectorClient connector,
    ChatReminders chatReminders,
    IOptions<BotAuthenticationOptions> authentication,
    TimeProvider timeProvider,
    ILogger<VirServerlessBot> logger) : IActivityHandler
{
    public const string Welcome =
        "Guten Tag! Ich bin der Veranstaltungsassistent der ViR-Nordwest. Fragen Sie mich zum Beispiel „Wann ist das nächste Plenum?“, "
        + "„Wo findet es statt?“ oder „Welche Arbeitsgruppen gibt es?“. Ich kann Sie auch anmelden („Melde mich für das Plenum an“), "
        + "nachsehen, ob Sie angemeldet sind („Bin ich angemeldet?“), Ihre Arbeitsgruppe ändern oder Sie abmelden („Melde mich ab“). "
        + "Auf Wunsch erinnere ich Sie hier im Chat an Ihre Veranstaltungen („Erinnere mich im Chat“).";

    private const string AdaptiveCardActionInvoke = "adaptiveCard/action";

    public async Task<TurnResult> OnActivityAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity;
        return activity.Type switch
        {
            ActivityTypes.Message when CardData(activity.Value) is { } data => await OnCardActionAsync(activity, data, cancellationToken),
            ActivityTypes.Message when !string.IsNullOrWhiteSpace(activity.Text) => await OnMessageAsync(activity, activity.Text.Trim(), cancellationToken),
            ActivityTypes.ConversationUpdate when activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true
                => TurnResult.Reply(activity.CreateReply(Welcome)),
            ActivityTypes.InstallationUpdate when activity.Action?.StartsWith("add", StringComparison.Ordinal) == true
                => TurnResult.Reply(activity.CreateReply(Welcome)),
            ActivityTypes.Invoke when activity.Name == AdaptiveCardActionInvoke => await OnInvokeAsync(activity, cancellationToken),
            _ => TurnResult.None,
        };
    }

    private async Task<TurnResult> OnInvokeAsync(Activity activity, CancellationToken ct)
    {
        // Action.Execute: value = {action: {type, verb, data}}; the answer replaces the card or shows a message.
        JsonObject? data = null;
        if (activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("action", out var action)
            && action.ValueKind == JsonValueKind.Object && action.TryGetProperty("data", out var inner))
        {
            data = CardData(inner);
            if (data is not null && action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String && data["action"] is null)
            {
                data["action"] = verb.GetString();
            }
        }
        if (data is null)
        {
            return TurnResult.Invoke(InvokeResponse.Error(400, "BadRequest", "Die Kartenaktion enthält keine Daten."));
        }
        var result = await OnCardActionAsync(activity, data, ct);
        var reply = result.Replies.Count > 0 ? result.Replies[0] : null;
        var card = reply?.Attachments is { Count: > 0 } attachments ? attachments[0].Content : null;
        return TurnResult.Invoke(card is not null ? InvokeResponse.AdaptiveCard(card.DeepClone()) : InvokeResponse.Message(reply?.Text ?? ""));
    }

    private async Task<TurnResult> OnMessageAsync(Activity activity, string text, CancellationToken ct)
    {
        var userKey = UserKeyOf(activity);
        var state = await conversations.GetAsync(userKey, ct);

        // A pending cancellation may have been asked for on another instance: yes and no are looked up in storage.
        if (YesOrNo(text) is { } yes && (await conversations.GetStoredAsync(userKey, ct)).PendingCancelEventId is { } pending)
        {
            return yes
                ? await CancelConfirmedAsync(activity, pending, ct)
                : await KeepRegistrationAsync(activity, ct);
        }

        if (ReminderRequest(text) is { } optIn)
        {
            return await ChatReminderAsync(activity, optIn, ct);
        }

        var catalog = await liveCatalog.LoadAsync(ct);
        var answer = answerer.Answer(text, catalog, state.Question);
        await conversations.UpdateAsync(userKey, s => s with { Question = answer.NextState }, ct);

        var ev = catalog.Events.FirstOrDefault(e => e.Id == answer.EventId);
        if (answer.IsPersonal && ev is not null)
        {
            return await PersonalAsync(activity, answer.Intent, ev, catalog, ct);
        }

        var card = AnswerCard.Build(answer, catalog, timeProvider.GetUtcNow());
        return TurnResult.Reply(Reply(activity, answer.Text, card));
    }

    private async Task<TurnResult> PersonalAsync(Activity activity, Intent intent, CatalogEvent ev, CatalogView catalog, CancellationToken ct)
    {
        var member = await RosterMemberAsync(activity, ct);
        if (EmailOf(member) is not { } email)
        {
            return Say(activity, NoIdentity(ev));
        }
        await RememberAddressAsync(activity, email, ct);
        var registration = await registrations.FindByEmailAsync(ev.Id, email, ct);
        var title = $"„{ev.Title}“";

        switch (intent)
        {
            case Intent.Register when registration is not null:
                return Say(activity, $"Sie sind für {title} bereits angemeldet. {StatusTexts.Sentence(registration.Status)}", SessionFacts(ev, registration));
            case Intent.Register:
                if (registrations.WhyClosed(ev) is { } closed)
                {
                    return Say(activity, closed.Detail);
                }
                var state = await conversations.GetAsync(UserKeyOf(activity), ct);
                var card = RegistrationCards.RegistrationForm(ev, DisplayName(member!), email, state.Organization, catalog);
                return TurnResult.Reply(Reply(activity, $"Gern melde ich Sie für {title} an. Bitte ergänzen Sie Ihre Angaben.", card));
            case Intent.AmIRegistered when registration is null:
            case Intent.MySessions when registration is null:
            case Intent.ChangeSessions when registration is null:
            case Intent.Cancel when registration is null:
                return Say(activity, $"Mit der Adresse {email} sind Sie für {title} nicht angemeldet. Schreiben Sie „Melde mich an“, wenn Sie teilnehmen möchten.");
            case Intent.AmIRegistered:
                return Say(activity, $"Ja, Sie sind für {title} angemeldet. {StatusTexts.Sentence(registration!.Status)}", SessionFacts(ev, registration!));
            case Intent.MySessions:
                return Say(activity, registration!.Sessions.Count == 0
                    ? $"Sie haben für {title} keinen Programmpunkt gewählt."
                    : $"Ihre Wahl für {title}: {SessionList(ev, registration)}.", SessionFacts(ev, registration));
            case Intent.ChangeSessions:
                if (!ev.ChoosableSessions.Any())
                {
                    return Say(activity, $"Bei {title} gibt es keine Programmpunkte zur Wahl.");
                }
                return TurnResult.Reply(Reply(activity, $"Wählen Sie Ihre Programmpunkte für {title} neu aus.", RegistrationCards.ChangeSessionsForm(ev, registration!, catalog)));
            default:
                await conversations.UpdateAsync(UserKeyOf(activity), s => s with { PendingCancelEventId = ev.Id }, ct);
                return TurnResult.Reply(Reply(activity, $"Möchten Sie Ihre Anmeldung zu {title} wirklich stornieren? Antworten Sie mit „Ja, abmelden“ oder „Nein“.", RegistrationCards.CancelConfirmation(ev)));
        }
    }

    private async Task<TurnResult> OnCardActionAsync(Activity activity, JsonObject data, CancellationToken ct)
    {
        var action = data["action"]?.GetValue<string>();
        var eventId = data["eventId"]?.GetValue<string>() ?? "";
        var catalog = await liveCatalog.LoadAsync(ct);
        var ev = catalog.Events.FirstOrDefault(e => e.Id == eventId);
        if (ev is null && action is not CardActions.KeepRegistration)
        {
            return Say(activity, "Diese Veranstaltung finde ich nicht mehr im Katalog.");
        }
        if (ev is not null)
        {
            // A follow-up like "Welche AG habe ich gewählt?" refers to the event of the card.
            await conversations.UpdateAsync(UserKeyOf(activity), s => s with { Question = s.Question with { EventId = ev.Id, SessionId = null } }, ct);
        }

        return action switch
        {
            CardActions.Register => await PersonalAsync(activity, Intent.Register, ev!, catalog, ct),
            CardActions.SubmitRegistration => await SubmitRegistrationAsync(activity, ev!, data, ct),
            CardActions.ChangeSessions => await ChangeSessionsAsync(activity, ev!, data, ct),
            CardActions.ConfirmCancel => await CancelConfirmedAsync(activity, eventId, ct),
            CardActions.KeepRegistration => await KeepRegistrationAsync(activity, ct),
            _ => Say(activity, "Diese Aktion kenne ich nicht."),
        };
    }

    private async Task<TurnResult> SubmitRegistrationAsync(Activity activity, CatalogEvent ev, JsonObject data, CancellationToken ct)
    {
        var member = await RosterMemberAsync(activity, ct);
        if (EmailOf(member) is not { } email)
        {
            return Say(activity, NoIdentity(ev));
        }
        var (firstName, lastName) = SplitName(member!);
        var organization = Field(data, "organization")?.Trim();
        var request = new RegistrationRequest
        {
            FirstName = firstName,
            LastName = lastName,
            Email = email,
            Organization = organization,
            Sessions = Sessions(data),
            Consent = Field(data, "consent") == "true",
            ConsentVersion = ConsentText.CurrentVersion,
            RequestKey = activity.Id is { Length: <= 100 } id ? id : null,
        };
        var outcome = await registrations.RegisterAsync(ev.Id, request, source: "bot", verifiedAddress: true, ct);
        var emailKey = BotConversationStore.EmailKey(email);
        await conversations.UpdateAsync(UserKeyOf(activity), s => s with { Organization = string.IsNullOrWhiteSpace(organization) ? s.Organization : organization, EmailHash = emailKey }, ct);

        switch (outcome)
        {
            case RegisterOutcome.Accepted accepted:
                var registration = await registrations.GetAsync(ev.Id, accepted.RegistrationId, ct);
                if (Field(data, "chatReminder") == "true")
                {
                    await chatReminders.OptInAsync(email, ReminderReference(activity), ct);
                }
                logger.LogInformation("Registration {RegistrationId} for {EventId} made in the chat", accepted.RegistrationId, ev.Id);
                var text = registration is null ? "Ihre Anmeldung ist eingegangen." : StatusTexts.Sentence(registration.Status);
                return Say(activity, $"Vielen Dank! {text} Die Bestätigung geht an {email}.", registration is null ? null : SessionFacts(ev, registration));
            case RegisterOutcome.Closed closed:
                return Say(activity, closed.Detail);
            case RegisterOutcome.Invalid invalid:
                return Say(activity, "Bitte prüfen Sie Ihre Angaben: " + string.Join(" ", invalid.Errors.Values.SelectMany(v => v)));
            default:
                return Say(activity, "Für diese Veranstaltung ist keine Anmeldung möglich.");
        }
    }

    private async Task<TurnResult> ChangeSessionsAsync(Activity activity, CatalogEvent ev, JsonObject data, CancellationToken ct)
    {
        var registration = await RegistrationOfAsync(activity, ev, ct);
        if (registration is null)
        {
            return Say(activity, $"Ich finde keine Anmeldung von Ihnen für „{ev.Title}“.");
        }
        var outcome = await registrations.ChangeSessionsForAsync(ev.Id, registration.Id, Sessions(data), ct);
        return outcome switch
        {
            ManageOutcome.Done done => Say(activity, done.Registration.Sessions.Count == 0
                ? "Gespeichert: Sie haben jetzt keinen Programmpunkt gewählt."
                : $"Gespeichert. Ihre Wahl: {SessionList(ev, done.Registration)}.", SessionFacts(ev, done.Registration)),
            ManageOutcome.Invalid invalid => Say(activity, "Das geht leider nicht: " + string.Join(" ", invalid.Errors.Values.SelectMany(v => v))),
            ManageOutcome.Closed closed => Say(activity, closed.Detail),
            _ => Say(activity, $"Ich finde keine Anmeldung von Ihnen für „{ev.Title}“."),
        };
    }

    private async Task<TurnResult> CancelConfirmedAsync(Activity activity, string eventId, CancellationToken ct)
    {
        var userKey = UserKeyOf(activity);
        var state = await conversations.GetStoredAsync(userKey, ct);
        if (state.PendingCancelEventId != eventId)
        {
            return Say(activity, "Diese Bestätigung ist nicht mehr gültig. Schreiben Sie „Melde mich ab“, wenn Sie sich abmelden möchten.");
        }
        await conversations.UpdateAsync(userKey, s => s with { PendingCancelEventId = null }, ct);

        var ev = (await liveCatalog.LoadAsync(ct)).Events.FirstOrDefault(e => e.Id == eventId);
        var registration = ev is null ? null : await RegistrationOfAsync(activity, ev, ct);
        if (ev is null || registration is null)
        {
            return Say(activity, "Ich finde keine Anmeldung von Ihnen, die ich stornieren könnte.");
        }
        var outcome = await registrations.CancelForAsync(ev.Id, registration.Id, ct);
        return outcome is ManageOutcome.Done
            ? Say(activity, $"Sie sind von „{ev.Title}“ abgemeldet. Eine Bestätigung geht an {registration.Email}.")
            : Say(activity, "Die Abmeldung hat nicht geklappt. Bitte versuchen Sie es noch einmal.");
    }

    private async Task<TurnResult> KeepRegistrationAsync(Activity activity, CancellationToken ct)
    {
        await conversations.UpdateAsync(UserKeyOf(activity), s => s with { PendingCancelEventId = null }, ct);
        return Say(activity, "Gut, Ihre Anmeldung bleibt bestehen.");
    }

    private async Task<TurnResult> ChatReminderAsync(Activity activity, bool optIn, CancellationToken ct)
    {
        if (EmailOf(await RosterMemberAsync(activity, ct)) is not { } email)
        {
            return Say(activity, "Ich kann Ihre E-Mail-Adresse in Teams nicht ermitteln und Sie deshalb nicht im Chat erinnern.");
        }
        await RememberAddressAsync(activity, email, ct);
        if (!optIn)
        {
            await chatReminders.OptOutAsync(email, ct);
            return Say(activity, "In Ordnung, ich schicke Ihnen keine Erinnerungen mehr im Chat.");
        }
        await chatReminders.OptInAsync(email, ReminderReference(activity), ct);
        return Say(activity, "Gern. Ich erinnere Sie hier im Chat an die Veranstaltungen, für die Sie angemeldet sind. Mit „Keine Erinnerungen mehr“ beenden Sie das.");
    }

    /// <summary>Links the conversation state to the roster address, so the Art. 15 export and the Art. 17 erasure find it.</summary>
    private async Task RememberAddressAsync(Activity activity, string email, CancellationToken ct)
    {
        var emailKey = BotConversationStore.EmailKey(email);
        await conversations.UpdateAsync(UserKeyOf(activity), s => s with { EmailHash = emailKey }, ct);
    }

    private async Task<Registration?> RegistrationOfAsync(Activity activity, CatalogEvent ev, CancellationToken ct) =>
        EmailOf(await RosterMemberAsync(activity, ct)) is { } email ? await registrations.FindByEmailAsync(ev.Id, email, ct) : null;

    /// <summary>The sender as the tenant's roster knows them; null when the channel has no roster entry for them.</summary>
    private async Task<TeamsChannelAccount?> RosterMemberAsync(Activity activity, CancellationToken ct)
    {
        if (activity.ServiceUrl is null || activity.Conversation?.Id is not { Length: > 0 } conversationId || activity.From?.Id is not { Length: > 0 } userId)
        {
            return null;
        }
        if (!authentication.Value.TrustsRosterOf(activity.TenantId))
        {
            // Only the roster of our own tenants vouches for an address; others get the general answers.
            logger.LogInformation("Roster of a tenant not in Bot:AllowedTenants is not used for personal actions");
            return null;
        }
        try
        {
            return await connector.GetConversationMemberAsync(new Uri(activity.ServiceUrl), conversationId, userId, ct);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("Roster lookup failed with {Status}", ex.Status);
            return null;
        }
        catch (HttpRequestException ex)
        {
            // An unreachable Connector must not fail the turn; the user gets the polite "no address" answer.
            logger.LogWarning(ex, "Roster lookup could not reach the Connector");
            return null;
        }
    }

    private static string? EmailOf(TeamsChannelAccount? member) =>
        new[] { member?.Email, member?.UserPrincipalName }.FirstOrDefault(RegistrationRequestValidator.IsEmail);

    private static (string First, string Last) SplitName(TeamsChannelAccount member)
    {
        if (!string.IsNullOrWhiteSpace(member.GivenName) && !string.IsNullOrWhiteSpace(member.Surname))
        {
            return (member.GivenName.Trim(), member.Surname.Trim());
        }
        var name = (member.Name ?? "").Trim();
        // Directories often show "Surname, Given name".
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            return (name[(comma + 1)..].Trim(), name[..comma].Trim());
        }
        var space = name.LastIndexOf(' ');
        return space > 0 ? (name[..space].Trim(), name[(space + 1)..].Trim()) : (name, "");
    }

    private static string DisplayName(TeamsChannelAccount member)
    {
        var (first, last) = SplitName(member);
        return $"{first} {last}".Trim();
    }


    private static string SessionList(CatalogEvent ev, Registration registration) =>
        string.Join(", ", registration.Sessions.Select(c => $"„{ev.FindSession(c.Id)?.Title ?? c.Id}“ ({StatusTexts.Label(c.Status)})"));

    private static List<Fact> SessionFacts(CatalogEvent ev, Registration registration) =>
        [new Fact("Veranstaltung", ev.Title), .. registration.Sessions.Select(c => new Fact(ev.FindSession(c.Id)?.Title ?? c.Id, StatusTexts.Label(c.Status)))];


    private static string NoIdentity(CatalogEvent ev) =>
        "Ich kann Ihre E-Mail-Adresse in Teams nicht ermitteln. Bitte melden Sie sich über das Anmeldeformular an"
        + (ev.Contact?.Email is { } mail ? $" oder schreiben Sie an {mail}." : ".");

    private static ConversationReference ReminderReference(Activity activity) => ConversationReference.FromActivity(activity);

    private static string UserKeyOf(Activity activity) => ConversationStore.UserKey(activity.From?.AadObjectId, activity.From?.Id ?? "anonymous");

    /// <summary>The Action.Submit data of a card: an object with an <c>action</c> field.</summary>
    private static JsonObject? CardData(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } element && JsonNode.Parse(element.GetRawText()) is JsonObject data && data["action"] is JsonValue
            ? data
            : null;

    private static string? Field(JsonObject data, string name) => data[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => null,
    };

    /// <summary>A multi-select ChoiceSet submits "a,b"; Action.Execute clients may send an array.</summary>
    private static List<string> Sessions(JsonObject data) => data["sessions"] switch
    {
        JsonArray array => [.. array.Select(n => n?.ToString()).OfType<string>().Where(s => s.Length > 0)],
        JsonValue v when v.TryGetValue<string>(out var s) => [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        _ => [],
    };

    private static bool? YesOrNo(string text)
    {
        var t = text.Trim().TrimEnd('.', '!').ToLowerInvariant();
        return t switch
        {
            "ja" or "ja, abmelden" or "ja abmelden" or "ja bitte" or "ja, bitte" => true,
            "nein" or "nein danke" or "nein, danke" or "abbrechen" => false,
            _ => null,
        };
    }

    /// <summary>"Erinnere mich im Chat" opts in, "Keine Erinnerungen im Chat" and "keine Erinnerungen mehr" opt out; null for anything else.</summary>
    private static bool? ReminderRequest(string text)
    {
        var t = text.ToLowerInvariant();
        if (t.Contains("keine erinnerung", StringComparison.Ordinal))
        {
            return false;
        }
        if (!t.Contains("erinner", StringComparison.Ordinal) || !(t.Contains("chat", StringComparison.Ordinal) || t.Contains("hier", StringComparison.Ordinal)))
        {
            return null;
        }
        return !(t.Contains("keine", StringComparison.Ordinal) || t.Contains("nicht", StringComparison.Ordinal) || t.Contains("stopp", StringComparison.Ordinal));
    }

    private static TurnResult Say(Activity activity, string text, IReadOnlyList<Fact>? facts = null) =>
        TurnResult.Reply(Reply(activity, text, RegistrationCards.Message(text, facts)));

    private static Activity Reply(Activity activity, string text, JsonObject card) =>
        activity.CreateReply(text) with { Attachments = [Attachment.AdaptiveCard(card)] };
}
