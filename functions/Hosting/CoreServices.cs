using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using VirServerless.Core.Events;
using VirServerless.Core.Mail;
using VirServerless.Core.Mail.Acs;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Reminders;
using VirServerless.Core.Retention;
using VirServerless.Core.Storage;
using Azure.Data.Tables;
using VirServerless.Functions.Admin;
using VirServerless.Functions.Events;
using VirServerless.Functions.Outbox;

namespace VirServerless.Functions.Hosting;

public sealed class AppOptions
{
    /// <summary>Base of the links in mails.</summary>
    public Uri PublicBaseUrl { get; set; } = new(FunctionsHost.DefaultUrl + "/");
}

public static class CoreServices
{
    public static WebApplicationBuilder AddCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AppOptions>().Configure(o =>
        {
            if (configuration["PublicBaseUrl"] is { Length: > 0 } url)
            {
                o.PublicBaseUrl = new Uri(url.EndsWith('/') ? url : url + "/");
            }
        });
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddOptions<StorageOptions>().BindConfiguration("Storage");
        services.AddOptions<RegistrationOptions>().BindConfiguration(RegistrationOptions.SectionName);
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName);
        services.AddOptions<CatalogSeedOptions>().BindConfiguration(CatalogSeedOptions.SectionName);
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName);

        services.AddSingleton(sp => CreateTableService(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value.ToClientOptions()));
        services.AddSingleton(sp => new StorageTables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<CatalogChanges>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<CatalogSeeder>();
        services.AddSingleton(sp => new RegistrationMails(sp.GetRequiredService<IOptions<AppOptions>>().Value.PublicBaseUrl, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<RegistrationService>();
        services.AddSingleton<ReminderService>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<PersonalDataPurge>();
        services.AddSingleton<IMailSender>(CreateMailSender);
        services.AddHostedService<OutboxWorker>();
        services.AddSingleton<StoragePreparation>();
        services.AddHostedService(sp => sp.GetRequiredService<StoragePreparation>());
        return builder;
    }

    /// <summary>A connection string (Azurite, account key) or, in Azure, the identity-based <c>AzureWebJobsStorage__tableServiceUri</c>.</summary>
    private static TableServiceClient CreateTableService(ConfigurationManager configuration, TableClientOptions options)
    {
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new TableServiceClient(connectionString, options);
        }
        var section = configuration.GetSection("AzureWebJobsStorage");
        if (section["tableServiceUri"] is { Length: > 0 } uri)
        {
            return new TableServiceClient(new Uri(uri), CreateCredential(section), options);
        }
        return new TableServiceClient("UseDevelopmentStorage=true", options);
    }

    public static TokenCredential CreateCredential(IConfiguration section) =>
        section["credential"] == "managedidentity"
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(section["clientId"]) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(section["clientId"]))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] });

    /// <summary>
    /// ACS when <c>Mail:Acs:ConnectionString</c> (key auth) or <c>Mail:Acs:Endpoint</c> (Entra ID, e.g. managed identity
    /// with <c>Mail:Acs:credential</c>/<c>clientId</c> as for storage) is set; otherwise the local pickup folder.
    /// </summary>
    private static IMailSender CreateMailSender(IServiceProvider sp)
    {
        var mail = sp.GetRequiredService<IOptions<MailOptions>>().Value;
        var configuration = sp.GetRequiredService<IConfiguration>();
        var from = new MailAddress(mail.SenderAddress, mail.SenderName);
        var acs = configuration.GetSection("Mail:Acs");
        var clientOptions = new EmailClientOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() };
        if (acs.GetValue<int?>("MessagesPerMinute") is { } perMinute)
        {
            clientOptions.MessagesPerMinute = perMinute;
        }
        if (acs.GetValue<int?>("MessagesPerHour") is { } perHour)
        {
            clientOptions.MessagesPerHour = perHour;
        }
        if (acs["ConnectionString"] is { Length: > 0 } connectionString)
        {
            var client = new EmailClient(connectionString, clientOptions);
            return new AcsMailSender(client, from, $"ACS Email (Schlüssel) als {mail.SenderAddress}", sp.GetRequiredService<ILogger<AcsMailSender>>());
        }
        if (acs["Endpoint"] is { Length: > 0 } endpoint)
        {
            var client = new EmailClient(new Uri(endpoint), CreateCredential(acs), clientOptions);
            return new AcsMailSender(client, from, $"ACS Email ({new Uri(endpoint).Host}, Entra ID) als {mail.SenderAddress}", sp.GetRequiredService<ILogger<AcsMailSender>>());
        }
        var directory = string.IsNullOrWhiteSpace(mail.PickupDirectory)
            ? Path.Combine(Path.GetTempPath(), "virserverless-mail")
            : Path.GetFullPath(mail.PickupDirectory);
        return new PickupDirectorySender(
            directory,
            from,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PickupDirectorySender>>());
    }
}
