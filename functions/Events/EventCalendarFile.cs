using System.Text;
using Microsoft.Extensions.Options;
using VirServerless.Core.Calendar;
using VirServerless.Core.Events;
using VirServerless.Core.Mail;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Functions.Hosting;
using VirServerless.Core.Storage.Events;

namespace VirServerless.Functions.Events;

/// <summary><c>GET /api/events/{id}/calendar.ics</c>: the public calendar entry (METHOD:PUBLISH), no personal data.</summary>
public static class EventCalendarFile
{
    public static async Task<IResult> GetAsync(string id, EventStore events, RegistrationMails mails, IOptions<MailOptions> mail, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var stored = await events.GetAsync(id, cancellationToken);
        if (stored is null || stored.Event.Status == EventStatus.Draft)
        {
            return Problems.NotFound();
        }
        var entry = EventCalendar.ForPublic(stored.Event, mails.EventLink(stored.Event), new MailAddress(mail.Value.SenderAddress, mail.Value.SenderName));
        var text = CalendarWriter.Write([entry], CalendarMethod.Publish, timeProvider.GetUtcNow());
        return TypedResults.File(Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", $"{id}.ics");
    }
}
