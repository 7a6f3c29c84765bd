using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mimecast.Sdk.Testing;

/// <summary>The shared state of one simulator: accounts, bindings, tokens and records, all guarded by <see cref="Gate"/>.</summary>
internal sealed class SimulatorCore
{
    private readonly Dictionary<string, AccountState> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, AccountState> _byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Binding> _bindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);
    private readonly SimulatorSettings _initialSettings;
    private readonly IReadOnlyList<SimulatorAccount> _accounts;
    private readonly (int Url, int Attachment, int Impersonation, TimeSpan Span) _seedRecords;
    private SimulatorSettings _settings;
    private IReadOnlyList<AccountState> _states = [];
    private long _requestsDuringWait;
    private long _rateLimitedResponses;
    private long _tokenRequests;
    private long _tokensIssued;

    public SimulatorCore(SimulatorSettings settings, IReadOnlyList<SimulatorAccount> accounts, MimecastSimulatorOptions options)
    {
        _initialSettings = _settings = settings;
        _accounts = accounts;
        _seedRecords = (options.InitialUrlLogs, options.InitialAttachmentLogs, options.InitialImpersonationLogs, options.InitialLogSpan);
        Initialize();
    }

    public Lock Gate { get; } = new();

    /// <summary>What discover answers in <c>region.api</c> (no trailing slash); null until the server is bound.</summary>
    public string? PublicApiUrl { get; set; }

    /// <summary>The current settings: an immutable snapshot, replaced whole by <see cref="UpdateSettings"/>.</summary>
    public SimulatorSettings Settings => Volatile.Read(ref _settings);

    /// <summary>The accounts' state (replaced by <see cref="Reset"/>; read it under <see cref="Gate"/>).</summary>
    public IReadOnlyList<AccountState> States => Volatile.Read(ref _states);

    public long RequestsDuringWait => Interlocked.Read(ref _requestsDuringWait);

    public long RateLimitedResponses => Interlocked.Read(ref _rateLimitedResponses);

    public long TokenRequests => Interlocked.Read(ref _tokenRequests);

    public long TokensIssued => Interlocked.Read(ref _tokensIssued);

    /// <summary>Replaces the settings (lifetimes and quotas); they apply to what is issued or counted from now on.</summary>
    public void UpdateSettings(Func<SimulatorSettings, SimulatorSettings> change)
    {
        lock (Gate)
        {
            Volatile.Write(ref _settings, change(_settings));
        }
    }

    /// <summary>Back to the start: the start settings, seeded records (timed from now), only the pre-provisioned bindings, no tokens, zero counters.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            Volatile.Write(ref _settings, _initialSettings);
            _byEmail.Clear();
            _byClientId.Clear();
            _bindings.Clear();
            _tokens.Clear();
            Interlocked.Exchange(ref _requestsDuringWait, 0);
            Interlocked.Exchange(ref _rateLimitedResponses, 0);
            Interlocked.Exchange(ref _tokenRequests, 0);
            Interlocked.Exchange(ref _tokensIssued, 0);
            Initialize();
        }
    }

    public AccountState Resolve(string? email)
    {
        if (email is null)
        {
            return States[0];
        }

        return _byEmail.TryGetValue(email, out AccountState? state)
            ? state
            : throw new ArgumentException($"No simulator account has the email address {email}.", nameof(email));
    }

    public AccountState? FindByEmail(string email) => _byEmail.GetValueOrDefault(email);

    public AccountState? FindByClientId(string clientId) => _byClientId.GetValueOrDefault(clientId);

    public bool IsKnownAppId(string appId) => States.Any(s => string.Equals(s.Account.AppId, appId, StringComparison.OrdinalIgnoreCase));

    // ---- bindings and tokens (callers hold Gate) ----
    public Binding? FindBinding(string accessKey) =>
        _bindings.TryGetValue(accessKey, out Binding? b) && !b.Revoked ? b : null;

    public Binding NewBinding(AccountState owner, DateTimeOffset now)
    {
        owner.BindingCounter++;
        var random = new Random(KeyMaterial.Mix(Settings.Seed, owner.Account.Seed, KeyMaterial.StableHash(owner.Email.ToUpperInvariant()), owner.BindingCounter, 0x0b1d));
        string accessKey;
        do
        {
            accessKey = KeyMaterial.NewAccessKey(random);
        }
        while (_bindings.ContainsKey(accessKey));

        var binding = new Binding(accessKey, KeyMaterial.NewSecretKey(random), owner, now + Settings.BindingLifetime);
        _bindings.Add(accessKey, binding);
        return binding;
    }

    public IReadOnlyList<string> ActiveAccessKeys(AccountState owner) =>
        _bindings.Values.Where(b => b.Owner == owner && !b.Revoked).Select(b => b.AccessKey).ToArray();

    public (string Token, AccessToken Entry) NewToken(AccountState owner, DateTimeOffset now)
    {
        string token = KeyMaterial.Base64Url(RandomNumberGenerator.GetBytes(32));
        var entry = new AccessToken(owner, now + Settings.TokenLifetime);
        _tokens[token] = entry;
        Interlocked.Increment(ref _tokensIssued);
        return (token, entry);
    }

    public AccessToken? FindToken(string token) => _tokens.GetValueOrDefault(token);

    public void ExpireTokens(AccountState? owner, DateTimeOffset now)
    {
        foreach (AccessToken t in _tokens.Values)
        {
            if (owner is null || t.Owner == owner)
            {
                t.ExpiresAt = now;
            }
        }
    }

    public void ExpireBindings(AccountState owner, DateTimeOffset now)
    {
        foreach (Binding b in _bindings.Values)
        {
            if (b.Owner == owner)
            {
                b.ExpiresAt = now;
            }
        }
    }

    public void CountTokenRequest() => Interlocked.Increment(ref _tokenRequests);

    // ---- rate limit (callers hold Gate) ----
    public RateDecision TakeCall(AccountState account, DateTimeOffset now)
    {
        if (now < account.Quota.WaitUntil)
        {
            account.Quota.RequestsDuringWait++;
            Interlocked.Increment(ref _requestsDuringWait);
        }

        RateDecision decision = account.Quota.Bucket.Take(now, Settings);
        if (!decision.Allowed)
        {
            CountRateLimited(account);
        }

        return decision;
    }

    /// <summary>Takes one call from one of the account's per-endpoint buckets (the SIEM quotas), counting a call made before <paramref name="waitUntil"/> and a refusal.</summary>
    public RateDecision TakeCall(AccountState account, RateBucket bucket, SimulatorSettings rate, DateTimeOffset waitUntil, DateTimeOffset now)
    {
        if (now < waitUntil)
        {
            account.Quota.RequestsDuringWait++;
            Interlocked.Increment(ref _requestsDuringWait);
        }

        RateDecision decision = bucket.Take(now, rate);
        if (!decision.Allowed)
        {
            CountRateLimited(account);
        }

        return decision;
    }

    public void CountRateLimited(AccountState account)
    {
        account.Quota.RateLimitedResponses++;
        Interlocked.Increment(ref _rateLimitedResponses);
    }

    // ---- records (callers hold Gate) ----
    public static SimulatorUrlLog AddUrl(AccountState s, SimulatorUrlLog log)
    {
        SimulatorUrlLog stored = log with { Sequence = s.NextSequence++, Date = LogGenerator.Truncate(log.Date) };
        s.Url.Add(stored);
        return stored;
    }

    public static SimulatorAttachmentLog AddAttachment(AccountState s, SimulatorAttachmentLog log)
    {
        SimulatorAttachmentLog stored = log with { Sequence = s.NextSequence++, Date = LogGenerator.Truncate(log.Date) };
        s.Attachment.Add(stored);
        return stored;
    }

    public static SimulatorImpersonationLog AddImpersonation(AccountState s, SimulatorImpersonationLog log)
    {
        long seq = s.NextSequence++;
        SimulatorImpersonationLog stored = log with
        {
            Sequence = seq,
            EventTime = LogGenerator.Truncate(log.EventTime),
            Id = string.IsNullOrEmpty(log.Id) ? LogGenerator.NewImpersonationId(s.Random, seq) : log.Id,
        };
        s.Impersonation.Add(stored);
        return stored;
    }

    private void Initialize()
    {
        SimulatorSettings settings = Settings;
        DateTimeOffset now = settings.Time.GetUtcNow();
        var states = new List<AccountState>();
        foreach (SimulatorAccount account in _accounts)
        {
            var state = new AccountState(account, settings.Seed, now);
            if (!_byEmail.TryAdd(account.EmailAddress, state))
            {
                throw new ArgumentException($"Two accounts have the email address {account.EmailAddress}.");
            }

            if (!_byClientId.TryAdd(account.ClientId, state))
            {
                throw new ArgumentException($"Two accounts have the client id {account.ClientId}.");
            }

            if (!_bindings.TryAdd(account.AccessKey, new Binding(account.AccessKey, account.SecretKey, state, now + settings.BindingLifetime)))
            {
                throw new ArgumentException($"Two accounts have the same access key ({account.EmailAddress}).");
            }

            states.Add(state);
            Seed(state, now, _seedRecords);
        }

        Volatile.Write(ref _states, states);
    }

    private static void Seed(AccountState s, DateTimeOffset now, (int Url, int Attachment, int Impersonation, TimeSpan Span) counts)
    {
        foreach (DateTimeOffset t in LogGenerator.Timestamps(s.Random, counts.Url, now, counts.Span))
        {
            AddUrl(s, LogGenerator.Url(s.Random, t, s.Domain));
        }

        foreach (DateTimeOffset t in LogGenerator.Timestamps(s.Random, counts.Attachment, now, counts.Span))
        {
            AddAttachment(s, LogGenerator.Attachment(s.Random, t, s.Domain));
        }

        foreach (DateTimeOffset t in LogGenerator.Timestamps(s.Random, counts.Impersonation, now, counts.Span))
        {
            AddImpersonation(s, LogGenerator.Impersonation(s.Random, t, s.Domain, s.NextSequence));
        }
    }
}

/// <summary>Opaque page tokens: the position (timestamp, sequence) of the last record served plus a fingerprint of the query.</summary>
internal static class PageToken
{
    public static string Encode(string fingerprint, ISimulatorLog last) =>
        KeyMaterial.Base64Url(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1.{fingerprint}.{last.Timestamp.UtcTicks}.{last.Sequence}")));

    public static bool TryDecode(string token, out string fingerprint, out DateTimeOffset timestamp, out long sequence)
    {
        fingerprint = string.Empty;
        timestamp = default;
        sequence = 0;
        string[] parts = Decode(token)?.Split('.') ?? [];
        if (parts.Length != 4 || parts[0] != "v1"
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        fingerprint = parts[1];
        timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static string? Decode(string token)
    {
        string padded = token.Replace('-', '+').Replace('_', '/');
        padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out int written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }

    /// <summary>An offset token: how many matches of the listing were served before the next page.</summary>
    public static string EncodeOffset(string fingerprint, int offset) =>
        KeyMaterial.Base64Url(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"o1.{fingerprint}.{offset}")));

    public static bool TryDecodeOffset(string token, out string fingerprint, out int offset)
    {
        fingerprint = string.Empty;
        offset = 0;
        string[] parts = Decode(token)?.Split('.') ?? [];
        if (parts.Length != 3 || parts[0] != "o1" || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return false;
        }

        fingerprint = parts[1];
        return true;
    }

    public static string Fingerprint(string canonicalQuery) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalQuery)).AsSpan(0, 8));
}
