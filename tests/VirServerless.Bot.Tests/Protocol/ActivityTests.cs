using System.Text.Json;
using System.Text.Json.Nodes;
using VirServerless.Bot.Protocol;

namespace VirServerless.Bot.Tests.Protocol;

public sealed class ActivityTests
{
    private const string TeamsMessage = """
        {
          "type": "message", "id": "1700000000001", "timestamp": "2026-11-03T09:00:00.123Z",
          "serviceUrl": "https://smba.trafficmanager.net/emea/", "channelId": "msteams",
          "from": {"id": "29:user-1", "name": "Erika Mustermann", "aadObjectId": "aad-1"},
          "recipient": {"id": "28:bot-app", "name": "VirServerless"},
          "conversation": {"id": "a:chat-1", "conversationType": "personal", "tenantId": "tenant-1", "isGroup": false},
          "text": "Wann ist die AG?", "textFormat": "plain", "locale": "de-DE",
          "entities": [{"type": "clientInfo", "locale": "de-DE", "timezone": "Europe/Berlin"}],
          "channelData": {"tenant": {"id": "tenant-1"}},
          "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {"type": "AdaptiveCard"}}],
          "localTimezone": "Europe/Berlin",
          "futureField": {"nested": [1, 2]}
        }
        """;

    [Fact]
    public void ReadsTeamsMessageAndKeepsUnknownFields()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, BotJson.Options))!;

        Assert.Equal("a:chat-1", activity.Conversation?.Id);
        Assert.Equal("tenant-1", activity.Conversation?.TenantId);
        Assert.Equal("aad-1", activity.From?.AadObjectId);
        Assert.Equal("AdaptiveCard", activity.Attachments![0].Content!["type"]!.GetValue<string>());
        Assert.Equal("tenant-1", activity.ChannelData!.Value.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal(2, written["futureField"]!["nested"]![1]!.GetValue<int>());
        Assert.Equal("Europe/Berlin", written["localTimezone"]!.GetValue<string>());
        Assert.Null(written["replyToId"]);
    }

    [Fact]
    public void CreatesReplyAddressedBackToSender()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var reply = activity.CreateReply("Die AG beginnt um 10 Uhr.");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("28:bot-app", reply.From?.Id);
        Assert.Equal("29:user-1", reply.Recipient?.Id);
        Assert.Equal("a:chat-1", reply.Conversation?.Id);
        Assert.Equal("1700000000001", reply.ReplyToId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reply.ServiceUrl);
        Assert.Equal("msteams", reply.ChannelId);
        Assert.Equal("de-DE", reply.Locale);
        Assert.Null(reply.Id);
    }

    [Fact]
    public void WritesAdaptiveCardActionAnswerAsStatusTypeValue()
    {
        var response = InvokeResponse.Error(412, "Stale", "Die Karte ist veraltet.");

        var body = response.Body!;

        Assert.Equal(200, response.Status);
        Assert.Equal(412, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error.preconditionFailed", body["type"]!.GetValue<string>());
        Assert.Equal("Stale", body["value"]!["code"]!.GetValue<string>());
    }
}
