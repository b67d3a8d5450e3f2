using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using VirServerless.Functions.Tests.Support;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Faults;

/// <summary>
/// Thousands of random and malformed requests (bodies, content types, headers, ids, OData injection, oversized and
/// deeply nested JSON) against the public write endpoints. None may answer 500, and only accepted registrations
/// may leave a record. Seeded, so a failure can be replayed.
/// </summary>
public class InputFuzzTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Requests = 3000;
    private FunctionAppProcess App => fixture.App;

    [Fact]
    public async Task RandomInputNeverCauses500AndStoresOnlyAcceptedRegistrations()
    {
        var eventId = TestEvents.NewId("fuzz");
        await TestEvents.PublishAsync(App.Admin, TestEvents.Create(eventId, capacity: 5000));
        var failures = new ConcurrentBag<string>();
        var acceptedEmails = new ConcurrentDictionary<string, byte>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var random = new Random(i);
            using var request = Build(random, eventId, out var email);
            using var response = await App.Client.SendAsync(request, ct);
            // The fuzzed activities name an unreachable Connector; 503 is the right answer when replies cannot go out.
            var connectorDown = response.StatusCode == HttpStatusCode.ServiceUnavailable && request.RequestUri!.ToString().EndsWith("api/messages", StringComparison.Ordinal);
            if ((int)response.StatusCode >= 500 && !connectorDown)
            {
                failures.Add($"seed {i}: {request.Method} {request.RequestUri} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            else if (response.StatusCode == HttpStatusCode.Accepted && email is not null && request.RequestUri!.ToString().Contains(eventId, StringComparison.Ordinal))
            {
                acceptedEmails.TryAdd(email.Trim().ToLowerInvariant(), 0);
            }
            else if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType is { } type && type != "application/problem+json")
            {
                failures.Add($"seed {i}: {(int)response.StatusCode} answered as {type}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        var list = await AdminQueries.RegistrationsAsync(App, eventId);
        var stored = list.GetProperty("registrations").EnumerateArray().Select(r => r.GetProperty("email").GetString()!.ToLowerInvariant()).ToList();
        Assert.Equal(acceptedEmails.Keys.Order(), stored.Order());
        Assert.NotEmpty(stored);
    }

    private static HttpRequestMessage Build(Random random, string eventId, out string? email)
    {
        email = null;
        var target = random.Next(8);
        if (target == 7)
        {
            return new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = Body(random, RandomActivity(random)) };
        }
        if (target == 0)
        {
            return new HttpRequestMessage(HttpMethod.Post, "api/registrations/confirm") { Content = Body(random, new JsonObject { ["token"] = RandomToken(random, eventId) }) };
        }
        if (target == 1)
        {
            var path = new[] { "manage", "manage/sessions", "manage/cancel" }[random.Next(3)];
            return new HttpRequestMessage(HttpMethod.Post, "api/registrations/" + path) { Content = Body(random, new JsonObject { ["token"] = RandomToken(random, eventId), ["sessions"] = new JsonArray("ag-ki") }) };
        }
        var id = random.Next(5) == 0 ? RandomId(random) : eventId;
        var valid = new JsonObject
        {
            ["firstName"] = "Fuzz",
            ["lastName"] = "Tester",
            ["email"] = $"fuzz{random.Next()}@kommune.example",
            ["organization"] = "Stadt Fuzz",
            ["sessions"] = new JsonArray("ag-ki"),
            ["consent"] = true,
        };
        var mutated = Mutate(random, valid);
        email = mutated["email"] is JsonValue v && v.TryGetValue<string>(out var e) ? e : null;
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/events/{Uri.EscapeDataString(id)}/registrations") { Content = Body(random, mutated) };
        if (random.Next(4) == 0)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", new string([.. RandomString(random, random.Next(0, 300)).Where(char.IsAsciiLetterOrDigit)]));
        }
        return request;
    }

    private static JsonObject Mutate(Random random, JsonObject body)
    {
        var result = (JsonObject)body.DeepClone();
        var keys = result.Select(p => p.Key).Concat(["website", "role", "dietary", "accessibilityNeeds", "requestKey", "unknown"]).ToList();
        for (var n = random.Next(0, 4); n > 0; n--)
        {
            var key = keys[random.Next(keys.Count)];
            result[key] = random.Next(9) switch
            {
                0 => null,
                1 => RandomString(random, random.Next(0, 50)),
                2 => new string('x', random.Next(90, 700)),
                3 => random.Next(),
                4 => new JsonArray(RandomString(random, 5), random.Next()),
                5 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = RandomString(random, 3) } },
                6 => "x' or PartitionKey ne '",
                7 => true,
                _ => "\u0000\u0007\u202e\ud83d\ude00ä",
            };
        }
        if (random.Next(10) == 0)
        {
            result.Remove(keys[random.Next(keys.Count)]);
        }
        return result;
    }

    private static ByteArrayContent Body(Random random, JsonObject json)
    {
        var text = json.ToJsonString();
        var kind = random.Next(12);
        return kind switch
        {
            0 => new StringContent(text[..random.Next(text.Length)], Encoding.UTF8, "application/json"),
            1 => new StringContent(new string('[', random.Next(10, 5000)) + new string(']', random.Next(0, 10)), Encoding.UTF8, "application/json"),
            2 => new StringContent(text, Encoding.UTF8, new[] { "text/plain", "application/xml", "multipart/form-data", "application/octet-stream" }[random.Next(4)]),
            3 => new ByteArrayContent(RandomBytes(random, random.Next(0, 2000))) { Headers = { { "Content-Type", "application/json" } } },
            4 => new StringContent(text + new string(' ', 70 * 1024), Encoding.UTF8, "application/json"),
            5 => new FormUrlEncodedContent(json.Select(p => new KeyValuePair<string, string>(p.Key, p.Value?.ToString() ?? ""))),
            6 => new StringContent(string.Join('&', Enumerable.Range(0, random.Next(1, 50)).Select(_ => RandomString(random, 8) + "=" + RandomString(random, 8))), Encoding.UTF8, "application/x-www-form-urlencoded"),
            7 => new StringContent(text.Replace("\"", "'", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
            _ => new StringContent(text, Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>Bot activities, mostly well-formed enough to reach the handler; replies are returned in the body.</summary>
    private static JsonObject RandomActivity(Random random)
    {
        string[] texts = ["Wann ist das nächste Plenum?", "Melde mich an", "Bin ich angemeldet?", "Melde mich ab", "ja", "", "x' or RowKey ne '"];
        var activity = new JsonObject
        {
            ["type"] = new[] { "message", "invoke", "conversationUpdate", "installationUpdate", "typing", "unknownType" }[random.Next(6)],
            ["id"] = RandomString(random, 10),
            ["channelId"] = random.Next(4) == 0 ? RandomString(random, 5) : "msteams",
            ["serviceUrl"] = random.Next(4) == 0 ? "https://evil.example/" : "http://127.0.0.1:1/_connector",
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = "29:" + RandomString(random, 8), ["name"] = RandomString(random, 8) },
            ["recipient"] = new JsonObject { ["id"] = "28:bot" },
            ["conversation"] = new JsonObject { ["id"] = "a:" + RandomString(random, 8), ["conversationType"] = "personal" },
            ["text"] = random.Next(3) == 0 ? RandomString(random, random.Next(0, 500)) : texts[random.Next(texts.Length)],
            ["value"] = random.Next(3) == 0 ? new JsonObject { ["action"] = new[] { "register", "cancel", "sessions", "confirmCancel" }[random.Next(4)], ["eventId"] = RandomId(random), ["sessions"] = RandomString(random, 12) } : null,
            ["name"] = random.Next(2) == 0 ? "adaptiveCard/action" : null,
        };
        return Mutate(random, activity);
    }

    private static string RandomToken(Random random, string eventId) => random.Next(5) switch
    {
        0 => eventId + "." + RandomString(random, 43),
        1 => RandomString(random, random.Next(0, 400)),
        2 => "x' or RowKey ne '." + RandomString(random, 10),
        3 => eventId + ".",
        _ => RandomId(random) + "." + Convert.ToBase64String(RandomBytes(random, 32)),
    };

    private static string RandomId(Random random) => random.Next(5) switch
    {
        0 => "x' or PartitionKey ne '",
        1 => new string('a', random.Next(60, 300)),
        2 => "..%2f..%2fadmin",
        3 => "plenum-2027') or (true",
        _ => RandomString(random, random.Next(1, 30)),
    };

    private static string RandomString(Random random, int length)
    {
        const string alphabet = "abcXYZ019-_.'\"\\/#?%&=+ äöüß€\t\n<>{}[]()*$@!~`|^";
        return new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
