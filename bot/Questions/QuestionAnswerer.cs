using System.Text.RegularExpressions;
using VirServerless.Core.Events;

namespace VirServerless.Bot.Questions;

/// <summary>
/// Answers one question about the event catalog, deterministically and German first. It never guesses: when the
/// catalog does not hold the answer, or the question names something the catalog does not know, the answer is a
/// polite "Das weiß ich leider nicht" with the organiser's contact.
/// </summary>
public sealed partial class QuestionAnswerer(TimeProvider timeProvider)
{
    public Answer Answer(string question, CatalogView catalog, ConversationState state)
    {
        var answer = AnswerQuestion(question, catalog, state);
        // "and the one after that?" right after the seats of a meeting: the same field of the next one, and which one that is,
        // by its date (the follow-up named it by order only).
        if (answer.EventId is { } switched && state.EventId is { } before && switched != before && state.LastIntent == answer.Intent
            && answer.Intent is Intent.FreeSeats or Intent.Fee or Intent.Deadline or Intent.RegistrationState or Intent.Contact or Intent.Host
                or Intent.Waitlist or Intent.PerOrganisation or Intent.Topics or Intent.Speakers
            && (question ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6
            && CatalogIndex.For(catalog) is var index && QuestionParser.Parse(question ?? string.Empty, index) is var q
            && EventResolver.NamesByOrderOnly(q) && index.Find(switched) is { } next)
        {
            return answer with { Text = answer.Text + AnswerComposer.DateNote(next.Event, answer.Language) };
        }

        return answer;
    }

    private Answer AnswerQuestion(string question, CatalogView catalog, ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(state);

        var index = CatalogIndex.For(catalog);
        var now = timeProvider.GetUtcNow();
        var q = QuestionParser.Parse(question ?? string.Empty, index);
        // "nächstes Jahr" names a year as much as "2028" does: an event of another year does not answer it.
        if (q.Year is null && DateExpressions.RelativeYear(q.Text, BerlinTime.Day(now).Year) is { } relativeYear)
        {
            q = q with { Year = relativeYear };
        }

        // "morgen", "übermorgen": a calendar day as much as "am 18.2." is.
        if (q.Day is null && DateExpressions.RelativeDay(q.Normalized) is { } daysAhead)
        {
            var ahead = BerlinTime.Day(now).AddDays(daysAhead);
            q = q with { Day = new DaySlot(null, null, ahead.Day, ahead.Month) };
        }

        // "das Treffen nächste Woche": a calendar week, whose words name a time and no subject.
        if (DateExpressions.RelativeWeek(q.Normalized) is { } weeksAhead)
        {
            var today = BerlinTime.Day(now);
            q = q with
            {
                Week = today.AddDays(7 * weeksAhead - ((int)today.DayOfWeek + 6) % 7),
                Terms = [.. q.Terms.Where(t => !WeekTerms.Contains(t))],
                UnknownWords = [.. q.UnknownWords.Where(w => !DateExpressions.WeekWords.Contains(w))],
            };
        }

        var compose = new AnswerComposer(LanguageDetector.Detect(q, state.Language), now, catalog)
        {
            YesNoQuestion = IntentClassifier.IsYesNo(q),
            AsksIfCancelled = IntentClassifier.AsksIfCancelled(q),
            AsksIfFull = IntentClassifier.AsksIfFull(q),
            AsksWhy = IntentClassifier.AsksWhy(q),
            AsksHowLong = q.HasWord("dauert", "dauer", "duration", "lasts", "last") || (q.HasWord("lange", "long") && q.HasWord("wie", "how")),
        };
        var intent = IntentClassifier.Classify(q);
        // "Was, wenn meine Wunsch-AG voll ist?" asks what happens then: a question, not the personal request it mentions.
        var hypothetical = Hypothetical().IsMatch(q.Text);
        if (intent is Intent.Register or Intent.AmIRegistered or Intent.Cancel or Intent.MySessions or Intent.ChangeSessions && hypothetical)
        {
            intent = Intent.Unknown;
        }

        // "Rundgang am Vormittag noch Plätze frei?": a seat question without a question word expects a yes or no.
        // ("noch was frei?": "was" inside the sentence is "etwas", no question word.)
        if (intent == Intent.FreeSeats && q.Words[0] != "was"
            && !q.HasWord("wie", "wieviel", "wieviele", "viele", "wann", "wo", "wer", "welche", "welcher", "welches", "welchen", "warum",
                "how", "when", "where", "who", "what", "which", "why"))
        {
            compose.YesNoQuestion = true;
        }

        // "barrierefrei?", "rollstuhlgerecht?": an accessibility question without a question word expects a yes or no.
        // So does "Anmeldung offen?", the registration state asked without a verb.
        if ((intent == Intent.Where && IntentClassifier.AsksForAccessibility(q) || intent == Intent.RegistrationState) && !q.HasWord(QuestionWords))
        {
            compose.YesNoQuestion = true;
        }

        var resolution = EventResolver.Resolve(q, index, state, now);
        // "Wer ist eigentlich Sprecherin der AG?" where every event meant names that role in its contact: the contact.
        if (intent is Intent.Speakers or Intent.Unknown && IntentClassifier.AsksWho(q)
            && (resolution.Ambiguous.Count > 0 ? resolution.Ambiguous : resolution.Event is { } roleEvent ? [roleEvent] : []) is { Count: > 0 } roleEvents
            && roleEvents.All(e => IntentClassifier.NamesContactRole(q, e.Event.Contact)))
        {
            intent = Intent.Contact;
        }

        // "was ist in den 95 Euro drin?": an amount that only one coming event's fee names picks that event.
        if (!resolution.Explicit && (intent == Intent.Fee || q.HasWord("euro", "eur"))
            && FeeNamed(q, [.. index.Events.Where(e => e.Event.End >= now && e.Event.Status != EventStatus.Cancelled)]) is { } byFee)
        {
            resolution = new EventResolution(byFee, Explicit: true, NotFound: false);
        }

        // "wann kommt die Rechnung für die Teilnahmegebühr?": paying presumes a fee, so of the events meant the one that charges one.
        if (!resolution.Explicit && resolution.Ambiguous.Count > 1 && (IntentClassifier.AsksHowToPay(q) || IntentClassifier.SpeaksOfPayment(q.Text))
            && resolution.Ambiguous.Where(e => e.Event.Registration?.Fee is { } fee && !FreeFee().IsMatch(GermanNormalizer.Normalize(fee))).ToList() is [var charging])
        {
            resolution = new EventResolution(charging, Explicit: true, NotFound: false) { Fitting = resolution.Fitting };
        }

        // "muss ich bei der Busfahrt mit?" where one event has a "Busrundfahrt" and another a "Stadtführung" (both excursions):
        // the event whose session title holds the word as typed is meant.
        if (!resolution.Explicit && resolution.Ambiguous.Count > 1 && WordFormHolders(q, resolution.Ambiguous, index) is [var holder])
        {
            resolution = new EventResolution(holder, Explicit: true, NotFound: false) { Fitting = resolution.Fitting };
        }

        // "Ist die Anmeldung noch offen?" while an event is under way whose registration has closed: the events one can still
        // register for are meant, and with several of them the bot asks back.
        if (resolution is { Underway: true, Explicit: false, Event: { } runningEvent } && intent is Intent.RegistrationState or Intent.FreeSeats or Intent.PerOrganisation
                or Intent.Deadline or Intent.Waitlist
            && runningEvent.Event.Registration?.Closes < now && q.Day is null && q.TimeOfDay is null && RetrievalTerms(q, index, resolution).Count == 0
            && index.Events.Where(e => e != runningEvent && e.Event.Status != EventStatus.Cancelled
                    && e.Event.Registration is { } registration && registration.Opens <= now && now <= registration.Closes)
                .OrderBy(e => e.Event.Start).ToList() is { Count: > 0 } bookableNow)
        {
            resolution = new EventResolution(bookableNow[0], Explicit: false, NotFound: false)
            {
                Ambiguous = bookableNow.Count > 1 ? bookableNow : [], Fitting = bookableNow,
            };
        }

        // "heute", "gerade" on the day of an event: that day of it, and "gerade" the programme at this moment.
        // ("Bis wann geht das heute?" asks for the event's end, not the day's programme.)
        if (q.Day is null && intent != Intent.When && resolution.Event?.Event is { } onToday && EventResolver.AsksAboutToday(q)
            && BerlinTime.Day(onToday.Start) <= BerlinTime.Day(now) && BerlinTime.Day(now) <= BerlinTime.Day(onToday.End))
        {
            var today = BerlinTime.Day(now);
            q = q with { Day = new DaySlot(null, null, today.Day, today.Month) };
            if (q.TimeOfDay is null && intent is Intent.Unknown or Intent.Programme && EventResolver.AsksAboutThisMoment(q)
                && onToday.Start <= now && now <= onToday.End)
            {
                q = q with { TimeOfDay = BerlinTime.MinuteOfDay(now) };
                intent = Intent.ProgrammeAtTime;
            }
        }

        // "und was kommt danach?" right after the programme at a time or a session: the item that begins next, after that
        // session or, at an event under way, after now.
        // ("was kommt als nächstes?" at an event under way: the item after now.)
        var followsInProgramme = EventResolver.FollowsInProgramme(q, state);
        var nextItem = false;
        if ((followsInProgramme ? index.Find(state.EventId) : resolution.Underway && EventResolver.AsksNextItem(q) ? resolution.Event : null) is { } programmeEvent
            && (followsInProgramme && programmeEvent.Event.FindSession(state.SessionId ?? string.Empty) is { } lastSession ? lastSession.End
                : followsInProgramme && state.LastMinute is { } shownAt && ShownUntil(programmeEvent.Event, shownAt, state.Day) is { } shownEnd ? shownEnd
                : programmeEvent.Event.Start <= now && now <= programmeEvent.Event.End ? now : (DateTimeOffset?)null) is { } from
            && programmeEvent.Event.Programme.Where(s => s.Start >= from).MinBy(s => s.Start) is { } following)
        {
            var followingDay = BerlinTime.Day(following.Start);
            resolution = new EventResolution(programmeEvent, Explicit: true, NotFound: false);
            q = q with { Day = new DaySlot(null, null, followingDay.Day, followingDay.Month), TimeOfDay = BerlinTime.MinuteOfDay(following.Start) };
            intent = Intent.ProgrammeAtTime;
            nextItem = true;
        }

        // "gestern" on the second day of an event: its first day.
        if (q.Day is null && resolution.Event?.Event is { } begun && EventResolver.AsksAboutYesterday(q)
            && BerlinTime.Day(now).AddDays(-1) is var yesterday
            && BerlinTime.Day(begun.Start) <= yesterday && yesterday <= BerlinTime.Day(begun.End))
        {
            q = q with { Day = new DaySlot(null, null, yesterday.Day, yesterday.Month) };
        }

        // "wann ist das nächste AG-Treffen?": the working group's name is the event's name, not a question about its workshops.
        if (intent == Intent.Workshops && resolution is { Explicit: true, Event: { } meeting } && meeting.NameTerms.Contains(Lexicon.Workshop)
            && EventResolver.NamesMeetingsOf(q, Lexicon.Workshop)
            // ("wann ist das AG-Treffen?" asks when the meeting is, even where it has breakout groups to choose.)
            && (!meeting.Event.Programme.Any(s => s.Choosable) || (q.HasWord("wann", "when") && !q.HasWord("ags", "workshops", "arbeitsgruppen"))))
        {
            intent = IntentClassifier.Classify(q with { Terms = [.. q.Terms.Where(t => t != Lexicon.Workshop)] });
        }

        // "wann ist die Online-Session?" of an event with no workshops to choose: "Session" speaks of the event itself.
        if (intent == Intent.Workshops && !q.HasTerm(Lexicon.Workshop) && resolution is { Explicit: true, Event: { } sessionEvent }
            && AnswerComposer.ListedWorkshops(sessionEvent.Event).Count == 0
            && q.Words.Where(w => w is not ("session" or "sessions")).ToList() is { Count: > 0 } withoutSession)
        {
            intent = IntentClassifier.Classify(q with { Words = withoutSession, Text = string.Join(' ', withoutSession) });
        }

        var kindNamed = IntentClassifier.SessionKindNamed(q);
        // "Wann sind die Stände offen?" with a marketplace and a conference ahead: only one of them has stations.
        if (kindNamed is { } kind && resolution.Ambiguous.Count > 1
            && resolution.Ambiguous.Where(e => e.Event.Programme.Any(s => s.Kind == kind)).ToList() is { Count: > 0 } having
            && having.Count < resolution.Ambiguous.Count)
        {
            resolution = having.Count == 1 ? new EventResolution(having[0], resolution.Explicit, NotFound: false) : resolution with { Ambiguous = having };
        }

        // The answer to "Welche Veranstaltung meinen Sie?" completes the question asked before.
        if (state.Pending is { } pending && resolution.Explicit && intent == Intent.Unknown && q.UnknownWords.Count == 0)
        {
            return Answer(pending + " " + question, catalog, state with { Pending = null });
        }

        state = state with { Pending = null };
        // "aus welcher Kommune kommt der?" right after who gives a session: the one speaker's entry says where they come from.
        if (state.LastIntent is Intent.Speakers or Intent.SessionInfo && IntentClassifier.AsksWhereFrom(q.Text) && !NamesAnEvent(q, index)
            && index.Find(state.EventId) is { } spoken && spoken.Event.FindSession(state.SessionId ?? string.Empty) is { Speakers: [_] } spokenSession)
        {
            return compose.Speakers(spoken.Event, [spokenSession], state);
        }

        // "which company is Rieke Janßen from?": the speaker named, with the organisation the catalog gives after the name.
        if (IntentClassifier.AsksWhereSomeoneIsFrom(q.Normalized) && NamedSpeaker(q, index, now) is var (speakerEvent, speakerSession))
        {
            return compose.Speakers(speakerEvent, [speakerSession], state);
        }

        if (RoundAnswer(q, index, resolution, state, compose, intent) is { } roundAnswer)
        {
            return roundAnswer;
        }

        if (SameKindInPartOfDay(q, index, resolution, state, compose, intent) is { } alikeAnswer)
        {
            return alikeAnswer;
        }

        // "Was hat das Modellprojekt gekostet?": the catalog's fee is what taking part in the event costs, never a project's cost.
        if (intent == Intent.Fee && q.Words.Any(w => w.Contains("projekt", StringComparison.Ordinal) || w is "project" or "projects")
            && !q.Words.Any(w => EventWordParts.Any(part => w.Contains(part, StringComparison.Ordinal))))
        {
            intent = Intent.Unknown;
            compose.YesNoQuestion = false;
            return compose.Unknown(resolution.Event?.Event, state);
        }

        // "Wie lange lief das Modellprojekt?": a project's run is no event's date or programme.
        if (intent is Intent.When or Intent.Programme && compose.AsksHowLong
            && q.Words.Any(w => w.Contains("projekt", StringComparison.Ordinal) || w is "project" or "projects")
            && !q.Words.Any(w => EventWordParts.Any(part => w.Contains(part, StringComparison.Ordinal))))
        {
            return compose.Unknown(resolution.Event?.Event, state);
        }

        // "gibt es noch ein viertes AG-Treffen?" over a series of three: no, and which one is the last.
        if (resolution is { NotFound: true, Fitting: [var firstMeeting, _, ..] } && AsksIfExists(q) && q.UnknownWords.Count == 0
            && resolution.Fitting.All(e => EventResolver.SameSeries(e, firstMeeting)))
        {
            return compose.NoFurtherMeeting(resolution.Fitting.MaxBy(e => e.Event.Start)!.Event, state);
        }

        // "Findet das Plenum noch dieses Jahr statt?": the next one named begins in a later year than asked, so "Nein", with its date.
        // Only of an event taken as known ("das Plenum"); "gibt es 2030 ein Plenum?" asks what the catalog cannot rule out.
        if (resolution.NotFound && q.Year is { } askedYear && compose.YesNoQuestion && intent is Intent.When or Intent.Unknown && q.UnknownWords.Count == 0
            && (!AsksIfExists(q) || (q.HasWord("das", "der", "die", "the") && !q.HasWord("ein", "eine", "einen", "a", "an", "any"))) && askedYear >= BerlinTime.Day(now).Year
            && EventResolver.Resolve(q with { Year = null }, index, state, now) is { Explicit: true, NotFound: false, Ambiguous.Count: 0, Event: { } inAnotherYear }
            && inAnotherYear.Event.Start > now && BerlinTime.Day(inAnotherYear.Event.Start).Year > askedYear && inAnotherYear.Event.Status != EventStatus.Cancelled)
        {
            return compose.OnTheDay(inAnotherYear.Event, false, state);
        }

        if (q.UnknownWords.Any(w => !StatedAboutOneself(q).Contains(w)) || resolution.NotFound || IntentClassifier.AsksOpinion(q)
            // "Wie viele aus meiner Gemeinde sind schon angemeldet?": the catalog counts free seats, not who registered.
            || (intent == Intent.PerOrganisation && IntentClassifier.AsksForRegisteredCount(q))
            // "Bekommen wir die Teilnehmerliste?": unless an FAQ entry speaks of such a list, the catalog holds none.
            || (IntentClassifier.AsksForParticipantList(q.Normalized)
                && !index.Events.Any(e => (e.Event.Faq ?? []).Any(f => IntentClassifier.AsksForParticipantList(GermanNormalizer.Normalize(f.Question + " " + f.Answer))))))
        {
            // Only an event the user named (now or in the previous turn) lends its contact to the refusal.
            var named = resolution.Explicit || resolution.Event?.Event.Id == state.EventId ? resolution.Event?.Event : null;
            return compose.Unknown(named, state);
        }

        // "was kommt nach dem Fachtag?", "die Veranstaltung vor dem Marktplatz": which event that is, and when and where.
        if (resolution is { Ordered: true, Event: { } orderedEvent } && intent == Intent.Unknown)
        {
            return compose.When(orderedEvent.Event, withPlace: true, state);
        }

        var retrievalTerms = RetrievalTerms(q, index, resolution);
        // "was zu Barrierefreiheit?", "die AG zur Barrierefreiheit": after "zu" the accessibility word names a subject, not the venue's access.
        if (IntentClassifier.AccessibilitySubject(q) is { } subject)
        {
            retrievalTerms = [.. retrievalTerms, subject];
            if (intent == Intent.Where && !q.HasWord("wo", "where", "raum", "room", "saal", "ort", "venue"))
            {
                intent = Intent.Unknown;
            }
        }
        // "am ersten Tag" fits only an event of several days, "am Donnerstag" one with a Thursday, and the first coming one of those;
        // of those, the ones that hold what the question names.
        if (q.Day is { } slot && resolution.Ambiguous.Count > 1
            && resolution.Ambiguous.Where(e => FitsDay(e.Event, slot)).OrderBy(e => e.Event.Start).ToList() is { Count: > 0 } onDay)
        {
            var holding = Fitting(onDay, retrievalTerms) is { Count: > 0 } fit ? fit : onDay;
            // ("the Thursday event in November" with two November Thursdays: the weekday pins no date within a month named.)
            resolution = holding.Count == 1 || (slot.Weekday is not null && !q.Words.Any(w => Lexicon.GermanMonths.Contains(w) || Lexicon.EnglishMonths.Contains(w)))
                ? new EventResolution(holding[0], Explicit: true, NotFound: false)
                : resolution with { Ambiguous = holding };
        }

        // "Kollegin sitzt im Rolli, kommt die in den Raum …?": the statement before the question is context, the question is searched.
        if (StatedTerms(q, index, resolution) is { Count: > 0 } stated && retrievalTerms.Any(t => !stated.Contains(t)))
        {
            retrievalTerms = [.. retrievalTerms.Where(t => !stated.Contains(t))];
        }
        if (intent is Intent.Greeting or Intent.Help)
        {
            return retrievalTerms.Count == 0 ? compose.Help(intent, state) : compose.Unknown(null, state);
        }

        // "bis wann?", "sind die kostenlos?" right after an FAQ answer ask about what that entry was about: the entry answers
        // again if it holds what is asked (a date, a price, a place), else nothing does.
        // ("bis wann geht das?" asks how long the event runs, whatever the entry was about.)
        if (state.LastIntent == Intent.Faq && state.LastFaq is { } lastFaq && retrievalTerms.Count == 0 && !NamesAnEvent(q, index)
            && !IntentClassifier.AsksHowToWithdraw(q.Text) && !IntentClassifier.AsksByPhone(q.Text)
            && !(intent == Intent.When && IntentClassifier.AsksUntilWhen(q) && q.HasWord("geht", "gehts", "dauert", "laeuft", "endet", "go", "last", "lasts", "run", "runs", "end", "ends"))
            && !IsPersonal(intent) && index.Find(state.EventId) is { } faqEvent
            && (faqEvent.Event.Faq ?? []).FirstOrDefault(f => f.Question == lastFaq) is { } lastEntry
            // "and who is presenting?" after the entry about the link asks for the programme's speakers, unless the entry names some.
            && !(intent == Intent.Speakers && !faqEvent.FaqFits[lastEntry].Shows(["speaker"]))
            && q.Words.SelectMany(IntentClassifier.CueClasses).Where(FaqFit.IsAttribute).ToList() is var askedAgain
            && (askedAgain.Count > 0 || compose.YesNoQuestion))
        {
            return askedAgain.Count > 0 && faqEvent.FaqFits[lastEntry].Shows(askedAgain)
                ? Checked(q, faqEvent.Event, compose, state, compose.Faq(faqEvent.Event, lastEntry, state), yesNoFaq: faqEvent.FaqFits[lastEntry].IsYesNoQuestion)
                : compose.Unknown(faqEvent.Event, state);
        }

        if (FaqDetailAgain(q, index, state, retrievalTerms, intent, compose.YesNoQuestion) is { } detail)
        {
            return Checked(q, detail.Event.Event, compose, state, compose.Faq(detail.Event.Event, detail.Entry, state),
                yesNoFaq: detail.Event.FaqFits[detail.Entry].IsYesNoQuestion);
        }

        // "und in Emden?" right after an FAQ answer asks that entry's question of the other event: only its own entries answer.
        if (intent == Intent.Unknown && state.LastIntent == Intent.Faq && state.LastFaq is { } askedBefore && IsFollowUp(q)
            && retrievalTerms.Count == 0 && resolution is { Explicit: true, Event: { } otherEvent } && otherEvent.Event.Id != state.EventId)
        {
            return Answer($"{askedBefore} {question}", catalog, state with { LastIntent = null, LastFaq = null });
        }

        // "und in Emden?" right after a question that got no answer asks that question again, which still has none here:
        // the date and place of the other event would be a guess at what was asked.
        if (intent == Intent.Unknown && state.LastIntent is null && state.EventId is not null && state.Pending is null && IsFollowUp(q)
            && retrievalTerms.Count == 0 && resolution is { Explicit: true, Event: { } unaskedEvent } && unaskedEvent.Event.Id != state.EventId)
        {
            return compose.Unknown(unaskedEvent.Event, state);
        }

        // "und in Vechta?", "und in der KI-AG?": the same question as before about another event or session.
        var inherited = false;
        // "und in der AG 4?" names a session by its label and nothing else: the field asked before carries over.
        var labels = LabelsNamed(question ?? string.Empty, q, index, state);
        var labelOnly = labels.Count > 0 && intent is Intent.Workshops or Intent.Unknown && retrievalTerms.All(t => t == Lexicon.Workshop);
        // "und in Jever?" after the list of workshops (or the programme, the stations) asks for that list of the other event.
        var otherEventOnly = retrievalTerms.Count == 0 && resolution.Explicit && resolution.Event is { } switchedTo && switchedTo.Event.Id != state.EventId;
        if ((intent == Intent.Unknown || labelOnly) && state.LastIntent is { } last && IsFollowUp(q) && q.Day is null && q.TimeOfDay is null
            && !q.HasWord("was", "what", "wie", "how", "wer", "who", "warum", "why")
            && (last is Intent.When or Intent.Where or Intent.FreeSeats or Intent.Fee or Intent.Deadline or Intent.Contact or Intent.Host
                or Intent.Waitlist or Intent.PerOrganisation or Intent.RegistrationState or Intent.Speakers or Intent.Topics
                || (otherEventOnly && last is Intent.Workshops or Intent.Programme or Intent.Stations)))
        {
            intent = last;
            inherited = true;
            compose.YesNoQuestion |= state.LastYesNo;
        }

        // "bis wann genau?", "and when does it close?" right after the registration state ask for its close.
        if (intent is Intent.When or Intent.Unknown && state.LastIntent is Intent.RegistrationState or Intent.Deadline && retrievalTerms.Count == 0
            && (IntentClassifier.AsksUntilWhen(q) || q.HasWord("bis", "until", "close", "closes", "closed", "closing", "schliesst")
                // "ab wieviel Uhr dann?" right after "die Anmeldung öffnet am …": from when registering is possible.
                || IntentClassifier.AsksFromWhen(q)))
        {
            intent = Intent.Deadline;
        }

        // "gibts in Leer auch so ne Grenze?" right after the cap per organisation asks for that cap.
        // ("und wenn wir zu viert sind?": a group's size asks the same of the cap.)
        if (intent == Intent.Unknown && state.LastIntent == Intent.PerOrganisation && (IntentClassifier.NamesLimit(q) || IntentClassifier.GroupSize(q) is not null))
        {
            intent = Intent.PerOrganisation;
        }

        // "wann ist die Keynote in Aurich?" – "und in Jever?": the same session of the other event, if it has one like it.
        var sessionBefore = inherited && otherEventOnly ? index.Find(state.EventId)?.Event.FindSession(state.SessionId ?? string.Empty) : null;

        // "kann ich den noch tauschen?" right after the workshops or the choice was the topic.
        if (intent is Intent.Unknown or Intent.When && IntentClassifier.AsksToChange(q)
            && (state.LastIntent is Intent.MySessions or Intent.ChangeSessions or Intent.Workshops
                // "dann tausch mich in den C": a choosable session named by its label is what one changes to.
                || (index.Find(state.EventId) is { } withLabels && labels.Any(l => withLabels.Labels.GetValueOrDefault(l) is { Choosable: true }))))
        {
            intent = Intent.ChangeSessions;
        }

        // "kann ich den noch tauschen auf den anderen?": the other session of the event talked about, not another event.
        if (intent is Intent.ChangeSessions or Intent.MySessions && index.Find(state.EventId) is { } talkedAbout && !NamesAnEvent(q, index))
        {
            resolution = new EventResolution(talkedAbout, Explicit: false, NotFound: false);
        }

        // "Kann ich stattdessen eine Kollegin schicken?": the one sent instead is part of a question about withdrawing, not its subject.
        // "online oder in Präsenz?": the venue answers, whatever it is called.
        if (IntentClassifier.AsksOnlineOrOnSite(q.Text))
        {
            retrievalTerms = [.. retrievalTerms.Where(t => !OnlineTerms.Contains(t))];
            compose.YesNoQuestion = false;
        }

        // "geht auch per Telefon?": the phone is what an entry must name (it is a contact cue otherwise).
        if (IntentClassifier.AsksByPhone(q.Text) && !IsPersonal(intent))
        {
            retrievalTerms = [.. retrievalTerms, Lexicon.Term("telefon")];
        }

        List<string> sentInstead = [];
        if (!IsPersonal(intent) && IntentClassifier.AsksHowToWithdraw(q.Text) && retrievalTerms.All(t => t is "kollege" or "stattdessen")
            && (resolution.Explicit || index.Find(state.EventId) is not null))
        {
            sentInstead = retrievalTerms;
            retrievalTerms = [];
        }

        var scope = SearchScope(q, resolution, index, state, now);
        // "Hafenrundgang" where the programme says "Rundgang durch Altstadt und Hafen": a compound no session or FAQ entry
        // holds is searched by its parts.
        retrievalTerms = [.. retrievalTerms.SelectMany(t => scope.Any(e => e.Programme.Knows(t) || e.Faq.Knows(t)) ? [t]
            : q.Words.FirstOrDefault(w => w.Length >= 8 && Lexicon.Term(w) == t) is { } word
                && index.DocumentTerms(word).Skip(1).ToList() is { Count: > 1 } parts ? parts : [t]).Distinct(StringComparer.Ordinal)];
        var session = retrievalTerms.Count > 0 ? ProgrammeSearch.FindSession(retrievalTerms, scope) : null;
        // "die Station zum digitalen Bauantrag" is a station, not a talk elsewhere that shares its title words, even when a
        // title word named the event of that talk.
        if (session is not null && kindNamed is { } namedKind && session.Session.Kind != namedKind
            && (ProgrammeSearch.FindSession(retrievalTerms, scope, s => s.Kind == namedKind)
                ?? ProgrammeSearch.FindSession(retrievalTerms, [.. index.Events.Where(e => e.Event.End >= now && !scope.Contains(e))], s => s.Kind == namedKind))
                is { } ofKind && ofKind.Matched.Count >= session.Matched.Count)
        {
            session = ofKind;
        }
        // A session whose description merely mentions the question's words ("einen Fachtag Datenschutz") is not what the
        // question names, unless the question asks for a session about them ("an welcher Station geht es um Chatbots?",
        // "ist ersetzendes Scannen Thema?").
        if (session is not null && !session.Matched.Overlaps(session.Event.NamingTerms[session.Session]) && intent != Intent.Topics
            && !q.Words.Any(w => Lexicon.Term(w) is Lexicon.Workshop or "station" or "vortrag" or "keynote" or "ausflug" or "diskussion"
                || w is "session" or "sessions" or "programmpunkt" or "sitzung" or "stand"))
        {
            session = null;
        }

        // "die Infoveranstaltung zu Smart City" asks for an event on that subject: a session whose speaker's office merely
        // bears the name is not one.
        if (session is not null && q.Words.Any(w => Lexicon.GenericEventWords.Contains(w)) && !IntentClassifier.AsksWho(q)
            && !session.Matched.Overlaps(session.Event.SubjectTerms(session.Session)))
        {
            session = null;
        }

        // Only the FAQ check reads them, and most questions never get there.
        HashSet<string>? namedKeys = null;
        var asked = q.Words.SelectMany(IntentClassifier.CueClasses).ToHashSet(StringComparer.Ordinal);
        // "Was kostet eine Nacht?" asks for a price, "Wer trägt die Kosten?" does not.
        // ("Parken kostet da was?": "was" inside the sentence is "etwas".)
        if (asked.Contains("fee") && (q.Words[0] == "was" || q.HasWord("wie", "what", "how", "viel", "much", "teuer")))
        {
            asked.Add("price");
        }

        var faq = retrievalTerms.Count > 0 ? ProgrammeSearch.FindFaq(retrievalTerms, scope,
                // Every content word must be in the entry or name its event: "hat das Hotel einen Parkplatz?" is not the hotel entry.
                (e, f, matched) => e.FaqFits[f].Answers(namedKeys ??= NamedKeys(q, index, state), asked) && retrievalTerms.All(t => matched.Contains(t) || e.OwnTerms.Contains(t))) : null;
        // "Workshop B", "AG 2", "Stand 5" name one session; a label the programme lacks ("Workshop F") is not guessed.
        if (labels.Count > 0 && !IsPersonal(intent))
        {
            var labelled = scope.Select(e => (Event: e, Session: labels.Select(l => e.Labels.GetValueOrDefault(l)).FirstOrDefault(x => x is not null)))
                .FirstOrDefault(x => x.Session is not null);
            if (labelled.Session is null)
            {
                return compose.Unknown(resolution.Explicit ? resolution.Event?.Event : null, state);
            }

            var matched = retrievalTerms.Where(t => labelled.Event.Programme.Contains(labelled.Session, t)).ToHashSet(StringComparer.Ordinal);
            session = new SessionMatch(labelled.Event, labelled.Session, matched, []);
            faq = null;
        }

        // "auch die Übernachtung?" after what the fee includes asks whether it is included too.
        compose.YesNoQuestion |= faq is not null && q.Words[0] is "auch" or "also" && !q.HasWord(QuestionWords);
        // "Which hotels are near?" is not answered by an entry that names overnight stays only to say they are not included.
        if (faq is not null && !compose.YesNoQuestion && !index.DocumentTerms(faq.Entry.Question).Any(faq.Matched.Contains)
            && Polarity.Of(faq.Entry.Answer, [.. faq.Matched], index) == false)
        {
            faq = null;
        }

        if (faq is not null && faq.Matched.Count < 2 && !faq.Event.FaqFits[faq.Entry].IsSpecific && intent is Intent.Deadline or Intent.Fee or Intent.Contact or Intent.Host
            or Intent.Waitlist or Intent.PerOrganisation or Intent.RegistrationState or Intent.FreeSeats or Intent.Stations)
        {
            faq = null;
        }

        // "wie wird das Wetter?" is not the entry that asks for "wetterfeste Kleidung": a word found only inside a longer word of
        // the entry's answer, and not in its question, is not what the entry is about.
        if (faq is not null && faq.Matched.Count > 0 && WholeWordTerms(faq.Entry) is var entryWords && !faq.Matched.Any(entryWords.Contains))
        {
            faq = null;
        }

        // "kann ich die Folien von der Station bekommen?": an entry about the talks' slides does not speak for the stations.
        if (faq is not null && kindNamed == SessionKind.Station && GermanNormalizer.Normalize(faq.Entry.Question + " " + faq.Entry.Answer) is var entryText
            && !IntentClassifier.SpeaksOfStations(entryText) && index.DocumentTerms(entryText).Any(t => t is "vortrag" or "keynote"))
        {
            faq = null;
        }

        // "Welche Firmen stellen aus?" asks for a list: an entry that answers "Dürfen auch Firmen teilnehmen?" holds none.
        if (faq is not null && IntentClassifier.AsksWhichOf(q, faq.Matched) && faq.Event.FaqFits[faq.Entry].IsYesNoQuestion)
        {
            faq = null;
        }

        // On a tie the FAQ entry whose own question names the terms wins over a session that mentions them somewhere.
        if (faq is not null && (session is null || faq.Matched.Count > session.Matched.Count
            // "Kann man die AG noch ändern?": an entry that asks about changing, as the question does, beats the sessions it names.
            || (faq.Matched.Count == session.Matched.Count && IntentClassifier.SpeaksOfChange(q.Words)
                && IntentClassifier.SpeaksOfChange([.. Tokenizer.Words(faq.Entry.Question).Select(w => w.Joined)]))
            || (faq.Matched.Count == session.Matched.Count && faq.Matched.All(index.DocumentTerms(faq.Entry.Question).Contains)
                && !session.Matched.All(session.Event.TitleTerms(session.Session).Contains))
            // "Kann ich online teilnehmen?": how one takes part is the event's matter, not that of a session titled "Online-…".
            || (faq.Matched.Count == session.Matched.Count && IntentClassifier.AsksToTakePartFromAfar(q.Text))
            // "Gibts für die AGs ne Warteliste?": a session has no waiting list, fee or deadline of its own; the entry that tells it does.
            || (faq.Matched.Count == session.Matched.Count && intent is Intent.Waitlist or Intent.Fee or Intent.Deadline or Intent.PerOrganisation
                && asked.Any(FaqFit.IsAttribute))))
        {
            session = null;
        }
        else
        {
            faq = null;
        }

        // "Was passiert mit meiner Anmeldung?", "what happens to my registration?": an entry whose own question asks the same
        // thing with the same question word answers it, before any session or entry that merely shares a word.
        // (A field that answers the question itself, such as the fee, stays the answer.)
        if (!IsPersonal(intent) && labels.Count == 0
            && intent is not (Intent.Fee or Intent.Deadline or Intent.FreeSeats or Intent.Contact or Intent.Host or Intent.PerOrganisation or Intent.Waitlist)
            && SameQuestionFaq(q, resolution.Explicit && resolution.Event is { } namedEvent ? EquallyNamed(q, namedEvent, resolution, now) : scope, index) is { } same)
        {
            faq = same;
            session = null;
        }

        // "kann man bar zahlen?", "vorab überweisen?": how the fee is paid, told by the entry about paying (an invoice, no cash).
        var paymentFaq = false;
        if (!IsPersonal(intent) && labels.Count == 0 && IntentClassifier.AsksHowToPay(q)
            && (faq is null || !IntentClassifier.SpeaksOfPayment(GermanNormalizer.Normalize(faq.Entry.Question + " " + faq.Entry.Answer)))
            && (resolution.Explicit ? resolution.Event : FeeNamed(q, scope) ?? index.Find(state.EventId)
                // ("wie wird die Gebühr bezahlt?" presumes a fee: with none here, the one coming event that charges one and says how.)
                ?? (scope.FirstOrDefault() is { } inScope && PaymentEntry(inScope.Event) is not null ? inScope : OnlyPayable(index, now))) is { } payee
            && PaymentEntry(payee.Event) is { } payment)
        {
            faq = new FaqMatch(payee, payment, retrievalTerms.ToHashSet(StringComparer.Ordinal));
            session = null;
            paymentFaq = true;
        }

        // "Für welche Veranstaltungen kann ich mich jetzt anmelden?": the events whose registration is open now.
        if (IntentClassifier.AsksForEvents(q) && q.HasWord("welche", "welchen", "which", "what") && retrievalTerms.Count == 0
            && q.Words.Any(w => Lexicon.Term(w) == Lexicon.Registration) && !EventResolver.AsksAboutPast(q) && intent is not Intent.Cancel)
        {
            return compose.OpenForRegistration(resolution.Fitting.Select(e => e.Event), state);
        }

        // "Welche Plenen sind geplant?" asks for all of them, not which one is meant.
        if (IntentClassifier.AsksForEvents(q) && intent is Intent.Unknown or Intent.Programme or Intent.When or Intent.Where
            && retrievalTerms.Count == 0 && !IsPersonal(intent))
        {
            var past = EventResolver.AsksAboutPast(q);
            var listed = resolution.Fitting.Where(e => e.Event.End < now == past)
                .OrderBy(e => past ? -e.Event.Start.UtcTicks : e.Event.Start.UtcTicks).Select(e => e.Event).ToList();
            if (listed.Count > 0)
            {
                return listed.Count > 1 ? compose.Events(listed, past, state) : compose.When(listed[0], withPlace: true, state);
            }
        }

        // "welcher hat mehr Stationen?" over the events the question fits: their counts of that kind of session, compared.
        if (resolution.Ambiguous.Count > 1 && !IsPersonal(intent) && MoreOrFewer().IsMatch(q.Text)
            && (kindNamed ?? (q.HasTerm(Lexicon.Workshop) ? SessionKind.Workshop : null)) is { } counted
            && resolution.Ambiguous.Where(e => e.Event.Programme.Any(s => s.Kind == counted)).ToList() is { Count: > 1 } compared)
        {
            return compose.Compare([.. compared.Select(e => e.Event)], counted, fewer: FewerPattern().IsMatch(q.Text), state);
        }

        // "was läuft gerade?" asks for what runs now, not which event is meant.
        if (resolution.Ambiguous.Count > 1 && index.Find(state.EventId) is null && intent == Intent.Programme && q.HasWord("gerade", "grad", "momentan", "jetzt", "now", "currently"))
        {
            return compose.Unknown(null, state);
        }

        if (resolution.Ambiguous.Count > 1 && index.Find(state.EventId) is null && (intent != Intent.Unknown || retrievalTerms.Count > 0)
            && !IsPersonal(intent) && Fitting(resolution.Ambiguous, retrievalTerms) is { Count: > 1 } fitting && !ShareTheAnswer(intent, fitting)
            // "Who is at booth 3?" fits only the events that have a booth 3.
            && (labels.Count == 0 || fitting.Count(e => labels.Any(e.Labels.ContainsKey)) > 1))
        {
            return compose.Clarify([.. fitting.Select(e => e.Event)], question ?? string.Empty, state);
        }

        // "Wer hält die Begrüßung?" with two events that open with one, and neither named nor talked about: ask back.
        if (!resolution.Explicit && !resolution.Underway && index.Find(state.EventId) is null && session is not null && labels.Count == 0
            && session.Matched.Count == retrievalTerms.Count && !IsPersonal(intent) && !IsAboutTheEvent(intent)
            && scope.Where(e => ProgrammeSearch.FindSession(retrievalTerms, [e], s => kindNamed is null || s.Kind == kindNamed) is { } m
                && m.Matched.Count == retrievalTerms.Count).ToList()
                is { Count: > 1 } hosts)
        {
            return compose.Clarify([.. hosts.Select(e => e.Event)], question ?? string.Empty, state);
        }

        var subjectEvent = session?.Event ?? faq?.Event ?? resolution.Event;
        if (subjectEvent is null)
        {
            return compose.Unknown(null, state);
        }

        // "gibts auch ne Exkursion zum Rechenzentrum?": an excursion (or panel) about something is one of that kind that names
        // it, not a workshop whose speaker's office bears the word.
        if (faq is null && !IsPersonal(intent) && labels.Count == 0 && AsksIfExists(q)
            && retrievalTerms.FirstOrDefault(t => KindsAskedFor.ContainsKey(t)) is { } kindTerm
            && retrievalTerms.Where(t => t != kindTerm).ToList() is { Count: > 0 } about
            && !scope.Any(e => ProgrammeSearch.FindSession(about, [e], s => s.Kind == KindsAskedFor[kindTerm]) is { } ofKind && ofKind.Matched.Count == about.Count))
        {
            return compose.Unknown(subjectEvent.Event, state);
        }

        // "wer sitzt auf dem Podium?" where the panel names only its moderator: who else sits there is not known.
        if (intent == Intent.Speakers && session is { Session: { Kind: SessionKind.Panel, Speakers: { Count: > 0 } panelists } }
            && panelists.All(p => p.StartsWith("Moderation", StringComparison.OrdinalIgnoreCase) || p.StartsWith("Moderator", StringComparison.OrdinalIgnoreCase))
            && !IntentClassifier.AsksForRole(q) && q.HasWord("sitzt", "sitzen", "sits", "sit", "panelists", "panellists", "diskutiert", "diskutieren", "diskutanten"))
        {
            return compose.Unknown(subjectEvent.Event, state);
        }

        // "auch die Räume im Obergeschoss?": the venue's own text names all of it, a session only part of it.
        if (intent == Intent.Where && session is not null && faq is null && retrievalTerms.Count > session.Matched.Count
            && retrievalTerms.All(subjectEvent.VenueTerms.Contains))
        {
            session = null;
        }

        // "bin schwerhörig, gibts in Meppen eine Induktionsschleife?": a thing that only the venue's accessibility text names is
        // answered by that text (a statement about oneself before the question asks for nothing).
        // So is "ist die Barkasse barrierefrei?" (and "und die Barkasse?" right after such a question) when the text names the
        // boat a session runs on: the venue's text speaks of it, the session does not.
        // So is "gibts beim Abschlussvortrag ne Höranlage?" when the text names the session's room ("Im Vortragsbereich …"): the
        // session's words say where, the rest what the text must name.
        var roomInText = session is not null && faq is null && IntentClassifier.AccessibilitySubject(q) is null && RoomNamedIn(session.Session.Room, subjectEvent.Event.Venue?.Accessibility);
        if (intent is Intent.Unknown or Intent.Where && faq is null && compose.YesNoQuestion
            && (session is null || IntentClassifier.AsksForAccessibility(q) || (inherited && state.LastIntent == Intent.Where) || roomInText)
            && AskedTerms(q, index, resolution, retrievalTerms).Where(t => !(roomInText && session!.Matched.Contains(t) && !subjectEvent.AccessibilityTerms.Contains(t))).ToList() is { Count: > 0 } askedTerms
            && askedTerms.All(subjectEvent.AccessibilityTerms.Contains))
        {
            intent = Intent.Where;
            retrievalTerms = askedTerms;
            session = null;
        }

        // "kostet Parken in Hoya was?", "war das Parken kostenlos?": a price asked of something only the directions name is told
        // by the clause of the directions that names it ("kostenlose Parkplätze"), not by the event's fee.
        // (A session whose room merely bears the word, "Gasthaus am Park", is not what is priced.)
        if (intent == Intent.Fee && faq is null && (session is null || !session.Matched.Overlaps(subjectEvent.TitleTerms(session.Session)))
            && !IsPersonal(intent) && retrievalTerms.Count > 0
            && retrievalTerms.All(subjectEvent.DirectionTerms.Contains) && !retrievalTerms.Any(subjectEvent.FeeTerms.Contains))
        {
            var clause = DirectionClauses().Split(subjectEvent.Event.Venue?.Directions ?? string.Empty)
                .Where(c => index.DocumentTerms(c).Any(retrievalTerms.Contains)).ToList();
            if (clause.Count != 1 || Polarity.Paid(clause[0]) is not { } paid)
            {
                return compose.Unknown(subjectEvent.Event, state);
            }

            compose.YesNoQuestion = IntentClassifier.IsYesNo(q) || IntentClassifier.AsksIfFree(q) || IntentClassifier.AsksIfItCosts(q);
            return compose.Where(subjectEvent.Event, directions: true, accessibility: false, state, IntentClassifier.AsksIfFree(q) ? !paid : paid);
        }

        // "wie oft fährt der?" right after the directions named a shuttle: what only the directions name is answered by them.
        if (intent == Intent.Unknown && faq is null && session is null && !IsPersonal(intent) && retrievalTerms.Count > 0
            && state.LastIntent == Intent.Where && state.EventId == subjectEvent.Event.Id && !compose.YesNoQuestion
            && retrievalTerms.All(subjectEvent.DirectionTerms.Contains))
        {
            return compose.Where(subjectEvent.Event, directions: true, accessibility: false, state);
        }

        // "hab ich mit den 95 Euro auch das Fährticket?", and "Hotel auch?" right after what the fee includes: the entry that tells
        // what the fee includes answers, when it names what is asked; its clause that names it says yes or no.
        // (Right after that entry, "Hotel auch?" asks it again even where another entry speaks of hotels.)
        if (retrievalTerms.Count > 0 && !IsPersonal(intent)
            && ((faq is null && intent == Intent.Fee) || (intent == Intent.Unknown && state.EventId == subjectEvent.Event.Id && IsShortFollowUp(q)
                && (state.LastIntent == Intent.Fee || (state.LastIntent == Intent.Faq && state.LastFaq is { } lastAsked
                    && IntentClassifier.AsksWhatIsIncluded(GermanNormalizer.Normalize(lastAsked))))))
            && IncludedEntry(subjectEvent.Event) is { } includedEntry
            && index.DocumentTerms(includedEntry.Answer).ToHashSet(StringComparer.Ordinal) is var includedTerms
            && retrievalTerms.All(t => includedTerms.Contains(t) || subjectEvent.NameTerms.Contains(t)))
        {
            var said = compose.YesNoQuestion || IsShortFollowUp(q) ? Polarity.Of(includedEntry.Answer, [.. retrievalTerms.Where(includedTerms.Contains)], index) : null;
            return compose.Faq(subjectEvent.Event, includedEntry, state, said);
        }

        // A field of the registration (fee, deadline, open or not …) answers no more than the event's name and the field say:
        // "Kann ich online teilnehmen?" is not "Ist die Anmeldung offen?" just because the description mentions "online".
        var fieldOnly = IsAboutTheEvent(intent) && faq is null;
        // Words only the description mentions do not make an answer about the event's date, place or programme fit either.
        var covered = new HashSet<string>(fieldOnly ? subjectEvent.OwnTerms : subjectEvent.HeadlineTerms, StringComparer.Ordinal);
        covered.UnionWith((fieldOnly ? null : session?.Matched) ?? faq?.Matched ?? new HashSet<string>());
        // A question about a field may name what that field says ("parken" in the directions, "Mittagessen" in the fee).
        covered.UnionWith(intent switch
        {
            Intent.Where when session is null => subjectEvent.VenueTerms,
            Intent.Fee => subjectEvent.FeeTerms,
            _ => [],
        });
        // "Kollegin sitzt im Rolli, kommt die in den Raum …?": what the asker states about someone need not be in the catalog.
        covered.UnionWith(StatedTerms(q, index, resolution));
        // "Kann man Workshops wählen?" is answered from the programme's choosable flags, with workshops or without.
        if (intent == Intent.Workshops && IntentClassifier.AsksToChoose(q))
        {
            covered.Add(Lexicon.Workshop);
        }

        // "welche Demo läuft um halb drei?": the one session whose description names that time with the asked word.
        if (session is null && faq is null && q.TimeOfDay is { } askedClock && retrievalTerms.Count > 0 && !IsPersonal(intent)
            && scope.SelectMany(e => e.Event.Programme.Where(s => NamesTimeOf(q, s, e, index, Afternoon(e.Event, askedClock))).Select(s => (Owner: e, Session: s)))
                .ToList() is [var (timedOwner, timedSession)])
        {
            return Checked(q, timedOwner.Event, compose, state, compose.SessionAbout(timedOwner.Event, timedSession, state));
        }

        // "und wann ist die Demo dort?" right after a stand: the time its description names for the asked word.
        if (session is null && faq is null && !resolution.Explicit && intent == Intent.When && retrievalTerms.Count > 0
            && state.EventId == subjectEvent.Event.Id && subjectEvent.Event.FindSession(state.SessionId ?? string.Empty) is { } standBefore
            && NamesTimeOf(q, standBefore, subjectEvent, index))
        {
            return Checked(q, subjectEvent.Event, compose, state, compose.SessionAbout(subjectEvent.Event, standBefore, state));
        }

        if (retrievalTerms.Any(t => !covered.Contains(t)))
        {
            var named = resolution.Explicit || session is not null || faq is not null || subjectEvent.Event.Id == state.EventId;
            return compose.Unknown(named ? subjectEvent.Event : null, state);
        }

        // "Wie viele Leute waren da?" after an event: the description's review names the head count, if anywhere.
        if (subjectEvent.Event.End < now && IntentClassifier.AsksHowMany(q) && IntentClassifier.AsksForAttendance(q) && retrievalTerms.Count == 0
            && !IsPersonal(intent) && AnswerComposer.AttendanceSentence(subjectEvent.Event) is { } recap)
        {
            return compose.Recap(subjectEvent.Event, recap, state);
        }

        // The catalog holds the event's contact, never a speaker's; and it counts seats, workshops and stations only.
        if ((intent is Intent.Contact && session is not null)
            || (IntentClassifier.AsksHowMany(q) && (faq is not null
                || intent is Intent.When or Intent.Where or Intent.Topics or Intent.Contact or Intent.Host or Intent.Speakers or Intent.Programme
                    or Intent.ProgrammeAtTime or Intent.Unknown)))
        {
            return compose.Unknown(subjectEvent.Event, state);
        }

        // "welchen Rundgang hatte ich genommen?": one's own choice among the choosable sessions.
        // ("hab ich mich fürs Abendessen angemeldet?": whether one's registration holds that session.)
        if (intent is Intent.Unknown or Intent.AmIRegistered && session is { Session.Choosable: true } && IntentClassifier.AsksForOwnChoice(q) && !hypothetical)
        {
            intent = Intent.MySessions;
        }

        // "trag mich noch für die Hafenrundfahrt nach": adding a choosable session to one's registration is a change of sessions.
        // ("bin schon angemeldet, … kannst du das nachtragen?": the request to add, after a word about being registered.)
        if (intent is Intent.Register or Intent.RegistrationState && session is { IsAmbiguous: false, Session.Choosable: true } && IntentClassifier.AddsToRegistration(q))
        {
            intent = Intent.ChangeSessions;
        }

        if (IsPersonal(intent))
        {
            return compose.Personal(intent, subjectEvent.Event, state);
        }

        // "kann ich auch nur am 2. Tag kommen?": taking part on one day only is what the entry "Kann ich nur an einem Tag
        // teilnehmen?" answers, whichever day is named.
        if (faq is null && session is null && retrievalTerms.Count == 0 && !IsPersonal(intent) && IntentClassifier.AsksForOneDayOnly(q)
            && (subjectEvent.Event.Faq ?? []).FirstOrDefault(f => IntentClassifier.SpeaksOfOneDayOnly(GermanNormalizer.Normalize(f.Question))) is { } oneDay)
        {
            return Checked(q, subjectEvent.Event, compose, state, compose.Faq(subjectEvent.Event, oneDay, state), yesNoFaq: true);
        }

        // Questions of a kind an FAQ entry asks too ("Wer darf teilnehmen?", "Was ist inklusive?") take that entry, never the date.
        if (faq is null && session is null && retrievalTerms.Count == 0 && !IsPersonal(intent)
            && KindFaq(q, subjectEvent, compose.YesNoQuestion ? sentInstead : [], index) is { } kindAnswer)
        {
            return Checked(q, subjectEvent.Event, compose, state, kindAnswer(compose, state));
        }

        // "ist das Abendessen in der Pauschale enthalten?" where the fee says "das Abendessen wird gesondert berechnet": no,
        // whatever an entry on its price says.
        if (!IsPersonal(intent) && AsksIfIncluded(q) && subjectEvent.Event.Registration?.Fee is { } includedFee
            && ChargedApart(includedFee, q, index))
        {
            compose.YesNoQuestion = true;
            var apart = compose.Fee(subjectEvent.Event, state, false);
            // An entry on what is charged apart tells its price and how to book it; follow-ups ask about that entry.
            return faq is null || faq.Event != subjectEvent ? apart : apart with
            {
                Text = apart.Text + " " + faq.Entry.Answer,
                NextState = apart.NextState with { LastIntent = Intent.Faq, LastFaq = faq.Entry.Question },
            };
        }

        if (faq is not null)
        {
            // (An entry about paying says "Nein" to cash where it denies it, but an invoice is no "Ja" to "bar zahlen?".)
            var yes = FaqYes(q, faq, asked, compose.YesNoQuestion, retrievalTerms, index) is { } said && (said == false || !paymentFaq) ? said : (bool?)null;
            // "Darf ich den Link weitergeben?" – "Bitte nicht.": a short denial opening the entry's answer is its "Nein".
            if (yes is null && compose.YesNoQuestion && faq.Event.FaqFits[faq.Entry].IsYesNoQuestion && Polarity.ShortDenial(faq.Entry.Answer))
            {
                yes = false;
            }

            // The way to pay answers "kann man bar zahlen?" in the organiser's words, yes or no left to them.
            // ("muss ich was mitbringen?" asks the entry "Was soll ich mitbringen?": the things it lists are the answer.)
            var asksForSomething = q.Words.Skip(1).Any(w => w is "was" or "etwas" or "anything" or "something")
                && Tokenizer.Words(faq.Entry.Question) is [{ Joined: "was" or "what" }, ..];
            return Checked(q, faq.Event.Event, compose, state, compose.Faq(faq.Event.Event, faq.Entry, state, yes),
                yesNoFaq: faq.Event.FaqFits[faq.Entry].IsYesNoQuestion || yes is not null || paymentFaq || asksForSomething);
        }

        // (After a round of workshops the session remembered stands for that round, not for one session.)
        var followedSession = session is null && retrievalTerms.Count == 0 && !resolution.Explicit && IntentClassifier.PartOfDay(q) is null
            && state.LastIntent is not (Intent.Workshops or null) && !NamesTheEventItself(q)
            && intent is Intent.When or Intent.Where or Intent.Speakers or Intent.FreeSeats or Intent.Topics
            ? subjectEvent.Event.FindSession(state.SessionId ?? string.Empty)
            : null;

        var ev = subjectEvent.Event;
        // A date in a question about the registration or the fee ("läuft ja bis 29.9.") is not a programme day.
        var dayMatters = intent is not (Intent.Deadline or Intent.RegistrationState or Intent.Fee or Intent.Contact or Intent.Host
            or Intent.Waitlist or Intent.PerOrganisation);
        var day = dayMatters ? ResolveDay(q.Day, ev) : null;
        // "Ist die Abschlussveranstaltung übermorgen?": whether the event falls on the day named is "Ja" or "Nein", with its date.
        if (compose.YesNoQuestion && q.Day is { Ordinal: null } && intent is Intent.When or Intent.Unknown && session is null && retrievalTerms.Count == 0
            && q.TimeOfDay is null && ev.Status != EventStatus.Cancelled && !IntentClassifier.AsksWhichThing(q))
        {
            return compose.OnTheDay(ev, day is not null, state);
        }

        if (dayMatters && q.Day is not null && day is null)
        {
            return compose.Unknown(ev, state);
        }

        // "warum wurde der abgesagt?" when the catalog gives no reason: that it is cancelled is no answer to why.
        if (ev.Status == EventStatus.Cancelled && IntentClassifier.AsksWhy(q) && session is null && !AnswerComposer.SaysWhyCancelled(ev))
        {
            return compose.Unknown(ev, state);
        }

        // "wo war der geplant?": where a (cancelled) event was to take place, not its programme.
        if (intent == Intent.Programme && q.HasWord("geplant", "planned") && q.HasWord("wo", "where") && session is null)
        {
            intent = Intent.Where;
        }

        // "Kann man in Leer Workshops wählen?": whether the programme has sessions to choose, from its choosable flags.
        if (intent == Intent.Workshops && IntentClassifier.AsksToChoose(q) && ev.Programme.Count > 0 && retrievalTerms.All(t => t == Lexicon.Workshop))
        {
            return compose.Choosable(ev, state);
        }

        // "was passiert direkt nach der Keynote?", "who speaks before the lunch?": the session next to the one named.
        if (session is not null && SessionsNextTo(q, session, ev, intent == Intent.Speakers) is { Count: > 0 } neighbours)
        {
            session = new SessionMatch(session.Event, neighbours[0], session.Matched, neighbours.Count > 1 ? neighbours : []);
        }
        else if (session is not null && RelativePosition(q, session.Matched) is not null)
        {
            return compose.Unknown(ev, state);
        }

        // "macht die auch nen Workshop?" right after who gives a talk: the workshops that one person leads, from their speakers.
        if ((intent == Intent.Workshops || (intent == Intent.Speakers && q.HasTerm(Lexicon.Workshop)))
            // ("und die AG 3?" names a workshop; "auch" asks whether the same person leads one too.)
            && labels.Count == 0 && q.HasWord("auch", "also", "too", "ebenfalls")
            && retrievalTerms.All(t => t == Lexicon.Workshop) && q.HasWord("sie", "er", "die", "der", "she", "he")
            && state.LastIntent is Intent.Speakers or Intent.SessionInfo && state.EventId == ev.Id
            && ev.FindSession(state.SessionId ?? string.Empty)?.Speakers is [var speakerBefore])
        {
            return compose.WorkshopsOf(ev, speakerBefore, state);
        }

        // "die Kaffeepause am Nachmittag": of sessions alike the ones in the part of the day named (one of them is that session).
        if (session is { IsAmbiguous: true } && IntentClassifier.PartOfDay(q) is { } partOfDay
            && session.Alternatives.Where(s => partOfDay.Contains(BerlinTime.MinuteOfDay(s.Start))).ToList() is { Count: > 0 } inPart
            && inPart.Count < session.Alternatives.Count)
        {
            session = new SessionMatch(session.Event, inPart[0], session.Matched, inPart.Count > 1 ? inPart : []);
        }

        // "wann ist morgen Mittag?": of sessions alike the one on the day named.
        if (session is { IsAmbiguous: true } && day is { } namedDay
            && session.Alternatives.Where(s => BerlinTime.Day(s.Start) == namedDay).ToList() is { Count: > 0 } onNamedDay
            && onNamedDay.Count < session.Alternatives.Count)
        {
            session = new SessionMatch(session.Event, onNamedDay[0], session.Matched, onNamedDay.Count > 1 ? onNamedDay : []);
        }

        if (session is { IsAmbiguous: true } && !(intent == Intent.Workshops && retrievalTerms.All(t => t == Lexicon.Workshop)) && intent is not (Intent.Fee or Intent.Deadline or Intent.Contact or Intent.Topics or Intent.FreeSeats or Intent.Host
            or Intent.Waitlist or Intent.PerOrganisation or Intent.RegistrationState or Intent.Stations))
        {
            return Checked(q, ev, compose, state, intent == Intent.Speakers
                ? compose.Speakers(ev, session.Alternatives, state)
                : compose.SessionList(ev, session.Alternatives, state));
        }

        var chosen = session is { IsAmbiguous: false } ? session.Session : followedSession ?? Enumerated(q, ev, state);
        if (sessionBefore is not null && chosen is null)
        {
            chosen = Counterpart(sessionBefore, ev, index);
            if (chosen is null)
            {
                return compose.Unknown(ev, state);
            }
        }

        // "Was ist der letzte Programmpunkt?": the first or last session of the event's programme.
        if (chosen is null && session is null && IntentClassifier.AsksFirstOrLastItem(q) is { } first && ev.Programme.Count > 0)
        {
            var ordered = ev.Programme.OrderBy(s => s.Start).ThenBy(s => s.End).ToList();
            return compose.SessionInfo(ev, first ? ordered[0] : ordered[^1], state);
        }

        // "Welche AGs gibt es?" – "wann sind die?": the sessions just listed, not the event.
        // (So are the workshops whose free seats were just listed.)
        if (intent == Intent.When && chosen is null && ev.Id == state.EventId && retrievalTerms.Count == 0
            && (state.LastIntent == Intent.Workshops || (state.LastIntent == Intent.FreeSeats && state.SessionId is null && AnswerComposer.ListedWorkshops(ev).Count > 1))
            && !resolution.Explicit && q.HasWord("die", "sie", "they", "them", "those", "these"))
        {
            intent = Intent.Workshops;
        }

        // "läuft der über Teams?", "ist das im Kreishaus?": what the yes/no question names is the venue's own name.
        if (compose.YesNoQuestion && intent is Intent.Programme or Intent.Unknown && chosen is null && session is null && retrievalTerms.Count == 0
            && q.Words is [var verb, var pointer, ..] && verb is "laeuft" or "findet" or "ist" or "is" or "does" or "will"
            && pointer is "der" or "die" or "das" or "es" or "er" or "sie" or "it" or "this" or "that" or "the"
            && q.Day is null && q.TimeOfDay is null && ev.Status != EventStatus.Cancelled
            && q.Terms.Where(t => !subjectEvent.NameTerms.Contains(t)).ToList() is { Count: > 0 } venueNamed
            && venueNamed.All(t => subjectEvent.PlaceTerms.Contains(t) && !index.Events.Any(other => other != subjectEvent && other.PlaceTerms.Contains(t) && !other.NameTerms.Contains(t))))
        {
            return Checked(q, ev, compose, state, compose.Affirmed(compose.Where(ev, false, false, state)));
        }

        var answer = intent switch
        {
            // "wann ist die Demo zur E-Akte?": a time the session's description names for what the question asks about
            // ("Live-Demo um 11:30 Uhr"), not the session's own opening hours.
            _ when chosen is not null && (IntentClassifier.AsksWhen(q) || IntentClassifier.AsksClockTime(q)) && NamesTimeOf(q, chosen, subjectEvent, index)
                => compose.SessionAbout(ev, chosen, state),
            // "und das übernächste?" after "wann"/"wo": date and place of the other event.
            Intent.When or Intent.Where when inherited && ev.Id != state.EventId && chosen is null => compose.When(ev, withPlace: true, state),
            // "wer spricht um halb 3?": the speakers of what runs then.
            // "wer moderiert das Plenum?": the speakers whose entry in the programme names that role.
            Intent.Speakers when chosen is null && q.TimeOfDay is null && day is null && IntentClassifier.RoleHolders(q, ev) is { Count: > 0 } holders
                => compose.RoleHolders(ev, holders, state),
            Intent.Speakers when chosen is null && q.TimeOfDay is { } at => AnswerComposer.RunningAt(ev, Afternoon(ev, at), day ?? PreviousDay(ev, state)) is { Count: > 0 } running
                ? compose.Speakers(ev, running, state) : compose.Unknown(ev, state),
            // "wie heißt die Bürgermeisterin?" when the programme names her by her office only: no name to give.
            Intent.Speakers when chosen is not null && session is not null && IntentClassifier.AsksForName(q)
                && (chosen.Speakers ?? []).Any(sp => index.DocumentTerms(sp.Split(',')[0]).Any(session.Matched.Contains)) => compose.Unknown(ev, state),
            // "wer ist Bürgermeister von Langeoog?" where the room is "Saal Langeoog" and the mayor is Esens's: the word that found
            // the session is not the place the office is asked of.
            Intent.Speakers when chosen is not null && IntentClassifier.OfWhom(q) is { } whose && session is not null && session.Matched.Contains(whose)
                && !(chosen.Speakers ?? []).Any(sp => index.DocumentTerms(sp).Contains(whose)) => compose.Unknown(ev, state),
            Intent.Speakers => compose.Speakers(ev, chosen is null ? ev.Programme : [chosen], state),
            Intent.FreeSeats => compose.FreeSeats(ev, chosen, state, IntentClassifier.PartOfDay(q)),
            // "abendessen wo?" – "und was kostet das?": the price the session's own text names, not the event's fee.
            Intent.Fee when chosen is null && retrievalTerms.Count == 0 && !resolution.Explicit && PricedSessionBefore(ev, state) is { } priced
                => compose.SessionAbout(ev, priced, state),
            Intent.Fee => compose.Fee(ev, state, FeeYes(q, ev, index)),
            Intent.Deadline => compose.Deadline(ev, state),
            Intent.Contact => compose.Contact(ev, state),
            Intent.Host => compose.Host(ev, state),
            // "Die Kutschfahrt ist voll – gibt es dafür eine Warteliste?": what an FAQ entry on that session's waiting list says,
            // not the event's setting.
            Intent.Waitlist when (chosen ?? (state.EventId == ev.Id && IntentClassifier.PointsBack(q) && state.SessionId is { } pointed ? ev.FindSession(pointed) : null)) is { } waitedFor
                && SessionWaitlistEntry(ev, waitedFor, subjectEvent, index) is { } waitEntry
                => compose.Faq(ev, waitEntry, state, Polarity.Of(waitEntry.Answer, [.. index.DocumentTerms(waitEntry.Question).Where(WaitlistTerms(index).Contains)], index)),
            Intent.Waitlist => compose.Waitlist(ev, state, IntentClassifier.AsksHowMany(q) || (q.HasWord("lang", "lange", "long") && q.HasWord("wie", "how")),
                q.HasWord("noch", "still")),
            Intent.PerOrganisation => compose.PerOrganisation(ev, state, IntentClassifier.AskedNumber(q)),
            Intent.RegistrationState => compose.RegistrationState(ev, state),
            // "hab ich die Notfallübung schon verpasst?": whether it is over by now.
            _ when chosen is not null && IntentClassifier.AsksIfMissed(q) => compose.Missed(ev, chosen, state),
            Intent.Stations when chosen is not null => IntentClassifier.AsksWho(q) ? compose.Speakers(ev, [chosen], state) : compose.SessionInfo(ev, chosen, state),
            // "Von wann bis wann sind die Stände offen?": the stations with their times.
            Intent.Stations when IntentClassifier.AsksWhen(q) || IntentClassifier.AsksClockTime(q) => compose.SessionList(ev, [.. ev.Programme.Where(s => s.Kind == SessionKind.Station)], state),
            Intent.Stations => compose.Stations(ev, state),
            // "Ist ersetzendes Scannen Thema?": the session whose text holds it says yes.
            Intent.Topics when chosen is not null => compose.YesNoQuestion ? compose.Affirmed(compose.SessionAbout(ev, chosen, state)) : compose.SessionAbout(ev, chosen, state),
            Intent.Topics when !(ev.Status == EventStatus.Cancelled && IntentClassifier.AsksWhy(q)) => compose.Topics(ev, state, IntentClassifier.AsksWhatAbout(q)),
            // "Ist das Restaurant barrierefrei?": only the venue's accessibility text can say, and only if it names the room.
            // "Gibts was zu barrierefreien PDFs?": the accessibility word names the session's subject, not a question about the venue.
            Intent.Where when chosen is not null && session is not null && IntentClassifier.AccessibilityTerms(q).Any(session.Matched.Contains)
                => compose.SessionInfo(ev, chosen, state, q.Words[0] is "gibt" or "gibts" ? true : null),
            Intent.Where when chosen is not null && IntentClassifier.AsksForAccessibility(q) => RoomNamedIn(chosen.Room, ev.Venue?.Accessibility)
                ? compose.Where(ev, false, true, state, Polarity.Of(ev.Venue?.Accessibility, [.. index.DocumentTerms(chosen.Room)], index) ?? true)
                : compose.Unknown(ev, state),
            Intent.Where when chosen is not null => compose.SessionWhere(ev, chosen, state),
            // "Welche Kommunen stellen beim Praxisforum vor?": what the session's description says, with its time and room.
            // "Was gibt es mittags zu essen?" asks for the menu, which only a meal's description can tell.
            _ when chosen is { Kind: SessionKind.Meal } && q.Words[0] is "was" or "what" && string.IsNullOrWhiteSpace(chosen.Description)
                && !q.HasWord("wann", "wo", "wer", "wie", "when", "where", "who", "how") => compose.Unknown(ev, state),
            Intent.Unknown when chosen is not null && (q.HasWord("welche", "welcher", "welches", "welchen", "which", "what") || q.Words[0] == "was")
                => compose.SessionAbout(ev, chosen, state),
            // "Sitzt sie auch auf dem Podium?": the one speaker of the session talked about before, among this session's speakers.
            _ when chosen is not null && compose.YesNoQuestion && SpeakerBefore(q, ev, state, chosen) is { } person
                => compose.SessionInfo(ev, chosen, state, (chosen.Speakers ?? []).Any(s => SameSpeaker(s, person))),
            // "Gibt es mittags veganes Essen?": a session found by words only its description holds is answered with that description.
            _ when chosen is not null && session is not null && !session.Matched.All(session.Event.TitleTerms(chosen).Contains)
                && intent is Intent.Unknown => compose.SessionAbout(ev, chosen, state),
            _ when chosen is not null => compose.SessionInfo(ev, chosen, state),
            Intent.ProgrammeAtTime => compose.ProgrammeAt(ev, Afternoon(ev, q.TimeOfDay!.Value), day ?? PreviousDay(ev, state), state, nextItem),
            Intent.Workshops => compose.Workshops(ev, state, IntentClassifier.PartOfDay(q), day),
            // The part of the venue the question names is the part the answer gives ("Räume im Obergeschoss" → accessibility).
            Intent.Where => VenueAnswer(q, subjectEvent, retrievalTerms, index, compose, state),
            // ("Welche Kommunen kommen morgen?" asks for a thing of another kind than the day's programme.)
            Intent.Programme or Intent.When or Intent.Unknown when day is not null && !(intent == Intent.Unknown && IntentClassifier.AsksWhichThing(q))
                => compose.ProgrammeDay(ev, day.Value, state, IntentClassifier.PartOfDay(q)),
            Intent.Programme => compose.ProgrammeOverview(ev, state),
            Intent.When => compose.When(ev, IntentClassifier.AsksWhere(q), state),
            _ when ev.Status == EventStatus.Cancelled && IntentClassifier.AsksWhy(q) => compose.When(ev, withPlace: false, state),
            // Only a bare mention ("Infos zum Plenum in Leer", "das kommende in Emden") gets the date and place.
            _ when resolution.Explicit && retrievalTerms.Count == 0 && !IntentClassifier.AsksHowMany(q) && !IntentClassifier.AsksSomething(q)
                && !IntentClassifier.AsksWhichThing(q)
                => compose.When(ev, withPlace: true, state),
            _ => compose.Unknown(ev, state),
        };
        // "Wann war das erste Treffen und wer hat vorgetragen?": both fields asked, both answered.
        if (answer.Intent == Intent.Speakers && chosen is null && q.TimeOfDay is null && q.Day is null && IntentClassifier.AsksWhen(q)
            && compose.When(ev, withPlace: false, state) is { Intent: Intent.When } eventWhen)
        {
            answer = answer with { Text = eventWhen.Text + " " + answer.Text };
        }

        return Checked(q, ev, compose, state, answer, affirmWhen: resolution.Explicit && intent != Intent.When);
    }

    /// <summary>
    /// The last check before an answer leaves: a list is no answer to "Kann ich …?", and a question about a date or
    /// time gets no fee or contact instead. "Gibt es …?" answered with what exists starts with "Ja".
    /// </summary>
    private static Answer Checked(ParsedQuestion q, CatalogEvent ev, AnswerComposer compose, ConversationState state, Answer answer,
        bool affirmWhen = false, bool yesNoFaq = false)
    {
        if ((answer.Intent is Intent.Workshops or Intent.Programme or Intent.Stations && IntentClassifier.AsksMayOrCan(q))
            || (answer.Intent == Intent.Where && IntentClassifier.AsksWhereToTakePart(q))
            || (answer.Intent is Intent.Fee or Intent.Contact or Intent.Host or Intent.Topics or Intent.Waitlist or Intent.PerOrganisation
                or Intent.Stations && IntentClassifier.AsksWhen(q)))
        {
            return compose.Unknown(ev, state);
        }

        var final = (answer.Intent is Intent.Workshops or Intent.Programme or Intent.SessionInfo or Intent.Stations or Intent.Speakers
                || (answer.Intent == Intent.When && affirmWhen))
            && AsksIfExists(q)
            ? compose.Affirmed(answer)
            : answer;

        // A yes/no question gets "Ja" or "Nein" first, or no answer: a date or a list where a yes or no is due is a guess.
        // Likewise the contact of the event is not a speaker's, and all speakers are not the one who chairs.
        // (An FAQ entry that itself asks a yes/no question answers it in the organiser's words.)
        return (compose.YesNoQuestion && !yesNoFaq && !final.IsPersonal && final.Intent is not (Intent.Unknown or Intent.Clarify) && !SaysYesOrNo().IsMatch(final.Text))
            || (final.Intent == Intent.Contact && ((q.Words.Any(w => IntentClassifier.CueClasses(w).Contains("speaker")) && !IntentClassifier.NamesContactRole(q, ev.Contact))
                || (state.LastIntent is Intent.Speakers or Intent.SessionInfo && q.HasWord("their", "his", "her", "him", "them", "ihre", "ihr", "seine", "sein", "deren", "dessen", "ihn", "sie", "er", "die", "den", "der", "dem", "ihm", "denen"))))
            || (final.Intent == Intent.Speakers && final.SessionId is null && IntentClassifier.AsksForRole(q))
            || (IntentClassifier.AsksWhatIsIncluded(q.Text) && final.Intent is not (Intent.Fee or Intent.Faq or Intent.Unknown))
            ? compose.Unknown(ev, state)
            : final;
    }

    [GeneratedRegex(@"^(?:und |and |aber |but |ok |also )?(?:(?:was |what )(?:ist |passiert |happens |is )?)?(?:wenn|falls|if)\b|\bwhat if\b")]
    private static partial Regex Hypothetical();

    [GeneratedRegex(@"\b(welche[rsnm]?|which|wo|where)\b.*\b(mehr|meisten|weniger|wenigsten|more|most|fewer|fewest)\b")]
    private static partial Regex MoreOrFewer();

    [GeneratedRegex(@"\b(weniger|wenigsten|fewer|fewest)\b")]
    private static partial Regex FewerPattern();

    [GeneratedRegex(@"^(?:(?:Hinweis|Note): .*?(?:abgesagt|cancelled)\. )?(?:Ja|Nein|Yes|No)\b")]
    private static partial Regex SaysYesOrNo();

    private static readonly string[] WeekTerms = [.. DateExpressions.WeekWords.Select(Lexicon.Term)];

    /// <summary>Kinds of session a question may ask for by name ("Exkursion", "Podium"), by their concept.</summary>
    private static readonly Dictionary<string, SessionKind> KindsAskedFor = new(StringComparer.Ordinal)
    {
        ["ausflug"] = SessionKind.Excursion,
        ["diskussion"] = SessionKind.Panel,
    };

    private static readonly string[] OnlineTermList = [.. new[] { "online", "virtuell", "digital", "remote" }.Select(Lexicon.Term)];
    private static readonly HashSet<string> OnlineTerms = new(OnlineTermList, StringComparer.Ordinal);

    private static readonly string[] QuestionWords =
        ["wie", "wieviel", "wieviele", "viele", "wann", "wo", "wer", "welche", "welcher", "welches", "welchen", "warum",
         "how", "when", "where", "who", "what", "which", "why"];

    /// <summary>
    /// The "Ja" or "Nein" of an FAQ entry to a question it does not ask itself: whether something costs, from the entry's
    /// price words ("kostenpflichtig"), or the yes/no question's clause in the entry ("Stornokosten … nicht übernehmen").
    /// </summary>
    private static bool? FaqYes(ParsedQuestion q, FaqMatch faq, HashSet<string> asked, bool yesNo, List<string> terms, CatalogIndex index)
    {
        var answer = faq.Entry.Answer;
        if ((IntentClassifier.AsksIfFree(q) || (asked.Contains("fee") && IntentClassifier.AsksIfItCosts(q)))
            && (yesNo || SaysYesOrNo().IsMatch(answer)) && Polarity.Paid(answer) is { } paid)
        {
            return IntentClassifier.AsksIfFree(q) ? !paid : paid;
        }

        // The clause that names what is asked ("keine Warteliste") decides, so the question's cue words count as well as its terms.
        return yesNo && !faq.Event.FaqFits[faq.Entry].IsYesNoQuestion && !SaysYesOrNo().IsMatch(answer)
            ? Polarity.Of(answer, [.. terms, .. q.Words.Where(w => IntentClassifier.IsCue(w) && !Lexicon.IsIgnorable(w)).Select(Lexicon.Term)], index)
            : null;
    }

    /// <summary>"die beiden Fachtage E-Akte": the event picked, then the coming events the question names by the same title words.</summary>
    private static List<EventIndex> EquallyNamed(ParsedQuestion q, EventIndex picked, EventResolution resolution, DateTimeOffset now)
    {
        var hits = q.Terms.Count(picked.NameTerms.Contains);
        return [picked, .. resolution.Fitting.Where(e => e != picked && hits > 0 && e.Event.End >= now && q.Terms.Count(e.NameTerms.Contains) == hits)];
    }

    /// <summary>"die 35 Euro": the one event in scope whose fee names the amount the question names.</summary>
    private static EventIndex? FeeNamed(ParsedQuestion q, IReadOnlyList<EventIndex> scope)
    {
        var amounts = q.Words.Where(w => w.Length <= 4 && w.All(char.IsDigit)).ToList();
        var named = scope.Where(e => e.Event.Registration?.Fee is { } fee
            && amounts.Any(a => Regex.IsMatch(fee, $@"(?<![\d,.]){a}(?![\d,.]\d)", RegexOptions.None, TimeSpan.FromSeconds(1)))).ToList();
        return amounts.Count > 0 && named.Count == 1 ? named[0] : null;
    }

    /// <summary>
    /// The events whose session titles hold a question word that the lexicon maps to a wider concept ("Busfahrt" → excursion)
    /// as typed, or all its compound parts ("Busrundfahrt" holds "bus" and "fahrt"); empty when no word has such a form.
    /// </summary>
    private static List<EventIndex> WordFormHolders(ParsedQuestion q, IReadOnlyList<EventIndex> events, CatalogIndex index)
    {
        foreach (var word in q.Words)
        {
            if (word.Length < 6 || Lexicon.Term(word) is var concept && (concept == word || concept == GermanStemmer.Stem(word)) || IntentClassifier.IsCue(word))
            {
                continue;
            }

            // The word itself, else any split into two parts of three letters or more, both in one title.
            for (var cut = 0; cut == 0 || cut <= word.Length - 3; cut = cut == 0 ? 3 : cut + 1)
            {
                var (head, tail) = cut == 0 ? (word, string.Empty) : (word[..cut], word[cut..]);
                var holders = events.Where(e => e.NormalizedTitles.Any(title => title.IndexOf(head, StringComparison.Ordinal) is var at and >= 0
                    && title.IndexOf(tail, at + head.Length, StringComparison.Ordinal) >= 0)).ToList();
                if (holders.Count > 0)
                {
                    return holders;
                }
            }
        }

        return [];
    }

    /// <summary>The entry whose own question asks what the fee includes ("Was ist in der Teilnahmegebühr enthalten?").</summary>
    private static FaqEntry? IncludedEntry(CatalogEvent ev) =>
        (ev.Faq ?? []).FirstOrDefault(f => IntentClassifier.AsksWhatIsIncluded(GermanNormalizer.Normalize(f.Question)));

    /// <summary>"Hotel auch?", "und die Getränke?": a few words that ask the previous question again of something else.</summary>
    private static bool IsShortFollowUp(ParsedQuestion q) =>
        q.Words.Count <= 4 && (IsFollowUp(q) || q.Words[^1] is "auch" or "also" or "too");

    /// <summary>The terms of a text's own words, without the parts of its compounds.</summary>
    private static HashSet<string> WholeWordTerms(string text) =>
        Tokenizer.Words(text).SelectMany(w => w.Parts.Count > 1 ? [w.Joined, .. w.Parts] : new[] { w.Joined }).Select(Lexicon.Term).ToHashSet(StringComparer.Ordinal);

    /// <summary>The whole-word terms of an entry's question and answer, built once per entry checked.</summary>
    private static HashSet<string> WholeWordTerms(FaqEntry entry)
    {
        var terms = WholeWordTerms(entry.Question);
        terms.UnionWith(WholeWordTerms(entry.Answer));
        return terms;
    }

    /// <summary>The one coming event that charges a fee and has an entry about paying it, if only one does.</summary>
    private static EventIndex? OnlyPayable(CatalogIndex index, DateTimeOffset now) =>
        index.Events.Where(e => e.Event.End >= now && e.Event.Status != EventStatus.Cancelled && e.Event.Registration?.Fee is { } fee
            && !FreeFee().IsMatch(GermanNormalizer.Normalize(fee)) && PaymentEntry(e.Event) is not null).ToList() is [var only] ? only : null;

    /// <summary>The entry about paying the fee: one that asks about it first, else one whose answer tells it.</summary>
    private static FaqEntry? PaymentEntry(CatalogEvent ev) =>
        (ev.Faq ?? []).Where(f => IntentClassifier.SpeaksOfPayment(GermanNormalizer.Normalize(f.Question + " " + f.Answer)))
            .OrderByDescending(f => IntentClassifier.SpeaksOfPayment(GermanNormalizer.Normalize(f.Question)))
            .FirstOrDefault();

    /// <summary>The first FAQ entry in scope whose own question has the form of the question asked.</summary>
    private static FaqMatch? SameQuestionFaq(ParsedQuestion q, IReadOnlyList<EventIndex> scope, CatalogIndex index)
    {
        var form = QuestionForm.Of(q.Words);
        foreach (var candidate in scope)
        {
            for (var i = 0; i < candidate.FaqQuestionForms.Count; i++)
            {
                if (candidate.FaqQuestionForms[i].SameAs(form, index.EventNamingTerms))
                {
                    var entry = (candidate.Event.Faq ?? [])[i];
                    return new FaqMatch(candidate, entry, form.Content.ToHashSet(StringComparer.Ordinal));
                }
            }
        }

        return null;
    }

    /// <summary>"nach der Keynote" → true, "vor dem Mittagessen" → false: the question places what it asks for next to a named session.</summary>
    private static bool? RelativePosition(ParsedQuestion q, IReadOnlySet<string> matched)
    {
        for (var i = 0; i < q.Words.Count - 1; i++)
        {
            bool? after = q.Words[i] switch { "nach" or "after" => true, "vor" or "before" => false, _ => null };
            if (after is null)
            {
                continue;
            }

            // "before the bus tour": the session's word may follow a word of its own ("bus").
            var next = q.Words.Skip(i + 1).SkipWhile(w => w is "dem" or "der" or "den" or "the" or "die" or "das").Take(2).ToList();
            if (next.Count > 0 && (matched.Contains(Lexicon.Term(next[0])) || (next.Count > 1 && !matched.Contains(Lexicon.Term(next[0]))
                && !Lexicon.IsIgnorable(next[0]) && matched.Contains(Lexicon.Term(next[1])))))
            {
                return after;
            }
        }

        return null;
    }

    /// <summary>The sessions right after (or before) the named one, on its day (parallel ones together); with speakers only, when asked who.</summary>
    private static List<Session> SessionsNextTo(ParsedQuestion q, SessionMatch match, CatalogEvent ev, bool withSpeakers)
    {
        if (RelativePosition(q, match.Matched) is not { } after)
        {
            return [];
        }

        IReadOnlyList<Session> named = match.IsAmbiguous ? match.Alternatives : [match.Session];
        var day = BerlinTime.Day(named[0].Start);
        if (named.Any(s => BerlinTime.Day(s.Start) != day))
        {
            return [];
        }

        var sameDay = ev.Programme.Where(s => BerlinTime.Day(s.Start) == day && !named.Contains(s) && (!withSpeakers || s.Speakers is { Count: > 0 }))
            .OrderBy(s => s.Start).ToList();
        var end = named.Max(s => s.End);
        var start = named.Min(s => s.Start);
        var neighbours = after
            ? sameDay.Where(s => s.Start >= end).GroupBy(s => s.Start).FirstOrDefault()
            : sameDay.Where(s => s.End <= start).GroupBy(s => s.Start).LastOrDefault();
        return neighbours is null ? [] : [.. neighbours];
    }

    /// <summary>"um halb 3", "at 2": a small hour in a programme that runs by day is the afternoon's.</summary>
    private static int Afternoon(CatalogEvent ev, int minuteOfDay) =>
        minuteOfDay < 8 * 60 && ev.Programme.All(s => BerlinTime.MinuteOfDay(s.Start) >= 7 * 60) ? minuteOfDay + (12 * 60) : minuteOfDay;

    /// <summary>"Ist in der ersten noch Platz?" right after a list of workshops: the first one listed.</summary>
    private static Session? Enumerated(ParsedQuestion q, CatalogEvent ev, ConversationState state)
    {
        if (state.LastIntent != Intent.Workshops || ev.Id != state.EventId || q.Day is not null)
        {
            return null;
        }

        var position = q.Words.Select(w => Array.FindIndex(Ordinals, o => o.Contains(w))).FirstOrDefault(i => i >= 0, -1);
        var listed = AnswerComposer.ListedWorkshops(ev);
        return position >= 0 && position < listed.Count ? listed[position] : null;
    }

    /// <summary>The session of <paramref name="ev"/> like <paramref name="before"/>: of its kind, sharing a title word, or the only one of its kind.</summary>
    private static Session? Counterpart(Session before, CatalogEvent ev, CatalogIndex index)
    {
        var sameKind = ev.Programme.Where(s => s.Kind == before.Kind).ToList();
        var words = index.DocumentTerms(before.Title).Where(t => t.Length > 2 && !Lexicon.IsIgnorable(t)).ToHashSet(StringComparer.Ordinal);
        var alike = sameKind.Where(s => index.DocumentTerms(s.Title).Any(words.Contains)).ToList();
        return alike.Count == 1 ? alike[0] : alike.Count == 0 && sameKind.Count == 1 ? sameKind[0] : null;
    }

    /// <summary>The FAQ entry that asks about a waiting list and names the session by a word of its title (not the event's).</summary>
    private static FaqEntry? SessionWaitlistEntry(CatalogEvent ev, Session session, EventIndex owner, CatalogIndex index)
    {
        var titled = owner.TitleTerms(session).Where(t => !owner.NameTerms.Contains(t) && !owner.PlaceTerms.Contains(t)).ToList();
        var waitlist = WaitlistTerms(index);
        return titled.Count == 0 ? null : (ev.Faq ?? []).FirstOrDefault(f => index.DocumentTerms(f.Question).ToList() is var entryTerms
            && entryTerms.Any(waitlist.Contains) && index.DocumentTerms($"{f.Question} {f.Answer}").Any(titled.Contains));
    }

    private static HashSet<string> WaitlistTerms(CatalogIndex index) => [.. index.DocumentTerms("Warteliste Wartelisten waiting list waitlist")];

    /// <summary>Whether a sentence of the session's description holds a clock time and a word of the question its title lacks.</summary>
    private static bool NamesTimeOf(ParsedQuestion q, Session session, EventIndex owner, CatalogIndex index, int? minuteOfDay = null)
    {
        if (session.Description is not { Length: > 0 } description || !ClockInText().IsMatch(description))
        {
            return false;
        }

        var title = owner.TitleTerms(session);
        var asked = q.Terms.Where(t => !title.Contains(t)).ToList();
        return asked.Count > 0 && DescriptionSentence().Split(description)
            .Any(sentence => ClockInText().Matches(sentence).Any(m => minuteOfDay is not { } at || MinuteOf(m.Value) == at)
                && index.DocumentTerms(sentence).Any(asked.Contains));
    }

    private static int MinuteOf(string clock)
    {
        var parts = clock.Split(':', '.');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 60) + int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\b[0-9]{1,2}[:.][0-9]{2}\b")]
    private static partial Regex ClockInText();

    [GeneratedRegex(@"(?<=[.!?])(?<!\b\d{1,2}\.)\s+")]
    private static partial Regex DescriptionSentence();

    /// <summary>
    /// The venue, with the part the question names; "Gibt es eine Höranlage?" is answered yes or no by the sentence of the
    /// accessibility (or directions) text that names it.
    /// </summary>
    private static Answer VenueAnswer(ParsedQuestion q, EventIndex subject, List<string> terms, CatalogIndex index, AnswerComposer compose,
        ConversationState state)
    {
        var directions = IntentClassifier.AsksForDirections(q) || (terms.Count > 0 && terms.Any(subject.DirectionTerms.Contains));
        var accessibility = IntentClassifier.AsksForAccessibility(q) || (terms.Count > 0 && terms.Any(subject.AccessibilityTerms.Contains));
        var told = accessibility ? subject.Event.Venue?.Accessibility : directions ? subject.Event.Venue?.Directions : null;
        var yes = !compose.YesNoQuestion ? null : terms.Count > 0 ? Polarity.Of(told, terms, index) : Polarity.Opening(told);
        return compose.Where(subject.Event, directions, accessibility, state, yes ?? true);
    }

    /// <summary>Word parts that make a question about taking part in the event ("Abschlussveranstaltung", "Teilnahmegebühr").</summary>
    private static readonly string[] EventWordParts =
        ["teilnahme", "teilnehmen", "veranstaltung", "anmeld", "abschluss", "tagung", "treffen", "participat", "attend", "event", "closing"];

    private static bool FitsDay(CatalogEvent ev, DaySlot slot)
    {
        var days = AnswerComposer.Days(ev);
        return slot switch
        {
            { Ordinal: { } n } => days.Count >= Math.Max(n, 2),
            { Weekday: { } w } => days.Any(d => d.DayOfWeek == w),
            { DayOfMonth: { } dm, Month: { } m } => days.Any(d => d.Day == dm && d.Month == m),
            _ => true,
        };
    }

    private static readonly string[][] Ordinals =
    [
        ["erste", "ersten", "erster", "erstes", "first"], ["zweite", "zweiten", "zweiter", "zweites", "second"],
        ["dritte", "dritten", "dritter", "drittes", "third"], ["vierte", "vierten", "vierter", "viertes", "fourth"],
    ];

    private static bool RoomNamedIn(string? room, string? text) =>
        room is not null && text is not null
        && Tokenizer.Words(room).Select(w => w.Joined).Where(w => w.Length >= 3 && w is not ("raum" or "saal" or "room" or "seminarraum"))
            .Intersect(Tokenizer.Words(text).Select(w => w.Joined), StringComparer.Ordinal).Any();

    /// <summary>The question names an event by its title, kind, place or year (not only by "the other one").</summary>
    private static bool NamesAnEvent(ParsedQuestion q, CatalogIndex index) =>
        q.Year is not null || q.HasTerm(Lexicon.Plenum) || q.HasTerm(Lexicon.Marktplatz)
        || index.Events.Any(e => q.Terms.Any(t => e.NameTerms.Contains(t) || e.PlaceTerms.Contains(t)));

    /// <summary>Questions about the event as a whole (its fee, deadline, contact …), not about a session in it.</summary>
    private static bool IsAboutTheEvent(Intent intent) =>
        intent is Intent.Fee or Intent.Deadline or Intent.Contact or Intent.Host or Intent.Waitlist or Intent.PerOrganisation or Intent.RegistrationState;

    /// <summary>The answer from an FAQ entry (or the fee text) that asks the same kind of question as the user.</summary>
    private static Func<AnswerComposer, ConversationState, Answer>? KindFaq(ParsedQuestion q, EventIndex subject, List<string> yesTerms, CatalogIndex index)
    {
        var ev = subject.Event;
        FaqEntry? Entry(Func<string, bool> kind) =>
            (ev.Faq ?? []).FirstOrDefault(f => kind(string.Join(' ', Tokenizer.Words(f.Question).Select(w => w.Joined))));

        // "Für wen ist die Infostunde gedacht?": the entry asking the same, else the description's sentence about whom it addresses.
        if (IntentClassifier.AsksForAudience(q.Text))
        {
            return Entry(IntentClassifier.AsksForAudience) is { } audience ? (c, s) => c.Faq(ev, audience, s)
                : AnswerComposer.AudienceSentence(ev) is { } sentence ? (c, s) => c.Recap(ev, sentence, s)
                : (c, s) => c.Unknown(ev, s);
        }

        if (IntentClassifier.AsksWhoMay(q.Text))
        {
            return Entry(IntentClassifier.AsksWhoMay) is { } who ? (c, s) => c.Faq(ev, who, s) : (c, s) => c.Unknown(ev, s);
        }

        if (IntentClassifier.AsksWhatIsIncluded(q.Text))
        {
            return Entry(IntentClassifier.AsksWhatIsIncluded) is { } included ? (c, s) => c.Faq(ev, included, s)
                : ev.Registration?.Fee is { } fee && IntentClassifier.AsksWhatIsIncluded(GermanNormalizer.Normalize(fee)) ? (c, s) => c.Fee(ev, s)
                : (c, s) => c.Unknown(ev, s);
        }

        // "Kann ich nur am Donnerstag kommen?": the entry about taking part on one day only.
        if (IntentClassifier.AsksForOneDay(q.Text))
        {
            return Entry(IntentClassifier.AsksForOneDay) is { } oneDay ? (c, s) => c.Faq(ev, oneDay, s) : null;
        }

        if (IntentClassifier.AsksHowToJoin(q.Text))
        {
            return Entry(IntentClassifier.AsksHowToJoin) is { } join ? (c, s) => c.Faq(ev, join, s) : null;
        }

        // "Bis wann kann man kostenlos stornieren?", "und wenn ich krank werde?": the entry that tells how to withdraw or send someone.
        if (IntentClassifier.AsksHowToWithdraw(q.Text))
        {
            // An entry that asks about withdrawing itself comes before one that only mentions it ("Kann eine Vertretung …?"),
            // and for "Bis wann …?" one that names a date.
            var withdraw = (ev.Faq ?? []).Where(f => IntentClassifier.SpeaksOfWithdrawal(
                string.Join(' ', Tokenizer.Words(f.Question + " " + f.Answer).Select(w => w.Joined))))
                .OrderByDescending(f => IntentClassifier.SpeaksOfCancelling(q.Text)
                    && (IntentClassifier.AsksHowToWithdraw(GermanNormalizer.Normalize(f.Question)) || IntentClassifier.SpeaksOfCancelling(GermanNormalizer.Normalize(f.Question))))
                .ThenByDescending(f => IntentClassifier.AsksWithdrawalDeadline(q.Text) && DateExpressions.Day(GermanNormalizer.Normalize(f.Answer)) is not null)
                .FirstOrDefault();
            // "Kann ich eine Kollegin schicken?": the clause of the entry that names the one sent says yes or no.
            var yes = withdraw is not null && yesTerms.Count > 0 ? Polarity.Of(withdraw.Answer, yesTerms, index) : null;
            return withdraw is not null ? (c, s) => c.Faq(ev, withdraw, s, yes) : (c, s) => c.Unknown(ev, s);
        }

        return null;
    }

    /// <summary>
    /// "Kostet das extra?" is answered "Nein" when the fee is nothing, "Ist es kostenlos?" "Ja"; "Ist das Mittagessen
    /// in der Gebühr drin?" "Ja" only when the fee text names it. Null when the question is no yes/no question about the fee.
    /// </summary>
    private static bool? FeeYes(ParsedQuestion q, CatalogEvent ev, CatalogIndex index)
    {
        if (!IntentClassifier.IsYesNo(q) || ev.Registration?.Fee is not { } fee)
        {
            return null;
        }

        if (q.HasWord("inklusive", "inkl", "enthalten", "drin", "included", "include", "includes", "dabei"))
        {
            var feeTerms = index.DocumentTerms(fee).ToHashSet(StringComparer.Ordinal);
            return ChargedApart(fee, q, index) ? false : q.Terms.Any(feeTerms.Contains) ? true : null;
        }

        // "kostenlos für Mitglieder, 60 Euro für Gäste": the clause naming what the question names decides ("als Gast"),
        // else only a fee that is free, or paid, throughout.
        var clauses = FeeClauses().Split(GermanNormalizer.Normalize(fee)).Where(c => c.Trim().Length > 0).ToList();
        var named = clauses.Where(c => CatalogIndex.Terms(c).Any(q.Terms.Contains)).ToList();
        var deciding = named.Count > 0 ? named : clauses;
        bool? free = deciding.All(c => FreeFee().IsMatch(c)) ? true : deciding.All(c => !FreeFee().IsMatch(c)) ? false : null;
        return free is { } f ? (IntentClassifier.AsksIfFree(q) ? f : !f) : null;
    }

    [GeneratedRegex(@"[,;]|\bund\b|\band\b")]
    private static partial Regex FeeClauses();

    [GeneratedRegex(@"[.;!?]\s+|,\s+")]
    private static partial Regex DirectionClauses();

    [GeneratedRegex(@"\b(kostenlos|kostenfrei|gebuehrenfrei|unentgeltlich|gratis|free|keine|none)\b|^\s*0([.,]0+)?\s*(€|euro)")]
    private static partial Regex FreeFee();

    /// <summary>What the question names, as <see cref="CatalogIndex.WordKeys"/>, with the session the conversation is about.</summary>
    private static HashSet<string> NamedKeys(ParsedQuestion q, CatalogIndex index, ConversationState state)
    {
        var keys = new HashSet<string>(q.Terms, StringComparer.Ordinal);
        foreach (var word in q.Words)
        {
            keys.UnionWith(index.WordKeys(word));
        }

        // "gibt es was Vegetarisches?": a dish without meat names food as much as "Essen" does.
        if (q.HasTerm("vegetarisch"))
        {
            keys.Add("essen");
        }

        // "Wie wird bezahlt?": paying is paying the fee.
        if (q.HasTerm("abrechnung"))
        {
            keys.Add("cue:fee");
        }

        if (q.HasTerm(Lexicon.Plenum) || q.HasTerm(Lexicon.Marktplatz) || q.Words.Any(Lexicon.GenericEventWords.Contains)
            || index.Events.Any(e => q.Terms.Any(e.NameTerms.Contains)))
        {
            keys.Add(FaqFit.EventNamed);
        }

        if (index.Find(state.EventId)?.Event.FindSession(state.SessionId ?? string.Empty) is { } session)
        {
            keys.UnionWith(index.DocumentTerms(session.Title));
            keys.UnionWith(EventIndex.KindTerms(session));
        }

        return keys;
    }

    /// <summary>The first session (of a coming event, else any) with a speaker whose every name word the question names.</summary>
    private static (CatalogEvent Event, Session Session)? NamedSpeaker(ParsedQuestion q, CatalogIndex index, DateTimeOffset now)
    {
        var words = Tokenizer.Words(q.Normalized).Select(w => w.Joined).ToHashSet(StringComparer.Ordinal);
        foreach (var e in index.Events.OrderBy(e => e.Event.End < now).ThenBy(e => e.Event.Start))
        {
            foreach (var session in e.Event.Programme)
            {
                foreach (var speaker in session.Speakers ?? [])
                {
                    var comma = speaker.IndexOf(',', StringComparison.Ordinal);
                    var nameWords = Tokenizer.Words(comma < 0 ? speaker : speaker[..comma])
                        .Select(w => w.Joined).Where(w => w.Length >= 3 && w is not ("dr" or "prof")).ToList();
                    if (comma > 0 && nameWords.Count >= 2 && nameWords.All(words.Contains))
                    {
                        return (e.Event, session);
                    }
                }
            }
        }

        return null;
    }

    private static bool IsPersonal(Intent intent) =>
        intent is Intent.AmIRegistered or Intent.Register or Intent.Cancel or Intent.MySessions or Intent.ChangeSessions;

    /// <summary>The events among <paramref name="events"/> that hold a session or FAQ entry matching every term.</summary>
    /// <summary>
    /// "Wer ist Ansprechpartnerin der AG?" over three meetings with one contact: meetings of one series that give the asked
    /// field alike need no question back. (Two unrelated free events are still told apart: the answer would name one.)
    /// </summary>
    private static bool ShareTheAnswer(Intent intent, List<EventIndex> events)
    {
        Func<CatalogEvent, string?>? field = intent switch
        {
            Intent.Contact => e => $"{e.Contact?.Name}|{e.Contact?.Email}|{e.Contact?.Phone}",
            Intent.Host => e => e.Host,
            Intent.Fee => e => e.Registration?.Fee,
            Intent.PerOrganisation => e => e.Registration?.MaxPerOrganization?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Intent.Where => e => $"{e.Venue?.Name}|{e.Venue?.Street}|{e.Venue?.City}",
            _ => null,
        };
        return field is not null && events.All(e => EventResolver.SameSeries(e, events[0]))
            && events.Select(e => field(e.Event)).Distinct(StringComparer.Ordinal).Count() == 1;
    }

    private static List<EventIndex> Fitting(IReadOnlyList<EventIndex> events, List<string> terms) =>
        terms.Count == 0
            ? [.. events]
            : [.. events.Where(e => ProgrammeSearch.FindSession(terms, [e]) is { } m && m.Matched.Count == terms.Count
                || ProgrammeSearch.FindFaq(terms, [e]) is { } f && f.Matched.Count == terms.Count)];

    /// <summary>"Workshop B", "AG 2"; and right after a question about "Workshop A" the bare "und bei B?".</summary>
    private static List<string> LabelsNamed(string question, ParsedQuestion q, CatalogIndex index, ConversationState state)
    {
        var labels = EventIndex.LabelsIn(question).ToList();
        if (labels.Count == 0 && index.Find(state.EventId) is { } current && BareLabel(q, current) is { } bare)
        {
            return [bare];
        }

        if (labels.Count > 0 || !IsFollowUp(q) || index.Find(state.EventId) is not { } talkedAbout
            || talkedAbout.Event.FindSession(state.SessionId ?? string.Empty) is not { } before
            || talkedAbout.Labels.FirstOrDefault(l => l.Value == before).Key is not { } beforeLabel)
        {
            return labels;
        }

        var word = beforeLabel[..beforeLabel.IndexOf(' ', StringComparison.Ordinal)];
        return [.. q.Words.Skip(1).Where(w => (w.Length == 1 && char.IsLetter(w[0])) || (w.Length <= 2 && w.All(char.IsDigit)))
            .Select(id => $"{word} {id}").Where(talkedAbout.Labels.ContainsKey)];
    }

    private static readonly System.Collections.Frozen.FrozenSet<string> LabelPrepositions =
        WordSet.Of(["bei", "im", "in", "den", "dem", "der", "zu", "zum", "zur", "fuer", "fuers", "for", "at", "to"]);

    /// <summary>
    /// "gibts bei A noch Plätze?", "tausch mich in den C": a bare letter or number behind a preposition, at the end or before
    /// "noch", names the one session of the event talked about that carries it as a label ("Workshop A"), if exactly one does.
    /// </summary>
    private static string? BareLabel(ParsedQuestion q, EventIndex talkedAbout)
    {
        for (var i = 1; i < q.Words.Count; i++)
        {
            var id = q.Words[i];
            if (!((id.Length == 1 && char.IsLetter(id[0])) || (id.Length <= 2 && id.All(char.IsDigit))) || !LabelPrepositions.Contains(q.Words[i - 1])
                || (i + 1 < q.Words.Count && q.Words[i + 1] is not ("noch" or "still" or "frei" or "free")))
            {
                continue;
            }

            var matching = talkedAbout.Labels.Keys.Where(l => l.EndsWith(" " + id, StringComparison.Ordinal)).ToList();
            return matching.Count == 1 ? matching[0] : null;
        }

        return null;
    }

    private static bool IsFollowUp(ParsedQuestion q) =>
        q.Words.Count > 0 && q.Words[0] is "und" or "and" or "auch" or "also" or "what" && (q.Words[0] != "what" || q.Text.StartsWith("what about", StringComparison.Ordinal))
        && q.Words.Count <= 6;

    /// <summary>"Gibt es …?", "Is there …?": a list or session found means "Ja".</summary>
    private static bool AsksIfExists(ParsedQuestion q)
    {
        // "morgen früh gibts Kaffee?": a day or part of the day put first leaves the question's verb behind it.
        var at = 0;
        while (at < q.Words.Count - 1 && IntentClassifier.LeadingTimeWords.Contains(q.Words[at]))
        {
            at++;
        }

        var first = q.Words[at];
        return q.Words.Count - at > 1 && (first is "gibt" or "gibts" or "gab" or "gabs" or "hat" or "haben" or "hatte" or "any" or "kommt"
            || (first == "findet" && q.HasWord("statt"))
            // "Ist heute noch was?": "was" inside the sentence is "etwas".
            || (first is "ist" or "sind" or "laeuft" && q.Words.Skip(at + 1).Any(w => w is "was" or "etwas" or "irgendwas"))
            || (first is "is" or "are" && q.HasWord("anything", "something"))
            || (first is "is" or "are" or "was" or "were" && q.Words[at + 1] == "there")
            // "did the plenum have an excursion?"
            || (first is "did" or "does" or "do" && q.HasWord("have", "has")));
    }

    /// <summary>Content terms that may name a session or FAQ entry: not event kinds, places or registration words.</summary>
    private static List<string> RetrievalTerms(ParsedQuestion q, CatalogIndex index, EventResolution resolution) =>
        RetrievalTerms(q, index, resolution, IntentClassifier.AsksToTakePartFromAfar(q.Text));

    private static List<string> RetrievalTerms(ParsedQuestion q, CatalogIndex index, EventResolution resolution, bool fromAfar) =>
        [.. q.Terms
            .Where(t => t is not (Lexicon.Plenum or Lexicon.Marktplatz or Lexicon.Registration))
            // "Frühjahrsplenum", "Ersatzplenum" name the event, not a subject to look up.
            .Where(t => EventResolver.SeasonOfCompound(t) is null && !EventResolver.NamesReplacement(t))
            .Where(t => resolution.Event is null || !resolution.Event.NameTerms.Contains(t))
            .Where(t => !index.Events.Any(e => e.PlaceTerms.Contains(t))
                // "Kann ich beim Fachtag online teilnehmen?": "online" asks for a stream there, even where an online event's venue bears it.
                || (t == OnlineTermList[0] && fromAfar && resolution.Event is { } named && !named.PlaceTerms.Contains(t)))
            .Distinct(StringComparer.Ordinal)];

    private static string? SpeakerBefore(ParsedQuestion q, CatalogEvent ev, ConversationState state, Session chosen) =>
        q.HasWord("sie", "er", "she", "he") && state.EventId == ev.Id && state.SessionId is { } before && before != chosen.Id
            && ev.FindSession(before)?.Speakers is [var only] ? only : null;

    private static bool SameSpeaker(string a, string b) =>
        string.Equals(a.Split(',')[0].Trim(), b.Split(',')[0].Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The terms of the question without those of a statement before it ("bin schwerhörig, …").</summary>
    private static List<string> AskedTerms(ParsedQuestion q, CatalogIndex index, EventResolution resolution, List<string> terms)
    {
        if (StatedAboutOneself(q).Count == 0)
        {
            return terms;
        }

        var stated = StatedTerms(q, index, resolution);
        return [.. terms.Where(t => !stated.Contains(t))];
    }

    private static HashSet<string> StatedTerms(ParsedQuestion q, CatalogIndex index, EventResolution resolution) =>
        StatedAboutOneself(q).Count == 0 ? []
            : RetrievalTerms(QuestionParser.Parse(q.Normalized.Split(',', ';')[0], index), index, resolution).ToHashSet(StringComparer.Ordinal);

    /// <summary>The words of a statement about oneself before the question ("bin schwerhörig, …"), or none.</summary>
    private static HashSet<string> StatedAboutOneself(ParsedQuestion q) =>
        q.Normalized.Split(',', ';') is { Length: > 1 } clauses
            && Tokenizer.Words(clauses[0]) is [var first, ..] opening
            && first.Joined is "ich" or "bin" or "wir" or "sind" or "i" or "im" or "we" or "hab" or "habe" or "haben" or "mein" or "meine" or "unser"
                or "unsere" or "my" or "our" or "kollege" or "kollegin" or "kollegen" or "colleague"
            && Tokenizer.Words(clauses[^1]) is [var asking, ..] && IntentClassifier.StartsYesNo(asking.Joined)
            ? opening.Select(w => w.Joined).ToHashSet(StringComparer.Ordinal)
            : [];

    /// <summary>Named event only; otherwise the conversation's event first, then every upcoming event.</summary>
    private static List<EventIndex> SearchScope(ParsedQuestion q, EventResolution resolution, CatalogIndex index, ConversationState state, DateTimeOffset now)
    {
        // (An event under way is "the" event only for the present: "wann war der Kurzvortrag …?" may mean a past one.)
        if (resolution.Explicit && resolution.Event is not null && !(resolution.Underway && EventResolver.AsksAboutPast(q)))
        {
            return [resolution.Event, .. resolution.Series];
        }

        var scope = new List<EventIndex>();
        if (index.Find(state.EventId) is { } previous)
        {
            // "Gibt es da eine Exkursion?": "da" points at the event talked about, and at no other.
            if (IntentClassifier.PointsBack(q))
            {
                return [previous];
            }

            scope.Add(previous);
        }

        // A cancelled event is searched last: it is never "the" event a question means unless named.
        scope.AddRange(index.Events.Where(e => e.Event.End >= now && !scope.Contains(e))
            .OrderBy(e => e.Event.Status == EventStatus.Cancelled).ThenBy(e => e.Event.Start));
        // "wann war der Kurzvortrag zum Bauantrag?": a question in the past tense may mean a session of a past event, latest first.
        if (EventResolver.AsksAboutPast(q))
        {
            scope.AddRange(index.Events.Where(e => e.Event.End < now && !scope.Contains(e)).OrderByDescending(e => e.Event.Start));
        }
        if (scope.Count == 0 && resolution.Event is not null)
        {
            scope.Add(resolution.Event);
        }

        return scope;
    }

    /// <summary>
    /// "Um 15 Uhr läuft: Workshop A, B, C" – "und danach?": what follows begins when the first of the sessions shown ends, or
    /// with nothing shown at that time, with the first session after it; on the day shown (a one-day event's only day).
    /// </summary>
    private static DateTimeOffset? ShownUntil(CatalogEvent ev, int minuteOfDay, int? dayNumber)
    {
        var days = AnswerComposer.Days(ev);
        DateOnly? day = dayNumber is { } n && n >= 1 && n <= days.Count ? days[n - 1] : days.Count == 1 ? days[0] : null;
        if (day is null)
        {
            return null;
        }

        return AnswerComposer.RunningAt(ev, minuteOfDay, day) is { Count: > 0 } shown ? shown.Min(s => s.End)
            : ev.Programme.Where(s => BerlinTime.Day(s.Start) == day && BerlinTime.MinuteOfDay(s.Start) >= minuteOfDay).MinBy(s => s.Start)?.Start;
    }

    private static DateOnly? PreviousDay(CatalogEvent ev, ConversationState state)
    {
        var days = AnswerComposer.Days(ev);
        return ev.Id == state.EventId && state.Day is { } d && d >= 1 && d <= days.Count ? days[d - 1] : null;
    }

    /// <summary>The calendar day of the event the question points at ("am zweiten Tag", "am Mittwoch", "am 10. Juni").</summary>
    private static DateOnly? ResolveDay(DaySlot? slot, CatalogEvent ev)
    {
        var days = AnswerComposer.Days(ev);
        if (slot is null)
        {
            return null;
        }

        DateOnly? day = slot switch
        {
            { Ordinal: { } n } => n <= days.Count ? days[n - 1] : null,
            { Weekday: { } w } => days.Cast<DateOnly?>().FirstOrDefault(x => x!.Value.DayOfWeek == w),
            { DayOfMonth: { } dm, Month: { } m } => days.Cast<DateOnly?>().FirstOrDefault(x => x!.Value.Day == dm && x.Value.Month == m),
            _ => null,
        };
        return day;
    }
}
