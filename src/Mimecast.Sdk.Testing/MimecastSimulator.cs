using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// An in-process fake Mimecast API server on Kestrel, bound to 127.0.0.1. It verifies API 1.0 HMAC
/// signatures and API 2.0 bearer tokens for real, serves seeded Targeted Threat Protection logs with
/// stable page tokens, keeps a per-user rate-limit bucket, injects faults on demand and journals every request.
/// </summary>
/// <remarks>
/// <para>Choices where the real service is undocumented: record dates are written <c>yyyy-MM-ddTHH:mm:ss+0000</c>;
/// <c>from</c> and <c>to</c> are both inclusive and must carry an offset (<c>+0000</c>, <c>+00:00</c> or <c>Z</c>);
/// a page size below 1 or above <see cref="MimecastSimulatorOptions.MaxPageSize"/> answers HTTP 200 with a
/// <c>fail</c> <see cref="SimulatorErrorCodes.PageSize"/> (it is not clamped); validation failures are HTTP 200 with
/// a keyed <c>fail</c> echoing <c>data[0]</c>; only <c>data[0]</c> of a request is used.</para>
/// <para>Page tokens encode the position (timestamp, sequence) of the last record served and a fingerprint of the
/// user and query, so records appended while a client pages are neither duplicated nor skipped; the page size may
/// change between pages, the query may not.</para>
/// <para>Every <c>/api/…</c> request attributed to a user takes one call from that user's bucket before its
/// credentials are verified; <c>/oauth/token</c> takes none. A 429 is not executed.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var sim = await MimecastSimulator.StartAsync();
/// // point the client at sim.BaseUrl with MimecastSimulatorDefaults.AppId / AppKey / AccessKey / SecretKey
/// </code>
/// </example>
public sealed partial class MimecastSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorCore _core;
    private readonly SimulatorOperations _operations;
    private readonly SiemCore _siem;
    private int _stopped;

    private MimecastSimulator(WebApplication app, SimulatorCore core, SimulatorOperations operations, SiemCore siem, MimecastSimulatorOptions options, SimulatorJournal journal, SimulatorFaults faults, Uri baseUrl)
    {
        _app = app;
        _core = core;
        _operations = operations;
        _siem = siem;
        Options = options;
        Journal = journal;
        Faults = faults;
        BaseUrl = baseUrl;
        Accounts = core.States.Select(s => s.Account).ToArray();
    }

    /// <summary>
    /// The base address, e.g. <c>http://127.0.0.1:41234/</c> (with a trailing slash); <c>https</c> with a
    /// <see cref="MimecastSimulatorOptions.Certificate"/>. Bound to every address, it names the loopback one.
    /// </summary>
    public Uri BaseUrl { get; }

    /// <summary>The options the simulator was started with (changing them after start has no effect).</summary>
    public MimecastSimulatorOptions Options { get; }

    /// <summary>Every request seen.</summary>
    public SimulatorJournal Journal { get; }

    /// <summary>Injected failures.</summary>
    public SimulatorFaults Faults { get; }

    /// <summary>The accounts served; the first is the default for the record methods.</summary>
    public IReadOnlyList<SimulatorAccount> Accounts { get; }

    /// <summary>
    /// Requests that arrived, for any account, while that account's caller had been told to wait: after a 429
    /// or a response with <c>X-RateLimit-Remaining: 0</c>, before the announced reset elapsed.
    /// </summary>
    public long RequestsDuringWait => _core.RequestsDuringWait;

    /// <summary>Number of 429 answers (bucket empty or injected).</summary>
    public long RateLimitedResponses => _core.RateLimitedResponses;

    /// <summary>Number of requests to <c>/oauth/token</c> (successful or not).</summary>
    public long TokenRequests => _core.TokenRequests;

    /// <summary>Number of access tokens issued.</summary>
    public long TokensIssued => _core.TokensIssued;

    /// <summary>Starts a simulator on 127.0.0.1.</summary>
    /// <param name="options">Options; null uses the defaults (one demo account, a free port).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<MimecastSimulator> StartAsync(MimecastSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MimecastSimulatorOptions();
        SimulatorSettings settings = Validate(options);
        IReadOnlyList<SimulatorAccount> accounts = options.Accounts.Count == 0 ? [SimulatorAccount.CreateDefault()] : options.Accounts.ToArray();
        var core = new SimulatorCore(settings, accounts, options);
        var journal = new SimulatorJournal();
        var faults = new SimulatorFaults(settings.Time, options.Seed);
        var siem = new SiemCore(core, SiemSettings.From(options.Siem, settings), options.InitialLogSpan);
        var operations = new SimulatorOperations(core, journal, faults, siem, new RecordKinds(core, siem));
        RequestDelegate handler = SimulatorEndpoints.Create(core, operations, options.ControlToken, siem);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(MimecastSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, SimulatorHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(ParseHost(options.Host), options.Port, listen =>
            {
                if (options.Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        WebApplication app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        IServerAddressesFeature? addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        string address = addresses?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no bound address.");
        var baseUrl = new UriBuilder(new Uri(address.TrimEnd('/') + "/"));
        if (IPAddress.TryParse(baseUrl.Host.Trim('[', ']'), out IPAddress? bound) && (bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any)))
        {
            baseUrl.Host = bound.Equals(IPAddress.Any) ? IPAddress.Loopback.ToString() : "[::1]";
        }

        core.PublicApiUrl = (options.PublicBaseUrl ?? baseUrl.Uri).ToString().TrimEnd('/');
        return new MimecastSimulator(app, core, operations, siem, options, journal, faults, baseUrl.Uri);
    }

    /// <summary>Requests that arrived for one account while its caller had been told to wait.</summary>
    /// <param name="accountEmail">The account's email address.</param>
    /// <returns>The count.</returns>
    public long GetRequestsDuringWait(string accountEmail)
    {
        lock (_core.Gate)
        {
            return _core.Resolve(accountEmail).Quota.RequestsDuringWait;
        }
    }

    /// <summary>Number of 429 answers for one account.</summary>
    /// <param name="accountEmail">The account's email address.</param>
    /// <returns>The count.</returns>
    public long GetRateLimitedResponses(string accountEmail)
    {
        lock (_core.Gate)
        {
            return _core.Resolve(accountEmail).Quota.RateLimitedResponses;
        }
    }

    /// <summary>
    /// The records of one kind, per account: <c>Add(count, at)</c> generates seeded records, <c>Add(record)</c> adds an
    /// explicit one, <c>All()</c> reads them. Kinds: <see cref="SimulatorUrlLog"/>, <see cref="SimulatorAttachmentLog"/>,
    /// <see cref="SimulatorImpersonationLog"/>, <see cref="SimulatorSiemEvent"/> (generated as <c>receipt</c>; see
    /// <see cref="AddSiemEvents"/> for another type) and <see cref="SimulatorAuditEvent"/>.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <returns>The kind's records.</returns>
    /// <exception cref="ArgumentException">The simulator keeps no records of type <typeparamref name="T"/>.</exception>
    public SimulatorRecords<T> Records<T>()
        where T : class => _operations.Records.Of<T>();

    /// <summary>Number of records of a kind held for an account.</summary>
    /// <param name="kind">The log kind.</param>
    /// <param name="accountEmail">The account; null = the first.</param>
    /// <returns>The count.</returns>
    public int GetLogCount(SimulatorLogKind kind, string? accountEmail = null)
    {
        lock (_core.Gate)
        {
            AccountState s = _core.Resolve(accountEmail);
            return kind switch
            {
                SimulatorLogKind.Url => s.Url.Items.Count,
                SimulatorLogKind.Attachment => s.Attachment.Items.Count,
                _ => s.Impersonation.Items.Count,
            };
        }
    }

    // ---------------------------------------------------------------- credentials

    /// <summary>The access keys (never the secrets) of an account's live (not logged-out) bindings, expired ones included.</summary>
    /// <param name="accountEmail">The account; null = the first.</param>
    /// <returns>The access keys.</returns>
    public IReadOnlyList<string> GetAccessKeys(string? accountEmail = null)
    {
        lock (_core.Gate)
        {
            return _core.ActiveAccessKeys(_core.Resolve(accountEmail));
        }
    }

    /// <summary>Makes every binding of an account expire now (the next signed call answers 418 until refreshed).</summary>
    /// <param name="accountEmail">The account; null = the first.</param>
    public void ExpireBindings(string? accountEmail = null) => _operations.ExpireBindings(accountEmail);

    /// <summary>Makes every issued access token expire now (of one account, or of all when <paramref name="accountEmail"/> is null).</summary>
    /// <param name="accountEmail">The account, or null for all.</param>
    public void ExpireTokens(string? accountEmail = null) => _operations.ExpireTokens(accountEmail);

    /// <summary>Sets how long tokens and bindings issued (or refreshed) from now on last; null leaves one unchanged.</summary>
    /// <param name="tokenLifetime">The API 2.0 access token lifetime (answered as <c>expires_in</c>).</param>
    /// <param name="bindingLifetime">The API 1.0 binding lifetime (answered as <c>duration</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A lifetime is not positive.</exception>
    public void SetLifetimes(TimeSpan? tokenLifetime = null, TimeSpan? bindingLifetime = null) => _operations.SetLifetimes(tokenLifetime, bindingLifetime);

    /// <summary>Changes the per-user quota; null leaves a part unchanged. Current windows run out before a new window length applies.</summary>
    /// <param name="limit">Calls per window.</param>
    /// <param name="window">The window length.</param>
    /// <param name="enabled">Whether an empty bucket answers 429.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is below 1 or the window is not positive.</exception>
    public void SetRateLimit(int? limit = null, TimeSpan? window = null, bool? enabled = null) => _operations.SetRateLimit(limit, window, enabled);

    /// <summary>Reads every counter at once.</summary>
    /// <returns>A snapshot.</returns>
    public SimulatorCounters GetCounters() => _operations.GetCounters();

    /// <summary>
    /// Returns to the start state: the start options (lifetimes, quota), freshly seeded records timed from the current clock,
    /// only the pre-provisioned bindings, no tokens, zero counters, an empty journal and no faults.
    /// </summary>
    public void Reset() => _operations.Reset();

    /// <summary>Stops the server. Idempotent.</summary>
    /// <param name="cancellationToken">Cancels a graceful stop.</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server and releases it.</summary>
    /// <returns>A task that completes when released.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Describes the simulator (its address), without credentials.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"MimecastSimulator at {BaseUrl} ({Accounts.Count} account(s))";

    private static IPAddress ParseHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : host is "*" or "+" ? IPAddress.Any
        : IPAddress.TryParse(host, out IPAddress? ip) ? ip
        : throw new ArgumentException($"The host '{host}' is not an IP address (use 0.0.0.0 to bind every IPv4 address).", nameof(host));

    private static SimulatorSettings Validate(MimecastSimulatorOptions o)
    {
        ArgumentNullException.ThrowIfNull(o.TimeProvider, nameof(o.TimeProvider));
        ArgumentOutOfRangeException.ThrowIfNegative(o.Port, nameof(o.Port));
        ArgumentNullException.ThrowIfNull(o.Host, nameof(o.Host));
        _ = ParseHost(o.Host);
        if (o.PublicBaseUrl is { } publicUrl && (!publicUrl.IsAbsoluteUri || (publicUrl.Scheme != Uri.UriSchemeHttp && publicUrl.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("The public base URL must be an absolute http or https URL.", nameof(o));
        }

        if (o.ControlToken is { } control && control.Trim().Length < 8)
        {
            throw new ArgumentException("The control token must have at least 8 characters.", nameof(o));
        }

        if (o.Certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("The certificate has no private key.", nameof(o));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.Port, 65535, nameof(o.Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.DateSkew, TimeSpan.Zero, nameof(o.DateSkew));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(o.BindingLifetime, TimeSpan.Zero, nameof(o.BindingLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(o.TokenLifetime, TimeSpan.Zero, nameof(o.TokenLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.MaxPageSize, 1, nameof(o.MaxPageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.DefaultPageSize, 1, nameof(o.DefaultPageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(o.DefaultPageSize, o.MaxPageSize, nameof(o.DefaultPageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(o.RateLimit.Limit, 1, nameof(o.RateLimit));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(o.RateLimit.Window, TimeSpan.Zero, nameof(o.RateLimit));
        ArgumentOutOfRangeException.ThrowIfNegative(o.InitialUrlLogs, nameof(o.InitialUrlLogs));
        ArgumentOutOfRangeException.ThrowIfNegative(o.InitialAttachmentLogs, nameof(o.InitialAttachmentLogs));
        ArgumentOutOfRangeException.ThrowIfNegative(o.InitialImpersonationLogs, nameof(o.InitialImpersonationLogs));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(o.InitialLogSpan, TimeSpan.Zero, nameof(o.InitialLogSpan));
        foreach (SimulatorAccount a in o.Accounts)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(o.Accounts));
            if (a.SecretKey is null || !Convert.TryFromBase64String(a.SecretKey, new byte[a.SecretKey.Length], out _))
            {
                throw new ArgumentException($"The secret key of {a.EmailAddress} is not standard base64.", nameof(o));
            }
        }

        return new SimulatorSettings(
            o.TimeProvider,
            o.Seed,
            o.DateSkew,
            o.BindingLifetime,
            o.TokenLifetime,
            o.MaxPageSize,
            o.DefaultPageSize,
            o.RejectReplayedRequestIds,
            o.RateLimit.Enabled,
            o.RateLimit.Limit,
            o.RateLimit.Window,
            o.PageTokens == SimulatorPageTokens.Offset);
    }
}
