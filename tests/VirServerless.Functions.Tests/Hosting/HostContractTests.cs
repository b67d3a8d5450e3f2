using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VirServerless.Functions.Deployment;
using VirServerless.Functions.Tests.Support;
using VirServerless.Functions.Timers;

namespace VirServerless.Functions.Tests.Hosting;

/// <summary>
/// The published package against the custom-handler contract (PROTOCOLS.md section 4), replayed the way the
/// Functions host talks to the handler: forwarded HTTP requests on their original path, timer invocations as
/// <c>POST /{FunctionName}</c> with the JSON payload.
/// </summary>
public sealed partial class HostContractTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void PackageHoldsHostJsonAndAnExecutableWithItsRunBit()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Root, "host.json")))!;

        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal("VirServerless.Functions", (string?)host["customHandler"]!["description"]!["defaultExecutablePath"]);
        Assert.True((bool?)host["customHandler"]!["enableForwardingHttpRequest"]);
        Assert.Equal(FunctionMetadata.RoutePrefix, (string?)host["extensions"]!["http"]!["routePrefix"]);
        Assert.True(File.GetUnixFileMode(package.ExecutablePath).HasFlag(UnixFileMode.UserExecute), "the handler lost its run bit in the zip");
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRootPath, "host.json")), File.ReadAllText(Path.Combine(package.Root, "host.json")));
    }

    [Fact]
    public void EveryFunctionFolderIsForwardableHttpOrATimerFromTheTimerTable()
    {
        var folders = FunctionFolders();

        Assert.NotEmpty(folders);
        foreach (var (name, bindings) in folders)
        {
            Assert.Matches("^[A-Za-z][A-Za-z0-9_-]{0,127}$", name);
            var trigger = (string?)bindings[0]!["type"];
            if (trigger == "httpTrigger")
            {
                // Forwarding only applies with exactly one httpTrigger in and one http out.
                Assert.Equal(2, bindings.Count);
                Assert.Equal("in", (string?)bindings[0]!["direction"]);
                Assert.Equal("http", (string?)bindings[1]!["type"]);
                Assert.Equal("out", (string?)bindings[1]!["direction"]);
                Assert.Contains((string?)bindings[0]!["authLevel"], new[] { "anonymous", "function" });
                var route = (string)bindings[0]!["route"]!;
                Assert.DoesNotContain(FunctionMetadata.HostReservedRouteStarts, reserved => route.StartsWith(reserved, StringComparison.OrdinalIgnoreCase));
            }
            else
            {
                Assert.Equal("timerTrigger", trigger);
                var timer = Assert.Single(TimerFunctions.All, t => t.Name == name);
                Assert.Equal($"%{timer.ScheduleSetting}%", (string?)Assert.Single(bindings)!["schedule"]);
            }
        }
        Assert.All(TimerFunctions.All, timer => Assert.Contains(timer.Name, folders.Keys));
    }

    [Fact]
    public void AdminRoutesNeedTheFunctionKeyAndPublicRoutesAreAnonymous()
    {
        var http = HttpFunctions();

        Assert.Equal("function", http["api-admin-events-id"].AuthLevel);
        Assert.Equal("function", http["api-admin-events-id-registrations"].AuthLevel);
        Assert.Equal("anonymous", http["api-events"].AuthLevel);
        Assert.Equal("anonymous", http["api-events-id-registrations"].AuthLevel);
        Assert.Equal("anonymous", http["api-health"].AuthLevel);
        Assert.Equal("api/events/{id}/registrations", http["api-events-id-registrations"].Route);
        Assert.All(http.Values.Where(f => f.Route.StartsWith("api/admin/", StringComparison.Ordinal)), f => Assert.Equal("function", f.AuthLevel));
    }

    [Fact]
    public async Task EveryHttpFunctionRouteIsAnsweredByTheAppForEachOfItsMethods()
    {
        var unanswered = new List<string>();

        foreach (var function in HttpFunctions().Values)
        {
            var path = "/" + RouteParameter().Replace(function.Route, "probe");
            foreach (var method in function.Methods)
            {
                using var request = Forwarded(new HttpMethod(method.ToUpperInvariant()), path);
                if (method is "post" or "put")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                if (function.AuthLevel == "function")
                {
                    request.Headers.Add("x-functions-key", PublishedPackage.AdminKey);
                }
                using var response = await package.Client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                // Routing misses answer 405, or 404 with the app's "unknown address" problem.
                if (response.StatusCode == HttpStatusCode.MethodNotAllowed || body.Contains("Diese Adresse gibt es nicht.", StringComparison.Ordinal))
                {
                    unanswered.Add($"{method} {path} -> {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(unanswered);
    }

    [Fact]
    public async Task ForwardedRequestsOnTheOriginalPathReachTheApp()
    {
        var id = TestEvents.NewId("host");
        using var put = Forwarded(HttpMethod.Put, $"/api/admin/events/{id}");
        put.Headers.Add("x-functions-key", PublishedPackage.AdminKey);
        put.Content = JsonContent.Create(TestEvents.Create(id));

        using var created = await package.Client.SendAsync(put);
        using var get = await package.Client.SendAsync(Forwarded(HttpMethod.Get, $"/api/events/{id}?source=host"));
        using var health = await package.Client.SendAsync(Forwarded(HttpMethod.Get, "/api/health"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal($"Testplenum {id}", (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync())!["title"]);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ForwardedAdminRequestWithoutKeyIsRefused()
    {
        using var response = await package.Client.SendAsync(Forwarded(HttpMethod.Get, "/api/admin/events/probe/registrations"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TimerInvocationsAnswerWithOutputsLogsAndReturnValue()
    {
        foreach (var timer in TimerFunctions.All)
        {
            var now = DateTimeOffset.UtcNow;
            var payload = new JsonObject
            {
                ["Data"] = new JsonObject
                {
                    ["timer"] = new JsonObject
                    {
                        ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                        ["ScheduleStatus"] = new JsonObject
                        {
                            ["Last"] = now.AddMinutes(-5).ToString("O"),
                            ["Next"] = now.AddMinutes(1).ToString("O"),
                            ["LastUpdated"] = now.AddMinutes(-5).ToString("O"),
                        },
                        ["IsPastDue"] = true,
                    },
                },
                ["Metadata"] = new JsonObject
                {
                    ["sys"] = new JsonObject { ["MethodName"] = timer.Name, ["UtcNow"] = now.ToString("O"), ["RandGuid"] = Guid.NewGuid().ToString() },
                },
            };
            using var request = Forwarded(HttpMethod.Post, "/" + timer.Name);
            request.Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");

            using var response = await package.Client.SendAsync(request);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.IsType<JsonObject>(body["Outputs"]);
            var log = Assert.Single(body["Logs"]!.AsArray());
            Assert.StartsWith(timer.Name + ":", (string?)log, StringComparison.Ordinal);
            Assert.True(body.ContainsKey("ReturnValue"));
            Assert.Null(body["ReturnValue"]);
        }
    }

    [Fact]
    public async Task TimerInvocationWithBrokenPayloadFailsTheInvocation()
    {
        using var request = Forwarded(HttpMethod.Post, "/" + TimerFunctions.All[0].Name);
        request.Content = new StringContent("{nicht json", Encoding.UTF8, "application/json");

        using var response = await package.Client.SendAsync(request);

        Assert.False(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task TimerRoutesAnswerOnlyTheHostsInvocations()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + TimerFunctions.All[0].Name)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", PublishedPackage.AdminKey);

        using var response = await package.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string RepositoryRootPath => VirServerless.Testing.RepositoryRoot.Path;

    private static HttpRequestMessage Forwarded(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", PublishedPackage.HostVersion);
        request.Headers.TryAddWithoutValidation("User-Agent", "Azure-Functions-Host/" + PublishedPackage.HostVersion);
        return request;
    }

    private Dictionary<string, JsonArray> FunctionFolders() =>
        Directory.EnumerateFiles(package.Root, "function.json", SearchOption.AllDirectories)
            .Where(file => Path.GetDirectoryName(Path.GetDirectoryName(file)) == package.Root)
            .ToDictionary(file => Path.GetFileName(Path.GetDirectoryName(file))!, file => JsonNode.Parse(File.ReadAllText(file))!["bindings"]!.AsArray());

    private Dictionary<string, HttpFunction> HttpFunctions() =>
        FunctionFolders()
            .Where(pair => (string?)pair.Value[0]!["type"] == "httpTrigger")
            .ToDictionary(
                pair => pair.Key,
                pair => new HttpFunction(
                    pair.Key,
                    (string)pair.Value[0]!["route"]!,
                    [.. pair.Value[0]!["methods"]!.AsArray().Select(m => (string)m!)],
                    (string)pair.Value[0]!["authLevel"]!));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
