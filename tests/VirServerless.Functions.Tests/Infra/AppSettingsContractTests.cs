using System.Reflection;
using System.Text.Json.Nodes;
using VirServerless.Bot.Protocol;
using VirServerless.Core.Storage;
using VirServerless.Functions.Timers;
using VirServerless.Testing;

namespace VirServerless.Functions.Tests.Infra;

/// <summary>
/// App settings are the only contract between infra/ and the code. This test reads the settings that
/// infra/modules/functionapp.bicep provisions from the ARM JSON the Bicep CLI compiled (<see cref="CompiledInfrastructure"/>)
/// and compares them with what the code binds: options classes (their <c>SectionName</c> plus settable properties,
/// found by reflection), the timer schedule settings and the raw keys listed below.
/// </summary>
public sealed partial class AppSettingsContractTests
{
    /// <summary>Keys the code reads directly (<c>configuration["…"]</c>), not through an options class.</summary>
    private static readonly string[] RawKeysReadByCode =
    [
        "AzureWebJobsStorage", // connection string (Azurite, account key): StorageServices.CreateTableService
        "AzureWebJobsStorage__tableServiceUri", // identity-based table endpoint: StorageServices.CreateTableService
        "AzureWebJobsStorage__credential", // AzureCredentials.From
        "AzureWebJobsStorage__clientId", // AzureCredentials.From
        "PublicBaseUrl", // MailLinkOptions
        "Outbox__BodyKey", // OutboxBodyProtection.FromConfiguration
        "Testing__UnguardedSeatCounters", // RegistrationStoreOptions, only for the concurrency test's negative control
        "Mail__Acs__ConnectionString", // CoreServices.CreateMailSender (key auth)
        "Mail__Acs__Endpoint", // CoreServices.CreateMailSender (Entra ID)
        "Mail__Acs__credential", // AzureCredentials.From for ACS
        "Mail__Acs__clientId", // AzureCredentials.From for ACS
        "OTEL_EXPORTER_OTLP_ENDPOINT", // TracingSetup
        "OTEL_EXPORTER_OTLP_PROTOCOL", // TracingSetup
    ];

    /// <summary>Provisioned for the Functions host itself, not for our code.</summary>
    private static readonly Dictionary<string, string> ReadByFunctionsHost = new()
    {
        ["AzureWebJobsStorage__accountName"] = "host storage (timer locks, schedule status) with the identity",
        ["AzureWebJobsStorage__credential"] = "the host uses the same identity",
        ["AzureWebJobsStorage__clientId"] = "the host uses the same identity",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "the host's own request and log telemetry",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Entra auth for App Insights with local auth disabled",
    };

    /// <summary>Settings the code binds that Azure deliberately does not provision, with the reason.</summary>
    private static readonly Dictionary<string, string> OptionalInAzure = new()
    {
        ["AzureWebJobsStorage"] = "connection string only for Azurite/local runs; Azure uses the identity-based AzureWebJobsStorage__* keys",
        ["Testing__UnguardedSeatCounters"] = "testing only: switches the ETag guard of the seat counters off to show that the concurrency test's load overbooks without it",
        ["Storage__TablePrefix"] = "one app per storage account in Azure; the prefix only separates test runs sharing Azurite",
        ["Mail__PickupDirectory"] = "local .eml folder; not used with ACS",
        ["Catalog__SeedDirectory"] = "sample catalog only for demo deployments (INCLUDE_SAMPLE_CATALOG=1 in scripts/publish.sh)",
        ["Timers__RunInProcess"] = "ignored under the Functions host, which fires the timers itself",
        ["Registration__ConfirmTokenLifetime"] = "tuning knob with a safe default",
        ["Registration__RepeatNoticeInterval"] = "tuning knob with a safe default",
        ["Bot__Copies__MaxAge"] = "tuning knob with a safe default",
        ["Registration__MaxConcurrencyAttempts"] = "tuning knob with a safe default",
        ["Registration__MaxManageTokens"] = "tuning knob with a safe default",
        ["Outbox__MaxAttempts"] = "tuning knob with a safe default",
        ["Outbox__FirstRetryDelay"] = "tuning knob with a safe default",
        ["Outbox__Lease"] = "tuning knob with a safe default",
        ["Outbox__SendParallelism"] = "tuning knob with a safe default",
        ["Outbox__BodyKey"] = "without it the key that seals unsent mail bodies is derived from Admin__ApiKey, which every instance shares",
        ["Registration__ReminderBatchSize"] = "tuning knob with a safe default",
        ["Registration__ReminderParallelism"] = "tuning knob with a safe default",
        ["Registration__ReminderLease"] = "tuning knob with a safe default",
        ["Bot__MicrosoftAppPassword"] = "no client secret: the bot authenticates as the user-assigned identity (UserAssignedMSI)",
        ["Bot__OpenIdMetadataUrl"] = "Bot Framework default is right for the public cloud",
        ["Bot__EntraOpenIdMetadataUrl"] = "Entra default is right for the public cloud",
        ["Bot__ClockSkew"] = "tuning knob with a safe default",
        ["Mail__Acs__ConnectionString"] = "key-based ACS only for tests with the local peer; Azure uses the endpoint and the identity",
        ["RateLimiting__RegistrationBurst"] = "tuning knob with a safe default (60 registrations per address at once)",
        ["RateLimiting__RegistrationsPerMinute"] = "tuning knob with a safe default (10 more per address and minute)",
        ["RateLimiting__LoginBurst"] = "tuning knob with a safe default",
        ["RateLimiting__LoginsPerMinute"] = "tuning knob with a safe default",
        ["RateLimiting__FailedKeyLimit"] = "tuning knob with a safe default",
        ["RateLimiting__FailedKeyWindow"] = "tuning knob with a safe default",
        ["ForwardedHeaders__KnownProxies"] = "under the Functions host loopback (the host) is the trusted proxy without a setting",
        ["ForwardedHeaders__KnownNetworks"] = "under the Functions host loopback (the host) is the trusted proxy without a setting",
        ["Storage__MaxRetries"] = "tuning knob with a safe default",
        ["Storage__NetworkTimeout"] = "tuning knob with a safe default",
        ["Retention__DefaultRetentionDays"] = "events carry their own retentionDays; the default is 30",
        ["Retention__SentMailAddressKept"] = "tuning knob with a safe default",
        ["Bot__Contact__Name"] = "defaults to the Geschäftsstelle; set when the contact changes",
        ["Bot__Contact__Email"] = "defaults to the Geschäftsstelle; set when the contact changes",
        ["Bot__Contact__Phone"] = "optional",
        ["Cors__AllowedOrigins"] = "only when another site's pages call the public API from a browser",
        ["Security__FrameAncestors"] = "only when another site embeds the registration form",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "traces are exported only when an OTLP collector is configured",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "defaults to http/protobuf",
    };

    [Fact]
    public async Task EverySettingTheCodeBindsIsProvisionedOrDocumentedAsOptional()
    {
        var provisioned = (await ProvisionedSettingsAsync()).Keys.ToHashSet(StringComparer.Ordinal);

        var missing = SettingsTheCodeReads().Where(key => !provisioned.Contains(key) && !OptionalInAzure.ContainsKey(key)).ToList();

        Assert.True(missing.Count == 0, "Provision these in infra/modules/functionapp.bicep or add them with a reason to OptionalInAzure: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryProvisionedSettingIsReadByTheCodeOrTheHost()
    {
        var known = SettingsTheCodeReads().Concat(ReadByFunctionsHost.Keys).ToHashSet(StringComparer.Ordinal);

        var unread = (await ProvisionedSettingsAsync()).Keys.Where(key => !known.Contains(key)).ToList();

        Assert.True(unread.Count == 0, "Provisioned but read by nobody (a typo or a removed option?): " + string.Join(", ", unread));
    }

    [Fact]
    public void OptionalListHoldsOnlySettingsTheCodeReallyReads()
    {
        var reads = SettingsTheCodeReads().ToHashSet(StringComparer.Ordinal);

        var stale = OptionalInAzure.Keys.Where(key => !reads.Contains(key)).ToList();

        Assert.True(stale.Count == 0, "No longer read by the code, remove from OptionalInAzure: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task ProvisionedValuesMatchTheCode()
    {
        var settings = await ProvisionedSettingsAsync();

        Assert.All(TimerFunctions.All, timer => Assert.Equal(timer.DefaultSchedule, settings[timer.ScheduleSetting]));
        Assert.True(Enum.TryParse<BotAppType>(settings["Bot__MicrosoftAppType"], out var appType));
        Assert.Equal(BotAppType.UserAssignedMSI, appType);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
    }

    [Fact]
    public async Task InfrastructureKeepsTheSecurityBaseline()
    {
        var infrastructure = await CompiledInfrastructure.GetAsync();
        var site = Assert.Single(infrastructure.Resources("Microsoft.Web/sites"))["properties"]!;
        var plan = Assert.Single(infrastructure.Resources("Microsoft.Web/serverfarms"));
        var account = Assert.Single(infrastructure.Resources("Microsoft.Storage/storageAccounts"))["properties"]!;
        var roles = infrastructure.Module("storage")["variables"]!["roles"]!.AsObject().Select(role => (string?)role.Value);

        Assert.True((bool?)site["httpsOnly"]);
        Assert.Equal("1.2", (string?)site["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("custom", (string?)site["functionAppConfig"]!["runtime"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.False((bool?)account["allowSharedKeyAccess"]);
        Assert.Equal("securestring", (string?)infrastructure.Main["parameters"]!["adminApiKey"]!["type"]);
        Assert.Equal("securestring", (string?)infrastructure.Module("functionapp")["parameters"]!["adminApiKey"]!["type"]);
        Assert.Equal(["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"], roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ParameterFileSetsEveryRequiredParameterAndNoOther()
    {
        var declared = (await CompiledInfrastructure.GetAsync()).Main["parameters"]!.AsObject();
        var set = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(set.Select(p => p.Key), name => Assert.True(declared.ContainsKey(name), $"main.bicep declares no parameter {name}"));
        Assert.All(declared.Where(p => !p.Value!.AsObject().ContainsKey("defaultValue")).Select(p => p.Key), name => Assert.True(set.ContainsKey(name), $"main.parameters.json does not set the required parameter {name}"));
    }

    /// <summary>Every configuration key the code reads, in app-setting form (<c>Section__Property</c>).</summary>
    private static IEnumerable<string> SettingsTheCodeReads()
    {
        var assemblies = new[] { typeof(Program).Assembly, typeof(StorageOptions).Assembly, typeof(BotAuthenticationOptions).Assembly };
        var optionTypes = assemblies.SelectMany(a => a.GetTypes())
            .Select(type => (Type: type, Section: SectionOf(type)))
            .Where(pair => pair.Section is not null);
        var fromOptions = optionTypes.SelectMany(pair => pair.Type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && (IsSimple(p.PropertyType) || p.PropertyType.IsArray && IsSimple(p.PropertyType.GetElementType()!)))
            .Select(p => $"{pair.Section!.Replace(":", "__", StringComparison.Ordinal)}__{p.Name}"));
        var schedules = TimerFunctions.All.Select(t => t.ScheduleSetting);
        return fromOptions.Concat(schedules).Concat(RawKeysReadByCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }

    private static string? SectionOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? (string?)field.GetRawConstantValue() : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"__[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex ArrayIndex();

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(TimeSpan) || t == typeof(Uri) || t == typeof(decimal);
    }

    /// <summary>Name → value (an ARM expression where it is computed) of the function app's <c>appsettings</c> resource.</summary>
    private static async Task<Dictionary<string, string>> ProvisionedSettingsAsync()
    {
        var configs = (await CompiledInfrastructure.GetAsync()).Resources("Microsoft.Web/sites/config");
        var settings = Assert.Single(configs, c => ((string?)c["name"])!.Contains("'appsettings'", StringComparison.Ordinal))["properties"]!.AsObject();
        Assert.NotEmpty(settings);
        // An array setting is provisioned element by element (Bot__AllowedTenants__0); the code binds the array.
        return settings.GroupBy(s => ArrayIndex().Replace(s.Key, ""), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (string)g.First().Value!, StringComparer.Ordinal);
    }
}
