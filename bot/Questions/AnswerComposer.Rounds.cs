using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

public sealed partial class AnswerComposer
{
    /// <summary>
    /// The choosable workshops of an event in rounds: sessions that overlap in time run in parallel, so one is chosen from
    /// each round. Read from the sessions' times, since the catalog has no field for a round.
    /// </summary>
    public static List<List<Session>> Rounds(CatalogEvent ev)
    {
        var rounds = new List<List<Session>>();
        var roundEnd = DateTimeOffset.MinValue;
        foreach (var session in ev.ChoosableSessions.Where(s => s.Kind is SessionKind.Workshop or SessionKind.Other).OrderBy(s => s.Start).ThenBy(s => s.End))
        {
            if (rounds.Count == 0 || session.Start >= roundEnd)
            {
                rounds.Add([]);
            }

            rounds[^1].Add(session);
            roundEnd = session.End > roundEnd || rounds[^1].Count == 1 ? session.End : roundEnd;
        }

        return rounds;
    }

    /// <summary>
    /// "Welche AGs gibt es in der ersten Runde?" (<paramref name="number"/> 1 of <paramref name="count"/>), and with
    /// <paramref name="fullOnly"/> "welche davon ist voll?": the booked-out ones first, the others with their free seats.
    /// The next state remembers the round by its first session, so "und in der anderen Runde?" can follow.
    /// </summary>
    public Answer Round(CatalogEvent ev, IReadOnlyList<Session> round, int? number, int count, ConversationState state, bool fullOnly, bool? yes = null)
    {
        var sameTime = round.All(s => s.Start == round[0].Start && s.End == round[0].End);
        var when = sameTime ? $" ({BerlinTime.Date(round[0].Start, language)}, {BerlinTime.Span(round[0].Start, round[0].End, language)})" : string.Empty;
        var name = number is { } n
            ? (En ? $"Round {n} of {count} at {Quote(ev.Title)}{when}" : $"Runde {n} von {count} bei {Quote(ev.Title)}{when}")
            : (En ? $"The workshops at {Quote(ev.Title)}" : $"Die Arbeitsgruppen bei {Quote(ev.Title)}");
        string Line(Session s) => (sameTime ? s.Title + (s.Room is null ? string.Empty : $" ({s.Room})") : SessionLine(s)) + SeatSuffix(ev, s);

        string text;
        if (fullOnly)
        {
            var full = round.Where(s => SessionFree(ev, s) is <= 0).ToList();
            var open = round.Where(s => !full.Contains(s)).ToList();
            text = full.Count == 0
                ? (En ? $"{name}: none is fully booked. " : $"{name}: Keine ist ausgebucht. ") + string.Join("; ", open.Select(Line)) + "."
                : (En ? $"{name}: fully booked: " : $"{name}: Ausgebucht: ") + string.Join("; ", full.Select(s => s.Title))
                    + (open.Count > 0 ? (En ? ". Still open: " : ". Noch frei: ") + string.Join("; ", open.Select(Line)) : string.Empty) + ".";
        }
        else
        {
            text = $"{name}: " + string.Join("; ", round.Select(Line)) + ".";
        }

        if (yes is { } y)
        {
            text = (y ? (En ? "Yes. " : "Ja. ") : (En ? "No. " : "Nein. ")) + text;
        }

        var answer = Make(Intent.Workshops, text, ev, null, ProgrammeFacts(round), state);
        return number is null ? answer : answer with { NextState = answer.NextState with { SessionId = round[0].Id } };
    }

    /// <summary>The free seats of a choosable session (null: unlimited or not counted).</summary>
    public int? SessionFree(CatalogEvent ev, Session session) =>
        catalog.Seats.TryGetValue(ev.Id, out var seats) && seats.SessionFree.TryGetValue(session.Id, out var free) ? free : null;

    /// <summary>The FAQ entry whose own question asks how many of one organisation may come ("Wie viele Personen je Kommune?").</summary>
    private static FaqEntry? CapEntry(CatalogEvent ev) =>
        (ev.Faq ?? []).FirstOrDefault(f => IntentClassifier.AsksForCap([.. Tokenizer.Words(f.Question).Select(w => w.Joined)]));

    /// <summary>"Macht die auch einen Workshop?": "Ja" with the workshops whose speakers name that person, or "Nein".</summary>
    public Answer WorkshopsOf(CatalogEvent ev, string person, ConversationState state)
    {
        var name = PersonName(person);
        var led = ListedWorkshops(ev).Where(s => (s.Speakers ?? []).Any(sp => string.Equals(PersonName(sp), name, StringComparison.OrdinalIgnoreCase))).ToList();
        var text = led.Count > 0
            ? (En ? "Yes. " : "Ja. ") + string.Join("; ", led.Select(s => SessionLine(s) + SeatSuffix(ev, s))) + "."
            : En ? $"No, {name} leads none of the workshops at {Quote(ev.Title)}." : $"Nein, {name} leitet keine der Arbeitsgruppen bei {Quote(ev.Title)}.";
        return Make(Intent.Workshops, text, ev, led.Count == 1 ? led[0] : null, ProgrammeFacts(led), state);
    }

    /// <summary>"Leitung: Dr. Anna Beck, Stadt Aurich" → "Dr. Anna Beck": the name without role and office.</summary>
    private static string PersonName(string speaker)
    {
        var name = speaker.Split(',')[0];
        return name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
