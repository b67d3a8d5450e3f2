using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirServerless.Core.Events;
using VirServerless.Core.Mail;
using VirServerless.Core.Mail.Acs;
using VirServerless.Core.Messages;
using VirServerless.Core.Outbox;
using VirServerless.Core.Registrations;
using VirServerless.Core.Registrations.Mails;
using VirServerless.Core.Reminders;
using VirServerless.Core.Retention;
using VirServerless.Core.Storage;

namespace VirServerless.Core;

public static class CoreServices
{
    /// <summary>Storage, the stores, the services of events, registrations, mail, reminders and retention, and the mail sender.</summary>
    public static IServiceCollection AddCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MailLinkOptions>().Configure(o =>
        {
            if (configuration[MailLinkOptions.SettingName] is { Length: > 0 } url)
            {
                o.PublicBaseUrl = new Uri(url.EndsWith('/') ? url : url + "/");
            }
        });
        services.AddOptions<RegistrationOptions>().Bind(configuration.GetSection(RegistrationOptions.SectionName));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName));
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName));
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName));

        services.AddStorage(configuration);
        services.TryAddSingleton<CatalogChanges>();
        services.AddSingleton<EventService>();
        services.AddSingleton(sp => new RegistrationMails(sp.GetRequiredService<IOptions<MailLinkOptions>>().Value.PublicBaseUrl, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<RegistrationService>();
        services.AddSingleton<AttendeeMessageService>();
        services.AddSingleton<ReminderService>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<PersonalDataPurge>();
        services.AddSingleton<IMailSender>(sp => CreateMailSender(sp, configuration));
        return services;
    }

    /// <summary>
    /// ACS when <c>Mail:Acs:ConnectionString</c> (key auth) or <c>Mail:Acs:Endpoint</c> (Entra ID, e.g. managed identity
    /// with <c>Mail:Acs:credential</c>/<c>clientId</c> as for storage) is set; otherwise the local pickup folder.
    /// </summary>
    private static IMailSender CreateMailSender(IServiceProvider sp, IConfiguration configuration)
    {
        var mail = sp.GetRequiredService<IOptions<MailOptions>>().Value;
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
            var client = new EmailClient(new Uri(endpoint), AzureCredentials.From(acs), clientOptions);
            return new AcsMailSender(client, from, $"ACS Email ({new Uri(endpoint).Host}, Entra ID) als {mail.SenderAddress}", sp.GetRequiredService<ILogger<AcsMailSender>>());
        }
        var folder = string.IsNullOrWhiteSpace(mail.PickupDirectory)
            ? PickupFolder.PrivateDefault(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify))
            : PickupFolder.Named(mail.PickupDirectory);
        return new PickupDirectorySender(
            folder,
            from,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PickupDirectorySender>>());
    }
}
