using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk.Models;
using Mimecast.Sdk.Testing;

namespace Mimecast.Sdk.Feed.Tests;

/// <summary>A simulator on 127.0.0.1 and SDK clients configured through DI against it.</summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(MimecastSimulator simulator, ServiceProvider provider)
    {
        Simulator = simulator;
        Provider = provider;
    }

    public MimecastSimulator Simulator { get; }

    public ServiceProvider Provider { get; }

    public IMimecastClient Client => Provider.GetRequiredService<IMimecastClient>();

    public IMimecastClientFactory Factory => Provider.GetRequiredService<IMimecastClientFactory>();

    /// <summary>
    /// Starts a simulator and registers one client per simulator account: the first as the default client (""),
    /// every account also under its email address. <paramref name="clientTime"/> (if any) is the clients' clock.
    /// </summary>
    public static async Task<SimulatorHarness> StartAsync(MimecastSimulatorOptions options, TimeProvider? clientTime = null)
    {
        var simulator = await MimecastSimulator.StartAsync(options);
        var services = new ServiceCollection().AddLogging();
        if (clientTime is not null)
        {
            services.AddSingleton(clientTime);
        }

        for (var i = 0; i < simulator.Accounts.Count; i++)
        {
            var account = simulator.Accounts[i];
            void Configure(MimecastClientOptions o)
            {
                o.BaseUrl = simulator.BaseUrl;
                o.Api2 = new() { ClientId = account.ClientId, ClientSecret = account.ClientSecret };
                o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
                o.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
                o.RateLimit.FallbackDelay = TimeSpan.FromMilliseconds(1);
            }

            if (i == 0)
            {
                services.AddMimecastClient(Configure);
            }

            services.AddMimecastClient(account.EmailAddress, Configure);
        }

        return new SimulatorHarness(simulator, services.BuildServiceProvider());
    }

    public static MimecastSimulatorOptions Options(TimeProvider time, int url = 0, int attachment = 0, int impersonation = 0) => new()
    {
        TimeProvider = time,
        InitialUrlLogs = url,
        InitialAttachmentLogs = attachment,
        InitialImpersonationLogs = impersonation,
    };

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    /// <summary>Every simulator record of the account, as comparable strings (a multiset: duplicates kept).</summary>
    public List<string> ExpectedKeys(string? account = null) =>
    [
        .. Simulator.Records<SimulatorUrlLog>().All(account).Select(l => Key(l.Date, l.UserEmailAddress, l.Url, l.MessageId, l.Action)),
        .. Simulator.Records<SimulatorAttachmentLog>().All(account).Select(l => Key(l.Date, l.RecipientAddress, l.FileName, l.FileHash, l.MessageId)),
        .. Simulator.Records<SimulatorImpersonationLog>().All(account).Select(l => "imp|" + l.Id),
    ];

    /// <summary>The same projection of delivered events.</summary>
    public static string KeyOf(MimecastFeedEvent e) => e.Kind.TtpKind switch
    {
        TtpEventKind.Url => Key(e.UrlLog!.Date!.Value, e.UrlLog.UserEmailAddress!, e.UrlLog.Url!, e.UrlLog.MessageId!, e.UrlLog.Action!),
        TtpEventKind.Attachment => Key(e.AttachmentLog!.Date!.Value, e.AttachmentLog.RecipientAddress!, e.AttachmentLog.FileName!, e.AttachmentLog.FileHash!, e.AttachmentLog.MessageId!),
        _ => "imp|" + e.ImpersonationLog!.Id,
    };

    public static List<string> Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];

    private static string Key(DateTimeOffset date, string a, string b, string c, string d) =>
        string.Join('|', date.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), a, b, c, d);
}

/// <summary>Forwards to a real client and runs a callback before every page request (to inject faults mid-poll).</summary>
internal sealed class InterceptingClient(IMimecastClient inner, Action<int> beforePage) : IMimecastClient, ITtpClient
{
    private int _calls;

    public string Name => inner.Name;

    public int Calls => _calls;

    public ILoginClient Login => inner.Login;

    public ITtpClient Ttp => this;

    public ISiemClient Siem => inner.Siem;

    public IAuditClient Audit => inner.Audit;

    public IRemediationClient Remediation => inner.Remediation;

    public IDirectoryClient Directory => inner.Directory;

    public IAccountClient Account => inner.Account;

    public IHeldMessagesClient Held => inner.Held;

    public IMessagesClient Messages => inner.Messages;

    public IUrlsClient Urls => inner.Urls;

    public ISendersClient Senders => inner.Senders;

    public MimecastPageable<TtpUrlLog> GetUrlLogsAsync(TtpUrlLogQuery? query = null, CancellationToken cancellationToken = default) =>
        MimecastPageable.Create<TtpUrlLog>((token, _, ct) => GetUrlLogsPageAsync(query, token, ct), cancellationToken: cancellationToken);

    public MimecastPageable<TtpAttachmentLog> GetAttachmentLogsAsync(TtpAttachmentLogQuery? query = null, CancellationToken cancellationToken = default) =>
        MimecastPageable.Create<TtpAttachmentLog>((token, _, ct) => GetAttachmentLogsPageAsync(query, token, ct), cancellationToken: cancellationToken);

    public MimecastPageable<TtpImpersonationLog> GetImpersonationLogsAsync(TtpImpersonationLogQuery? query = null, CancellationToken cancellationToken = default) =>
        MimecastPageable.Create<TtpImpersonationLog>((token, _, ct) => GetImpersonationLogsPageAsync(query, token, ct), cancellationToken: cancellationToken);

    public Task<MimecastPage<TtpUrlLog>> GetUrlLogsPageAsync(TtpUrlLogQuery? query, string? pageToken, CancellationToken cancellationToken = default)
    {
        beforePage(Interlocked.Increment(ref _calls));
        return inner.Ttp.GetUrlLogsPageAsync(query, pageToken, cancellationToken);
    }

    public Task<MimecastPage<TtpAttachmentLog>> GetAttachmentLogsPageAsync(TtpAttachmentLogQuery? query, string? pageToken, CancellationToken cancellationToken = default)
    {
        beforePage(Interlocked.Increment(ref _calls));
        return inner.Ttp.GetAttachmentLogsPageAsync(query, pageToken, cancellationToken);
    }

    public Task<MimecastPage<TtpImpersonationLog>> GetImpersonationLogsPageAsync(TtpImpersonationLogQuery? query, string? pageToken, CancellationToken cancellationToken = default)
    {
        beforePage(Interlocked.Increment(ref _calls));
        return inner.Ttp.GetImpersonationLogsPageAsync(query, pageToken, cancellationToken);
    }
}
