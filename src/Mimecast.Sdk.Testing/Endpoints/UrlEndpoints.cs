using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// Rewritten links as the simulator's URL Protect makes them: <c>https://protect-eu.mimecast.com/s/{token}</c>, where
/// the token carries the original URL, so <c>POST /api/ttp/url/decode-url</c> decodes any link made here on any account
/// (a real token is opaque; never parse one in a client). Any other URL is answered <c>success:false</c>.
/// </summary>
public static class SimulatorUrls
{
    /// <summary>The host of the simulator's rewritten links.</summary>
    public const string ProtectHost = "protect-eu.mimecast.com";

    /// <summary>The rewritten form of <paramref name="originalUrl"/> that decode-url turns back into it.</summary>
    /// <param name="originalUrl">An absolute URL.</param>
    /// <returns>The rewritten link.</returns>
    /// <exception cref="ArgumentException"><paramref name="originalUrl"/> is empty.</exception>
    public static string Rewrite(string originalUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(originalUrl);
        return $"https://{ProtectHost}/s/{KeyMaterial.Base64Url(Encoding.UTF8.GetBytes(originalUrl))}";
    }

    internal static string? Decode(string rewritten)
    {
        if (!Uri.TryCreate(rewritten, UriKind.Absolute, out Uri? uri) || !uri.Host.Equals(ProtectHost, StringComparison.OrdinalIgnoreCase)
            || !uri.AbsolutePath.StartsWith("/s/", StringComparison.Ordinal))
        {
            return null;
        }

        string token = uri.AbsolutePath[3..].Replace('-', '+').Replace('_', '/');
        token = token.PadRight(token.Length + ((4 - (token.Length % 4)) % 4), '=');
        try
        {
            string original = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return Uri.TryCreate(original, UriKind.Absolute, out _) ? original : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// URL Protect actions: <c>decode-url</c> (1–25 items: a simulator link decodes, any other absolute URL is
/// <c>success:false</c>, a value that is not a URL is a keyed <c>fail</c>), and the managed URL list per account:
/// <c>get-all-managed-urls</c> (paged, <c>domainOrUrl</c>/<c>exactMatch</c>), <c>create-managed-url</c> (one entry per
/// URL: a duplicate is <c>err_managed_url_exists_code</c>) and <c>delete-managed-url</c> (an unknown id is
/// <c>err_managed_url_not_found</c> without a key).
/// </summary>
internal sealed class UrlEndpoints(EndpointKit kit) : ISimulatorEndpointFamily
{
    public const string DecodePath = "/api/ttp/url/decode-url";
    public const string ListPath = "/api/ttp/url/get-all-managed-urls";
    public const string CreatePath = "/api/ttp/url/create-managed-url";
    public const string DeletePath = "/api/ttp/url/delete-managed-url";

    public IEnumerable<SimulatorRoute> Routes =>
    [
        new ActionEndpoint(kit, DecodePath, 1, 25, Decode).Route,
        new PagedEnvelopeEndpoint<SimulatorManagedUrl>(kit, ListPath, "data", a => [.. a.Store(Seed).Values], Parse, Write, writeTotalCount: true).Route,
        new ActionEndpoint(kit, CreatePath, 1, 1, Create).Route,
        new ActionEndpoint(kit, DeletePath, 1, 1, Delete).Route,
    ];

    private static void Decode(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? url = RequestFields.StringField(item, "url");
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            answer.Fail(item, new FailError(SimulatorErrorCodes.InvalidValue, "url must be an absolute URL", Field: "url"));
            return;
        }

        string? original = SimulatorUrls.Decode(url);
        answer.Data(w =>
        {
            w.WriteStartObject();
            w.WriteString("url", original ?? url);
            w.WriteBoolean("success", original is not null);
            w.WriteEndObject();
        });
    }

    private static void Create(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? url = RequestFields.StringField(item, "url");
        string? action = RequestFields.StringField(item, "action")?.ToLowerInvariant();
        FailError? error = RequestFields.Required(url, "url") ?? RequestFields.Required(action, "action");
        if (error is null && (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || url!.Contains('#', StringComparison.Ordinal)))
        {
            error = new FailError(SimulatorErrorCodes.InvalidValue, "url must be an absolute URL without a fragment", Field: "url");
        }
        else if (error is null && action is not ("block" or "permit"))
        {
            error = new FailError(SimulatorErrorCodes.InvalidValue, "action must be block or permit", Field: "action");
        }

        bool? disableRewrite = null, disableAwareness = null, disableLog = null;
        if (error is null)
        {
            _ = RequestFields.TryBool(item, "disableRewrite", out disableRewrite, out error) && RequestFields.TryBool(item, "disableUserAwareness", out disableAwareness, out error)
                && RequestFields.TryBool(item, "disableLogClick", out disableLog, out error);
        }

        if (error is { } e)
        {
            answer.Fail(item, e);
            return;
        }

        KeyedStore<SimulatorManagedUrl> store = account.Store(Seed);
        var parsed = new Uri(url!);
        string matchType = RequestFields.StringField(item, "matchType")?.ToLowerInvariant() ?? "explicit";
        if (store.Find(r => r.Url.Equals(Canonical(parsed), StringComparison.OrdinalIgnoreCase)) is not null)
        {
            answer.Fail(item, new FailError("err_managed_url_exists_code", "The managed URL already exists; to update it, delete and recreate"));
            return;
        }

        var record = SimulatorManagedUrl.From(account, store.Mint(), parsed, matchType, action!, RequestFields.StringField(item, "comment") ?? string.Empty,
            disableAwareness ?? false, disableRewrite ?? false, disableLog ?? false);
        store.Put(record.Id, record);
        answer.Data(record.Write);
    }

    private static void Delete(AccountState account, JsonElement item, ItemAnswer answer)
    {
        string? id = RequestFields.StringField(item, "id");
        if (RequestFields.Required(id, "id") is { } error)
        {
            answer.Fail(item, error);
        }
        else if (!account.Store(Seed).Remove(id!))
        {
            answer.Fail(null, new FailError("err_managed_url_not_found", "Managed URL not found"));
        }
    }

    private static PagedQuery<SimulatorManagedUrl> Parse(JsonElement? data)
    {
        string? text = RequestFields.StringField(data, "domainOrUrl");
        if (!RequestFields.TryBool(data, "exactMatch", out bool? exact, out FailError? error))
        {
            return PagedQuery<SimulatorManagedUrl>.Failed(error!.Value);
        }

        string canonical = string.Create(CultureInfo.InvariantCulture, $"managed-urls|{text}|{exact}");
        Func<SimulatorManagedUrl, bool>? filter = string.IsNullOrEmpty(text) ? null
            : exact == true ? r => r.Url.TrimEnd('/').Equals(text.TrimEnd('/'), StringComparison.OrdinalIgnoreCase) || (r.MatchType == "domain" && r.Domain.Equals(text, StringComparison.OrdinalIgnoreCase))
            : r => r.Url.Contains(text, StringComparison.OrdinalIgnoreCase);
        return new PagedQuery<SimulatorManagedUrl>(null, null, OldestFirst: true, canonical, filter);
    }

    private static void Write(Utf8JsonWriter w, IReadOnlyList<SimulatorManagedUrl> page)
    {
        foreach (SimulatorManagedUrl r in page)
        {
            r.Write(w);
        }
    }

    private static string Canonical(Uri uri) => uri.GetLeftPart(UriPartial.Query);

    private static KeyedStore<SimulatorManagedUrl> Seed(AccountState account)
    {
        var store = new KeyedStore<SimulatorManagedUrl>(new Random(KeyMaterial.Mix(account.Account.Seed, KeyMaterial.StableHash(account.Email.ToUpperInvariant()), 0x0a11)));
        foreach ((string url, string action, string match) in new[] { ("https://phish.example/login", "block", "explicit"), ("http://malware.example/", "block", "domain"), ("https://partner.example/portal", "permit", "explicit") })
        {
            var record = SimulatorManagedUrl.From(account, store.Mint(), new Uri(url), match, action, "seeded", false, false, false);
            store.Put(record.Id, record);
        }

        return store;
    }
}

/// <summary>A managed URL entry of one account (listed oldest first: all share one timestamp, ordered by sequence).</summary>
internal sealed record SimulatorManagedUrl(long Sequence, string Id, string Scheme, string Domain, int Port, string Path, string QueryString, string MatchType, string Action,
    string Comment, bool DisableUserAwareness, bool DisableRewrite, bool DisableLogClick) : ISimulatorLog
{
    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch;

    public string Url => $"{Scheme}://{Domain}{(Port > 0 ? ":" + Port.ToString(CultureInfo.InvariantCulture) : string.Empty)}{Path}{(QueryString.Length > 0 ? "?" + QueryString : string.Empty)}";

    public static SimulatorManagedUrl From(AccountState account, string id, Uri uri, string matchType, string action, string comment, bool awareness, bool rewrite, bool log) =>
        new(account.NextSequence++, id, uri.Scheme, uri.Host, uri.IsDefaultPort ? -1 : uri.Port, uri.AbsolutePath, uri.Query.TrimStart('?'), matchType, action, comment, awareness, rewrite, log);

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("scheme", Scheme);
        w.WriteString("domain", Domain);
        w.WriteNumber("port", Port);
        w.WriteString("path", Path);
        w.WriteString("queryString", QueryString);
        w.WriteString("matchType", MatchType);
        w.WriteString("action", Action);
        w.WriteString("comment", Comment);
        w.WriteBoolean("disableUserAwareness", DisableUserAwareness);
        w.WriteBoolean("disableRewrite", DisableRewrite);
        w.WriteBoolean("disableLogClick", DisableLogClick);
        w.WriteEndObject();
    }
}
