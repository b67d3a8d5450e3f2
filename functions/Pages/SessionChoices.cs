using System.Text;
using VirServerless.Core.Events;
using VirServerless.Core.Registrations;

namespace VirServerless.Functions.Pages;

/// <summary>
/// The choosable sessions as form controls. Sessions that overlap form one slot of radio buttons (only one can be
/// attended); a session on its own is a checkbox. Each control says when a session is full and what choosing it means.
/// </summary>
public static class SessionChoices
{
    public const string FieldName = "sessions";

    public static IReadOnlyList<IReadOnlyList<Session>> Slots(CatalogEvent ev)
    {
        var slots = new List<List<Session>>();
        foreach (var session in ev.ChoosableSessions.OrderBy(s => s.Start))
        {
            var slot = slots.FirstOrDefault(group => group.Any(other => other.Start < session.End && session.Start < other.End));
            if (slot is null)
            {
                slots.Add([session]);
            }
            else
            {
                slot.Add(session);
            }
        }
        return slots;
    }

    /// <summary>All chosen session ids of a posted form: the checkboxes plus one radio group per slot.</summary>
    public static List<string> FromForm(IFormCollection form) =>
        [.. form.Where(f => f.Key == FieldName || f.Key.StartsWith(FieldName + "-", StringComparison.Ordinal))
            .SelectMany(f => f.Value.OfType<string>()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The controls. <paramref name="chosen"/> maps session id to a state note shown after the title (may be empty);
    /// <paramref name="describedBy"/> is the id of the group's error message, if any.
    /// </summary>
    public static string Render(CatalogEvent ev, SeatCounters seats, IReadOnlyDictionary<string, string> chosen, string? describedBy)
    {
        var sb = new StringBuilder();
        var slots = Slots(ev);
        var invalid = describedBy is null ? "" : $" aria-describedby=\"{describedBy}\" aria-invalid=\"true\"";
        var first = true;
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            if (slot.Count == 1)
            {
                sb.Append("<div class=\"choice\">");
                sb.Append(Control("checkbox", FieldName, slot[0], seats, chosen, first, invalid));
                sb.Append("</div>\n");
            }
            else
            {
                var name = $"{FieldName}-{i + 1}";
                var start = slot.Min(s => s.Start);
                var end = slot.Max(s => s.End);
                sb.Append($"<fieldset class=\"slot\"><legend>Parallel: {Layout.E(BerlinTime.Range(start, end))} (höchstens eine Auswahl)</legend>\n");
                foreach (var session in slot)
                {
                    sb.Append("<div class=\"choice\">").Append(Control("radio", name, session, seats, chosen, first, invalid)).Append("</div>\n");
                    first = false;
                }
                var none = slot.All(s => !chosen.ContainsKey(s.Id)) ? " checked" : "";
                sb.Append($"<div class=\"choice\"><input type=\"radio\" id=\"{name}-keine\" name=\"{name}\" value=\"\"{none}> <label for=\"{name}-keine\">Keine davon</label></div>\n");
                sb.Append("</fieldset>\n");
            }
            first = false;
        }
        return sb.ToString();
    }

    private static string Control(string type, string name, Session session, SeatCounters seats, IReadOnlyDictionary<string, string> chosen, bool first, string invalid)
    {
        var id = first ? "f-sessions" : $"s-{session.Id}";
        var free = seats.SessionFree(session);
        var full = free is 0;
        var hintId = $"{id}-hinweis";
        var seatText = free switch
        {
            null => "freie Platzwahl",
            0 => "ausgebucht – Warteliste",
            1 => "noch 1 Platz frei",
            _ => $"noch {free} Plätze frei",
        };
        var hint = full ? "Wenn Sie diesen Programmpunkt wählen, kommen Sie auf seine Warteliste und rücken automatisch nach, sobald ein Platz frei wird." : "";
        var state = chosen.TryGetValue(session.Id, out var note) ? note : null;
        var describedBy = full ? $" aria-describedby=\"{hintId}\"" : "";
        if (invalid.Length > 0)
        {
            describedBy = full ? invalid.Replace("aria-describedby=\"", $"aria-describedby=\"{hintId} ", StringComparison.Ordinal) : invalid;
        }
        return $"""
            <input type="{type}" id="{id}" name="{name}" value="{Layout.E(session.Id)}"{(state is null ? "" : " checked")}{describedBy}{(full ? $" data-ausgebucht=\"{Layout.E(session.Title)}\"" : "")}>
            <label for="{id}">{Layout.E(session.Title)} <span class="meta">({Layout.E(BerlinTime.Range(session.Start, session.End))}{(session.Room is null ? "" : ", " + Layout.E(session.Room))}; <span class="{(full ? "full" : "seats")}">{seatText}</span>){(string.IsNullOrEmpty(state) ? "" : $" <strong>{Layout.E(state)}</strong>")}</span></label>
            {(full ? $"<p class=\"hint\" id=\"{hintId}\">{hint}</p>" : "")}
            """;
    }
}
