using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VirServerless.Bot.Protocol;

/// <summary>The messaging endpoint the channel POSTs activities to.</summary>
public static class BotEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;

    public static RouteHandlerBuilder MapBotMessages(this IEndpointRouteBuilder app, string pattern = "/api/messages") =>
        app.MapPost(pattern, HandleAsync)
            // The channel's JWT is checked by ActivityAuthenticator, not by ASP.NET Core authorization policies.
            .AllowAnonymous()
            .WithName("BotMessages")
            .Accepts<Activity>("application/json")
            .Produces<ExpectRepliesResponse>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        ActivityAuthenticator authenticator,
        IActivityHandler handler,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        var (read, activity) = await ReadActivityAsync(http.Request.BodyReader, cancellationToken);
        switch (read)
        {
            case BodyRead.TooLarge:
                return TooLarge();
            case BodyRead.NotJson:
                return BadRequest("Der Inhalt der Anfrage ist kein gültiges JSON.");
        }

        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return BadRequest("Die Anfrage enthält keine Activity mit einem Typ.");
        }

        var authentication = await authenticator
            .AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, activity, cancellationToken);
        if (!authentication.IsAuthenticated)
        {
            loggerFactory.CreateLogger(typeof(BotEndpoint).FullName!).LogWarning(
                "Rejected {ActivityType} activity from channel {ChannelId}: {FailureReason}",
                OneLine(activity.Type), OneLine(activity.ChannelId), OneLine(authentication.FailureReason));
            if (authentication.IsUnavailable)
            {
                http.Response.Headers.RetryAfter = "30";
                return TypedResults.Problem(
                    detail: "Die Anmeldung des Kanals kann gerade nicht geprüft werden. Bitte versuchen Sie es gleich noch einmal.",
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Vorübergehend nicht verfügbar");
            }
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Unauthorized();
        }

        var result = await handler.OnActivityAsync(new TurnContext(activity, authentication.Identity!), cancellationToken);
        var replies = result.Replies.Select(reply => CompleteReply(reply, activity)).ToList();
        var isInvoke = activity.Type == ActivityTypes.Invoke;

        if (activity.ExpectsReplies)
        {
            if (isInvoke)
            {
                replies.Add((result.InvokeResponse ?? InvokeResponse.NotImplemented).ToActivity());
            }

            return TypedResults.Json(new ExpectRepliesResponse(replies), BotJson.Options);
        }

        // Resolved only here: a typed HTTP client is built per resolution, and expectReplies turns never send.
        await SendRepliesAsync(http.RequestServices.GetRequiredService<ConnectorClient>(), activity, replies, cancellationToken);

        if (!isInvoke)
        {
            return TypedResults.Ok();
        }

        var invokeResponse = result.InvokeResponse ?? InvokeResponse.NotImplemented;
        return invokeResponse.Body is null
            ? TypedResults.StatusCode(invokeResponse.Status)
            : TypedResults.Json(invokeResponse.Body, BotJson.Options, statusCode: invokeResponse.Status);
    }

    private static async Task SendRepliesAsync(
        ConnectorClient connector, Activity inbound, List<Activity> replies, CancellationToken ct)
    {
        if (replies.Count == 0)
        {
            return;
        }

        // Replies go only to the serviceUrl of the authenticated inbound activity.
        var serviceUrl = new Uri(inbound.ServiceUrl!, UriKind.Absolute);
        foreach (var reply in replies)
        {
            var conversationId = reply.Conversation!.Id;
            if (reply.ReplyToId is { Length: > 0 } replyToId)
            {
                await connector.ReplyToActivityAsync(serviceUrl, conversationId, replyToId, reply, ct);
            }
            else
            {
                await connector.SendToConversationAsync(serviceUrl, conversationId, reply, ct);
            }
        }
    }

    private static Activity CompleteReply(Activity reply, Activity inbound) => reply with
    {
        Type = reply.Type ?? ActivityTypes.Message,
        ServiceUrl = inbound.ServiceUrl,
        ChannelId = reply.ChannelId ?? inbound.ChannelId,
        Conversation = reply.Conversation ?? inbound.Conversation,
        From = reply.From ?? inbound.Recipient,
        Recipient = reply.Recipient ?? inbound.From,
    };

    private enum BodyRead
    {
        Complete,
        TooLarge,
        NotJson,
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/> and parses the activity where Kestrel buffered it, without copies.</summary>
    private static async Task<(BodyRead Read, Activity? Activity)> ReadActivityAsync(PipeReader body, CancellationToken ct)
    {
        while (true)
        {
            var result = await body.ReadAsync(ct);
            var buffer = result.Buffer;
            if (buffer.Length > MaxBodyBytes)
            {
                body.AdvanceTo(buffer.End);
                return (BodyRead.TooLarge, null);
            }

            if (!result.IsCompleted)
            {
                body.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            try
            {
                return (BodyRead.Complete, Parse(buffer));
            }
            catch (JsonException)
            {
                return (BodyRead.NotJson, null);
            }
            finally
            {
                body.AdvanceTo(buffer.End);
            }
        }
    }

    // Parsing a span, not a reader over the sequence, keeps the rule that nothing may follow the activity.
    private static Activity? Parse(ReadOnlySequence<byte> body) => body.IsSingleSegment
        ? JsonSerializer.Deserialize<Activity>(body.FirstSpan, BotJson.Options)
        : JsonSerializer.Deserialize<Activity>(body.ToArray(), BotJson.Options);

    /// <summary>Request values go into logs without line breaks, so nobody can forge log lines.</summary>
    private static string? OneLine(string? value) =>
        value is null ? null : string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Ungültige Anfrage");

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        detail: "Die Anfrage ist größer als 256 KB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Anfrage zu groß");
}
