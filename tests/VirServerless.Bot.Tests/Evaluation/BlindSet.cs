using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirServerless.Bot.Questions;
using VirServerless.Core.Events;
using VirServerless.Testing;

namespace VirServerless.Bot.Tests.Evaluation;

public sealed record BlindSeats(int? Free, Dictionary<string, int?>? Sessions);

public sealed record BlindCatalogFile(DateTimeOffset Now, Contact DefaultContact, List<JsonElement> Events, Dictionary<string, BlindSeats>? Seats);

public sealed record BlindFact(string? Date, string? Time, string? Text, decimal? Number, bool? Cancelled, bool? Yes, bool? No);

public sealed record BlindTurn(
    string Q,
    string Lang,
    string Expect,
    string? Event,
    List<BlindFact>? Facts,
    List<string>? Options,
    string? Action,
    string? Note);

public sealed record BlindCase(string Id, List<BlindTurn> Turns);

public enum Grade
{
    Right,
    Refused,
    Wrong,
}

public sealed record GradedTurn(string Catalog, string CaseId, int TurnIndex, BlindTurn Turn, Answer Answer, Grade Grade, string Reason);

public sealed record BlindCatalog(string Name, CatalogView View, DateTimeOffset Now, IReadOnlyList<CatalogEvent> Events);

/// <summary>
/// The blind evaluation set: catalogs and questions written by writers who never saw the bot's code (see docs/bot.md).
/// The held-out half was split off and frozen before any tuning; only the dev half may be read while changing the bot.
/// </summary>
public static partial class BlindSet
{
    public const string Dev = "dev";
    public const string HeldOut = "heldout";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Root => Path.Combine(AppContext.BaseDirectory, "Evaluation");

    public static IReadOnlyList<BlindCatalog> Catalogs { get; } = LoadCatalogs();

    public static IReadOnlyList<(BlindCatalog Catalog, BlindCase Case)> Cases(string half) =>
        [.. Catalogs.SelectMany(catalog => LoadCases(half, catalog.Name).Select(c => (catalog, c)))];

    public static IReadOnlyList<GradedTurn> Run(string half) =>
        [.. Cases(half).SelectMany(pair => Run(pair.Catalog, pair.Case))];

    public static IEnumerable<GradedTurn> Run(BlindCatalog catalog, BlindCase blindCase)
    {
        var answerer = new QuestionAnswerer(new ManualTimeProvider(catalog.Now));
        var state = ConversationState.Empty;
        for (var i = 0; i < blindCase.Turns.Count; i++)
        {
            var turn = blindCase.Turns[i];
            var answer = answerer.Answer(turn.Q, catalog.View, state);
            var (grade, reason) = GradeTurn(turn, answer, catalog);
            yield return new GradedTurn(catalog.Name, blindCase.Id, i, turn, answer, grade, reason);
            state = answer.NextState;
        }
    }

    public static (Grade Grade, string Reason) GradeTurn(BlindTurn turn, Answer answer, BlindCatalog catalog)
    {
        var refused = answer.Intent == Intent.Unknown;
        switch (turn.Expect)
        {
            case "refuse":
                return refused ? (Grade.Right, "") : (Grade.Wrong, "answered a question the catalog cannot answer");
            case "action":
                if (refused)
                {
                    return (Grade.Refused, "refused a personal request");
                }
                var wanted = turn.Action switch
                {
                    "register" => Intent.Register,
                    "status" => Intent.AmIRegistered,
                    "cancel" => Intent.Cancel,
                    "my-sessions" => Intent.MySessions,
                    "change-sessions" => Intent.ChangeSessions,
                    _ => throw new InvalidOperationException($"unknown action {turn.Action}"),
                };
                if (answer.Intent != wanted)
                {
                    return (Grade.Wrong, $"intent {answer.Intent}, expected {wanted}");
                }
                return turn.Event is not null && answer.EventId is not null && answer.EventId != turn.Event
                    ? (Grade.Wrong, $"event {answer.EventId}, expected {turn.Event}")
                    : (Grade.Right, "");
            case "clarify":
                if (refused)
                {
                    return (Grade.Refused, "refused instead of asking back");
                }
                if (answer.Intent.ToString() != "Clarify")
                {
                    return (Grade.Wrong, $"intent {answer.Intent}, expected a question back");
                }
                var missing = (turn.Options ?? []).Select(id => catalog.Events.First(e => e.Id == id))
                    .Where(e => !Contains(answer.Text, e.Title)).Select(e => e.Title).ToList();
                return missing.Count == 0 ? (Grade.Right, "") : (Grade.Wrong, $"does not offer {string.Join(", ", missing)}");
            case "answer":
                if (refused)
                {
                    return (Grade.Refused, "refused an answerable question");
                }
                if (answer.IsPersonal)
                {
                    return (Grade.Wrong, $"took a question as the personal request {answer.Intent}");
                }
                if (turn.Event is not null && answer.EventId is not null && answer.EventId != turn.Event)
                {
                    return (Grade.Wrong, $"event {answer.EventId}, expected {turn.Event}");
                }
                var absent = (turn.Facts ?? []).Where(f => !HasFact(answer.Text, f)).Select(Describe).ToList();
                return absent.Count == 0 ? (Grade.Right, "") : (Grade.Wrong, $"missing {string.Join("; ", absent)}");
            default:
                throw new InvalidOperationException($"unknown expectation {turn.Expect}");
        }
    }

    public static bool HasFact(string text, BlindFact fact)
    {
        if (fact.Date is { } date)
        {
            var folded = Fold(text);
            return DateForms(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Any(form => Regex.IsMatch(folded, $@"(?<!\d){Regex.Escape(Fold(form))}(?!\d)"));
        }
        if (fact.Time is { } time)
        {
            return TimeForms(TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture)).Any(form => Regex.IsMatch(text, $@"(?<![\d:.]){Regex.Escape(form)}(?![\d])", RegexOptions.IgnoreCase));
        }
        if (fact.Text is { } piece)
        {
            return Contains(text, piece);
        }
        if (fact.Number is { } number)
        {
            var digits = number.ToString(CultureInfo.InvariantCulture);
            var german = number.ToString(CultureInfo.GetCultureInfo("de-DE"));
            return Regex.IsMatch(text, $@"(?<![\d.,]){Regex.Escape(digits)}(?![\d])") || Regex.IsMatch(text, $@"(?<![\d.,]){Regex.Escape(german)}(?![\d])");
        }
        if (fact.Cancelled == true)
        {
            return Regex.IsMatch(text, @"abgesagt|cancell?ed|fällt aus|findet nicht statt", RegexOptions.IgnoreCase);
        }
        if (fact.Yes == true)
        {
            return YesOrNo().Match(text) is { Success: true } m && m.Groups["yes"].Success;
        }
        if (fact.No == true)
        {
            return YesOrNo().Match(text) is { Success: true } m && m.Groups["no"].Success;
        }
        throw new InvalidOperationException("empty fact");
    }

    /// <summary>Spellings of a date a German or English answer may use.</summary>
    public static IEnumerable<string> DateForms(DateOnly date)
    {
        var de = CultureInfo.GetCultureInfo("de-DE");
        var en = CultureInfo.GetCultureInfo("en-GB");
        yield return date.ToString("d. MMMM", de);
        yield return date.ToString("dd.MM.", de);
        yield return date.ToString("d.M.", de);
        yield return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return date.ToString("d MMMM", en);
        yield return date.ToString("MMMM d", en);
    }

    /// <summary>Spellings of a clock time: 15:30, 15.30, 15 Uhr (full hours), 3:30 pm, 3 pm.</summary>
    public static IEnumerable<string> TimeForms(TimeOnly time)
    {
        yield return time.ToString("HH:mm", CultureInfo.InvariantCulture);
        yield return time.ToString("H:mm", CultureInfo.InvariantCulture);
        yield return time.ToString("HH.mm", CultureInfo.InvariantCulture);
        yield return time.ToString("H.mm", CultureInfo.InvariantCulture);
        var hour12 = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var suffix = time.Hour < 12 ? "am" : "pm";
        yield return $"{hour12}:{time.Minute:00} {suffix}";
        yield return $"{hour12}:{time.Minute:00}{suffix}";
        if (time.Minute == 0)
        {
            yield return $"{time.Hour} Uhr";
            yield return $"{hour12} {suffix}";
            yield return $"{hour12}{suffix}";
        }
    }

    public static bool Contains(string text, string piece) =>
        Fold(text).Contains(Fold(piece), StringComparison.Ordinal);

    /// <summary>Case, white space, typographic dashes and quotes do not decide whether a fact is there.</summary>
    private static string Fold(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Normalize(NormalizationForm.FormC).ToLowerInvariant())
        {
            var folded = c switch
            {
                '–' or '—' or '‑' => '-',
                '„' or '“' or '”' or '»' or '«' => '"',
                '‚' or '‘' or '’' => '\'',
                '\u00a0' or '\u202f' => ' ',
                _ => c,
            };
            if (char.IsWhiteSpace(folded))
            {
                space = true;
                continue;
            }
            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }
            space = false;
            builder.Append(folded);
        }
        return builder.ToString();
    }

    private static string Describe(BlindFact fact) =>
        fact.Date ?? fact.Time ?? fact.Text ?? fact.Number?.ToString(CultureInfo.InvariantCulture)
        ?? (fact.Cancelled == true ? "cancelled" : fact.Yes == true ? "yes" : fact.No == true ? "no" : "?");

    [GeneratedRegex(@"^\W*(?:(?<yes>ja|jawohl|yes)|(?<no>nein|no))\b", RegexOptions.IgnoreCase)]
    private static partial Regex YesOrNo();

    /// <summary>The frozen split: a case is held out when the first byte of the SHA-256 of its id is odd.</summary>
    public static bool IsHeldOut(string caseId) => (SHA256.HashData(Encoding.UTF8.GetBytes(caseId))[0] & 1) == 1;

    private static List<BlindCatalog> LoadCatalogs() =>
        [.. Directory.GetFiles(Root, "catalog-*.json").Order(StringComparer.Ordinal).Select(LoadCatalog)];

    private static BlindCatalog LoadCatalog(string path)
    {
        var file = JsonSerializer.Deserialize<BlindCatalogFile>(File.ReadAllText(path), Json)!;
        var events = file.Events.Select(e => e.Deserialize<CatalogEvent>(EventJson.Options)!).ToList();
        var seats = (file.Seats ?? []).ToDictionary(
            pair => pair.Key,
            pair => new SeatAvailability(pair.Value.Free, (IReadOnlyDictionary<string, int?>)(pair.Value.Sessions ?? [])));
        var name = Path.GetFileNameWithoutExtension(path)["catalog-".Length..];
        return new BlindCatalog(name, new CatalogView(events, seats, file.DefaultContact), file.Now, events);
    }

    private static List<BlindCase> LoadCases(string half, string catalog)
    {
        var path = Path.Combine(Root, half, $"questions-{catalog}.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<List<BlindCase>>(File.ReadAllText(path), Json)! : [];
    }
}
