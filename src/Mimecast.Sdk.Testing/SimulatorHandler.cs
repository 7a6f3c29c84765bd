using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>Per-request facts collected for the journal and the rate-limit headers.</summary>
internal sealed class Exchange(HttpContext http, DateTimeOffset arrived, string path)
{
    public HttpContext Http { get; } = http;

    public DateTimeOffset Arrived { get; } = arrived;

    public string Path { get; } = path;

    public SimulatorAuthKind AuthKind { get; set; }

    public AccountState? Account { get; set; }

    public string? CredentialId { get; set; }

    public string? ErrorCode { get; set; }

    public string? PageToken { get; set; }

    public int? PageSize { get; set; }

    public int? RecordCount { get; set; }

    public SimulatorFault? Fault { get; set; }

    public RateDecision? Rate { get; set; }

    public CancellationToken Aborted => Http.RequestAborted;
}

/// <summary>The one terminal middleware: routes by path and answers like the Mimecast API.</summary>
internal sealed class SimulatorHandler(SimulatorCore core, SimulatorJournal journal, SimulatorFaults faults)
{
    public const string TokenPath = "/oauth/token";
    public const string DiscoverPath = "/api/login/discover-authentication";
    public const string LoginPath = "/api/login/login";
    public const string LogoutPath = "/api/login/logout";
    public const string UrlPath = "/api/ttp/url/get-logs";
    public const string AttachmentPath = "/api/ttp/attachment/get-logs";
    public const string ImpersonationPath = "/api/ttp/impersonation/get-logs";

    private const string JsonContentType = "application/json; charset=utf-8";
    private static readonly string[] KnownPaths = [TokenPath, DiscoverPath, LoginPath, LogoutPath, UrlPath, AttachmentPath, ImpersonationPath];
    private static readonly string[] Routes = ["all", "internal", "outbound", "inbound"];
    private static readonly string[] ScanResults = ["all", "clean", "malicious"];
    private static readonly string[] AttachmentResults = ["all", "malicious", "safe", "timeout", "error", "unsafe"];
    private static readonly string[] SearchFields = ["all", "senderaddress", "recipientaddress", "subject", "senderipaddress"];

    private TimeProvider Time => core.Settings.Time;

    public async Task HandleAsync(HttpContext http)
    {
        string rawPath = http.Request.Path.Value ?? "/";
        string? known = KnownPaths.FirstOrDefault(p => string.Equals(p, rawPath, StringComparison.OrdinalIgnoreCase));
        var ex = new Exchange(http, Time.GetUtcNow(), known ?? rawPath);
        if (known is null)
        {
            await FailAsync(ex, StatusCodes.Status404NotFound, new FailError(SimulatorErrorCodes.NotFound, "0404 The requested operation does not exist")).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "POST";
            await FailAsync(ex, StatusCodes.Status405MethodNotAllowed, new FailError(SimulatorErrorCodes.MethodNotAllowed, "0405 Every operation is a POST")).ConfigureAwait(false);
            return;
        }

        switch (known)
        {
            case TokenPath:
                await TokenAsync(ex).ConfigureAwait(false);
                break;
            case DiscoverPath:
                await DiscoverAsync(ex).ConfigureAwait(false);
                break;
            case LoginPath:
                await LoginAsync(ex).ConfigureAwait(false);
                break;
            default:
                await AuthenticatedAsync(ex).ConfigureAwait(false);
                break;
        }
    }

    // ------------------------------------------------------------------ API 2.0 token
    private async Task TokenAsync(Exchange ex)
    {
        core.CountTokenRequest();
        ex.AuthKind = SimulatorAuthKind.ClientCredentials;
        HttpRequest request = ex.Http.Request;
        if (!request.HasFormContentType)
        {
            await OAuthFailAsync(ex, 400, SimulatorErrorCodes.InvalidRequest, "The body must be application/x-www-form-urlencoded.").ConfigureAwait(false);
            return;
        }

        IFormCollection form = await request.ReadFormAsync(ex.Aborted).ConfigureAwait(false);
        string? clientId = form["client_id"];
        string? clientSecret = form["client_secret"];
        string? grantType = form["grant_type"];
        string? basic = request.Headers.Authorization;
        if (string.IsNullOrEmpty(clientId) && basic is not null && basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            && TryDecodeBasic(basic[6..], out string id, out string secret))
        {
            clientId = Uri.UnescapeDataString(id);
            clientSecret = Uri.UnescapeDataString(secret);
        }

        if (string.IsNullOrEmpty(grantType) || string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            await OAuthFailAsync(ex, 400, SimulatorErrorCodes.InvalidRequest, "client_id, client_secret and grant_type are required.").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(grantType, "client_credentials", StringComparison.Ordinal))
        {
            await OAuthFailAsync(ex, 400, SimulatorErrorCodes.UnsupportedGrantType, "Only grant_type=client_credentials is supported.").ConfigureAwait(false);
            return;
        }

        AccountState? account;
        lock (core.Gate)
        {
            account = core.FindByClientId(clientId);
            if (account is not null)
            {
                ex.Account = account;
                ex.CredentialId = account.Account.ClientId;
                ex.Rate = account.Bucket.Peek(ex.Arrived, core.Settings);
            }
        }

        if (account is null || !FixedEquals(account.Account.ClientSecret, clientSecret))
        {
            await OAuthFailAsync(ex, 401, SimulatorErrorCodes.InvalidClient, "Client authentication failed.").ConfigureAwait(false);
            return;
        }

        if (await ApplyFaultAsync(ex, isTtp: false, data: null).ConfigureAwait(false))
        {
            return;
        }

        string token;
        lock (core.Gate)
        {
            token = core.NewToken(account, Time.GetUtcNow()).Token;
        }

        byte[] body = JsonOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", (long)core.Settings.TokenLifetime.TotalSeconds);
            w.WriteString("scope", string.Empty);
            w.WriteEndObject();
        });
        await RespondAsync(ex, 200, body).ConfigureAwait(false);
    }

    private Task OAuthFailAsync(Exchange ex, int status, string code, string message)
    {
        ex.ErrorCode = code;
        return RespondAsync(ex, status, JsonOut.FlatFailure(status, code, message, oauthError: code));
    }

    // ------------------------------------------------------------------ discover
    private async Task DiscoverAsync(Exchange ex)
    {
        string? appId = Header(ex, "x-mc-app-id");
        if (appId is null)
        {
            await FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MissingHeaders, "0001 Missing header: x-mc-app-id")).ConfigureAwait(false);
            return;
        }

        bool knownApp;
        lock (core.Gate)
        {
            knownApp = core.IsKnownAppId(appId);
        }

        if (!knownApp)
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.DeveloperKey, "0016 Unknown application id")).ConfigureAwait(false);
            return;
        }

        (JsonDocument? doc, bool ok) = await ReadBodyAsync(ex).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        using (doc)
        {
            JsonElement? data = FirstData(doc);
            string? email = StringField(data, "emailAddress");
            FailError? invalid = email is null ? new FailError(SimulatorErrorCodes.ValidationNull, "emailAddress is required", Field: "emailAddress")
                : email.Trim().Length == 0 ? new FailError(SimulatorErrorCodes.ValidationBlank, "emailAddress is blank", Field: "emailAddress")
                : !LooksLikeEmail(email) ? new FailError(SimulatorErrorCodes.InvalidEmailAddress, "emailAddress is not an email address", Field: "emailAddress")
                : null;
            if (invalid is { } v)
            {
                await FailAsync(ex, 200, v, data).ConfigureAwait(false);
                return;
            }

            AccountState? account;
            RateDecision decision = default;
            lock (core.Gate)
            {
                account = core.FindByEmail(email!);
                if (account is not null)
                {
                    ex.Account = account;
                    decision = core.TakeCall(account, ex.Arrived);
                    ex.Rate = decision;
                }
            }

            if (account is null)
            {
                await FailAsync(ex, 200, new FailError(SimulatorErrorCodes.UserNotFound, "The user is not known"), data).ConfigureAwait(false);
                return;
            }

            if (!decision.Allowed)
            {
                await RateLimitedAsync(ex).ConfigureAwait(false);
                return;
            }

            if (await ApplyFaultAsync(ex, isTtp: false, data).ConfigureAwait(false))
            {
                return;
            }

            HttpRequest req = ex.Http.Request;
            string api = string.Concat(req.Scheme, "://", req.Host.Value);
            byte[] body = JsonOut.Success(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("emailAddress", account.Email);
                JsonOut.WriteStrings(w, "authenticate", account.Account.AuthenticationTypes);
                JsonOut.WriteStrings(w, "authenticateFallback", ["cloud"]);
                w.WriteString("emailToken", KeyMaterial.Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(account.Email.ToUpperInvariant()))));
                w.WriteStartObject("region");
                w.WriteString("api", api);
                w.WriteString("code", "sim");
                w.WriteString("name", "Simulator");
                w.WriteEndObject();
                w.WriteEndObject();
            });
            await RespondAsync(ex, 200, body).ConfigureAwait(false);
        }
    }

    // ------------------------------------------------------------------ login / refresh
    private async Task LoginAsync(Exchange ex)
    {
        string? auth = ex.Http.Request.Headers.Authorization;
        if (auth is null || Header(ex, "x-mc-app-id") is null || Header(ex, "x-mc-date") is null || Header(ex, "x-mc-req-id") is null)
        {
            await FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MissingHeaders, "0001 Missing header: Authorization, x-mc-app-id, x-mc-date and x-mc-req-id are required")).ConfigureAwait(false);
            return;
        }

        string encoded;
        if (auth.StartsWith("Basic-Cloud ", StringComparison.OrdinalIgnoreCase))
        {
            ex.AuthKind = SimulatorAuthKind.BasicCloud;
            encoded = auth["Basic-Cloud ".Length..];
        }
        else if (auth.StartsWith("Basic-AD ", StringComparison.OrdinalIgnoreCase))
        {
            ex.AuthKind = SimulatorAuthKind.BasicAd;
            encoded = auth["Basic-AD ".Length..];
        }
        else
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAuthorization, "0002 Login needs the Basic-Cloud or Basic-AD authorization scheme")).ConfigureAwait(false);
            return;
        }

        if (!TryDecodeBasic(encoded, out string user, out string password))
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAuthorization, "0002 Malformed authorization value")).ConfigureAwait(false);
            return;
        }

        AccountState? account;
        RateDecision decision = default;
        lock (core.Gate)
        {
            account = core.FindByEmail(user);
            if (account is not null)
            {
                ex.Account = account;
                decision = core.TakeCall(account, ex.Arrived);
                ex.Rate = decision;
            }
        }

        if (account is null)
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidCredentials, "0007 Invalid user name or password")).ConfigureAwait(false);
            return;
        }

        if (!decision.Allowed)
        {
            await RateLimitedAsync(ex).ConfigureAwait(false);
            return;
        }

        if (await CheckAppAndDateAsync(ex, account).ConfigureAwait(false))
        {
            return;
        }

        bool domain = ex.AuthKind == SimulatorAuthKind.BasicAd;
        string expected = domain ? account.Account.DomainPassword : account.Account.CloudPassword;
        bool allowed = !domain || account.Account.AuthenticationTypes.Contains("domain", StringComparer.OrdinalIgnoreCase);
        if (!FixedEquals(expected, password) || !allowed)
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidCredentials, "0007 Invalid user name or password")).ConfigureAwait(false);
            return;
        }

        (JsonDocument? doc, bool ok) = await ReadBodyAsync(ex).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        using (doc)
        {
            JsonElement? data = FirstData(doc);
            string? userName = StringField(data, "userName");
            if (userName is null || userName.Trim().Length == 0)
            {
                await FailAsync(ex, 200, new FailError(userName is null ? SimulatorErrorCodes.ValidationNull : SimulatorErrorCodes.ValidationBlank, "userName is required", Field: "userName"), data).ConfigureAwait(false);
                return;
            }

            if (!string.Equals(userName, account.Email, StringComparison.OrdinalIgnoreCase))
            {
                await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidCredentials, "0007 userName does not match the credentials"), data).ConfigureAwait(false);
                return;
            }

            if (await ApplyFaultAsync(ex, isTtp: false, data).ConfigureAwait(false))
            {
                return;
            }

            string? refreshKey = StringField(data, "accessKey");
            Binding? binding;
            lock (core.Gate)
            {
                DateTimeOffset now = Time.GetUtcNow();
                if (refreshKey is not null)
                {
                    ex.CredentialId = refreshKey;
                    binding = core.FindBinding(refreshKey);
                    if (binding is not null && binding.Owner == account)
                    {
                        binding.ExpiresAt = now + core.Settings.BindingLifetime;
                    }
                    else
                    {
                        ex.CredentialId = null;
                        binding = null;
                    }
                }
                else
                {
                    binding = core.NewBinding(account, now);
                    ex.CredentialId = binding.AccessKey;
                }
            }

            if (binding is null)
            {
                await FailAsync(ex, 200, new FailError(SimulatorErrorCodes.BindingNotFound, "The access key is not one of this user's bindings", Field: "accessKey"), data).ConfigureAwait(false);
                return;
            }

            byte[] body = JsonOut.Success(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("accessKey", binding.AccessKey);
                w.WriteString("secretKey", binding.SecretKey);
                w.WriteNumber("duration", (long)core.Settings.BindingLifetime.TotalMilliseconds);
                w.WriteString("bindingType", "one_step");
                w.WriteString("username", account.Email);
                w.WriteBoolean("extendOnValidate", true);
                w.WriteEndObject();
            });
            await RespondAsync(ex, 200, body).ConfigureAwait(false);
        }
    }

    // ------------------------------------------------------------------ HMAC / bearer operations
    private async Task AuthenticatedAsync(Exchange ex)
    {
        string? auth = ex.Http.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(auth))
        {
            await FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MissingHeaders, "0001 Missing header: Authorization")).ConfigureAwait(false);
            return;
        }

        Binding? binding = null;
        AccessToken? token = null;
        string? signature = null;
        bool isLogout = ex.Path == LogoutPath;
        if (auth.StartsWith("MC ", StringComparison.Ordinal))
        {
            ex.AuthKind = SimulatorAuthKind.Hmac;
            string value = auth[3..];
            int colon = value.LastIndexOf(':');
            if (colon <= 0 || colon == value.Length - 1)
            {
                await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAuthorization, "0002 Authorization must be MC accessKey:signature")).ConfigureAwait(false);
                return;
            }

            string accessKey = value[..colon];
            signature = value[(colon + 1)..];
            lock (core.Gate)
            {
                binding = core.FindBinding(accessKey);
            }

            if (binding is null)
            {
                await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAccessKey, "0005 The access key is not valid")).ConfigureAwait(false);
                return;
            }

            ex.CredentialId = binding.AccessKey;
            ex.Account = binding.Owner;
        }
        else if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && !isLogout)
        {
            ex.AuthKind = SimulatorAuthKind.Bearer;
            lock (core.Gate)
            {
                token = core.FindToken(auth[7..].Trim());
            }

            if (token is null)
            {
                await FlatFailAsync(ex, 401, SimulatorErrorCodes.TokenExpired, "The access token is invalid or has expired").ConfigureAwait(false);
                return;
            }

            ex.CredentialId = token.Owner.Account.ClientId;
            ex.Account = token.Owner;
        }
        else
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAuthorization, isLogout ? "0002 Logout needs the MC (HMAC) authorization scheme" : "0002 Unsupported authorization scheme")).ConfigureAwait(false);
            return;
        }

        AccountState account = ex.Account;
        RateDecision decision;
        lock (core.Gate)
        {
            decision = core.TakeCall(account, ex.Arrived);
        }

        ex.Rate = decision;
        if (!decision.Allowed)
        {
            await RateLimitedAsync(ex).ConfigureAwait(false);
            return;
        }

        if (binding is not null && await VerifyHmacAsync(ex, binding, signature!).ConfigureAwait(false))
        {
            return;
        }

        if (token is not null)
        {
            bool expired;
            lock (core.Gate)
            {
                expired = Time.GetUtcNow() >= token.ExpiresAt;
            }

            if (expired)
            {
                await FlatFailAsync(ex, 401, SimulatorErrorCodes.TokenExpired, "The access token has expired").ConfigureAwait(false);
                return;
            }
        }

        (JsonDocument? doc, bool ok) = await ReadBodyAsync(ex).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        using (doc)
        {
            JsonElement? data = FirstData(doc);
            if (await ApplyFaultAsync(ex, isTtp: !isLogout, data, token).ConfigureAwait(false))
            {
                return;
            }

            if (isLogout)
            {
                await LogoutAsync(ex, binding!, data).ConfigureAwait(false);
                return;
            }

            SimulatorLogKind kind = ex.Path switch
            {
                UrlPath => SimulatorLogKind.Url,
                AttachmentPath => SimulatorLogKind.Attachment,
                _ => SimulatorLogKind.Impersonation,
            };
            await LogsAsync(ex, kind, doc, data).ConfigureAwait(false);
        }
    }

    /// <summary>Returns true when a failure was answered.</summary>
    private async Task<bool> VerifyHmacAsync(Exchange ex, Binding binding, string signature)
    {
        if (await CheckAppAndDateAsync(ex, binding.Owner).ConfigureAwait(false))
        {
            return true;
        }

        string date = Header(ex, "x-mc-date")!;
        string reqId = Header(ex, "x-mc-req-id")!;
        if (!MimecastSignature.Verify(binding.SecretBytes, date, reqId, ex.Http.Request.Path.Value ?? "/", binding.Owner.Account.AppKey, signature))
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidSignature, "0004 Invalid Signature")).ConfigureAwait(false);
            return true;
        }

        bool replay = false;
        bool expired;
        lock (core.Gate)
        {
            DateTimeOffset now = Time.GetUtcNow();
            expired = now >= binding.ExpiresAt;
            if (core.Settings.RejectReplayedRequestIds && !expired)
            {
                Dictionary<string, DateTimeOffset> seen = binding.Owner.SeenRequestIds;
                if (seen.Count > 4096)
                {
                    foreach (string old in seen.Where(kv => now - kv.Value > (core.Settings.DateSkew * 2) + TimeSpan.FromMinutes(1)).Select(kv => kv.Key).ToList())
                    {
                        seen.Remove(old);
                    }
                }

                replay = !seen.TryAdd(reqId, now);
            }
        }

        if (expired)
        {
            await FailAsync(ex, 418, new FailError(SimulatorErrorCodes.BindingExpired, "0018 The binding has expired: refresh the access key")).ConfigureAwait(false);
            return true;
        }

        if (replay)
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.DuplicateRequestId, "0019 The x-mc-req-id was already used: sign every attempt anew")).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>Checks x-mc-app-id and x-mc-date (and that x-mc-req-id is present). Returns true when a failure was answered.</summary>
    private async Task<bool> CheckAppAndDateAsync(Exchange ex, AccountState account)
    {
        string? appId = Header(ex, "x-mc-app-id");
        string? date = Header(ex, "x-mc-date");
        string? reqId = Header(ex, "x-mc-req-id");
        if (appId is null || date is null || reqId is null)
        {
            await FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MissingHeaders, "0001 Missing header: x-mc-app-id, x-mc-date and x-mc-req-id are required")).ConfigureAwait(false);
            return true;
        }

        if (!string.Equals(appId, account.Account.AppId, StringComparison.OrdinalIgnoreCase))
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.DeveloperKey, "0016 The application id is not registered for this user")).ConfigureAwait(false);
            return true;
        }

        if (!MimecastSignature.TryParseDate(date, out DateTimeOffset sent))
        {
            await FailAsync(ex, 400, new FailError(SimulatorErrorCodes.InvalidDateFormat, "0003 x-mc-date must be formatted 'ddd, dd MMM yyyy HH:mm:ss UTC'")).ConfigureAwait(false);
            return true;
        }

        if ((sent - Time.GetUtcNow()).Duration() > core.Settings.DateSkew)
        {
            await FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidDate, "0003 x-mc-date is too far from the server time")).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    private async Task LogoutAsync(Exchange ex, Binding binding, JsonElement? data)
    {
        string? key = StringField(data, "accessKey");
        if (key is null)
        {
            await FailAsync(ex, 200, new FailError(SimulatorErrorCodes.ValidationNull, "accessKey is required", Field: "accessKey"), data).ConfigureAwait(false);
            return;
        }

        bool revoked = false;
        lock (core.Gate)
        {
            Binding? target = core.FindBinding(key);
            if (target is not null && target.Owner == binding.Owner)
            {
                target.Revoked = true;
                revoked = true;
            }
        }

        if (!revoked)
        {
            await FailAsync(ex, 200, new FailError(SimulatorErrorCodes.BindingNotFound, "The access key is not one of this user's bindings", Field: "accessKey"), data).ConfigureAwait(false);
            return;
        }

        await RespondAsync(ex, 200, JsonOut.Success(200, _ => { })).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ TTP logs
    private async Task LogsAsync(Exchange ex, SimulatorLogKind kind, JsonDocument? doc, JsonElement? data)
    {
        JsonElement? pagination = null;
        if (doc is not null && doc.RootElement.TryGetProperty("meta", out JsonElement meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("pagination", out JsonElement p) && p.ValueKind == JsonValueKind.Object)
        {
            pagination = p;
        }

        int pageSize = core.Settings.DefaultPageSize;
        string? pageToken = null;
        if (pagination is { } pg)
        {
            if (pg.TryGetProperty("pageSize", out JsonElement ps) && ps.ValueKind != JsonValueKind.Null)
            {
                if (ps.ValueKind != JsonValueKind.Number || !ps.TryGetInt32(out pageSize))
                {
                    await FailAsync(ex, 200, new FailError(SimulatorErrorCodes.InvalidValue, "pageSize must be an integer", Field: "pageSize"), data).ConfigureAwait(false);
                    return;
                }

                ex.PageSize = pageSize;
            }

            if (pg.TryGetProperty("pageToken", out JsonElement pt) && pt.ValueKind == JsonValueKind.String && pt.GetString() is { Length: > 0 } t)
            {
                pageToken = t;
                ex.PageToken = t;
            }
        }

        if (pageSize < 1 || pageSize > core.Settings.MaxPageSize)
        {
            await FailAsync(ex, 200, new FailError(SimulatorErrorCodes.PageSize, string.Create(CultureInfo.InvariantCulture, $"pageSize must be between 1 and {core.Settings.MaxPageSize}"), Field: "pageSize"), data).ConfigureAwait(false);
            return;
        }

        QueryParse q = ParseQuery(kind, data);
        if (q.Error is { } error)
        {
            await FailAsync(ex, 200, error, data).ConfigureAwait(false);
            return;
        }

        AccountState account = ex.Account!;
        string fingerprint = PageToken.Fingerprint(string.Concat(account.Email.ToUpperInvariant(), "|", q.Canonical));
        (DateTimeOffset T, long Seq)? cursor = null;
        if (pageToken is not null)
        {
            if (!PageToken.TryDecode(pageToken, out string fp, out DateTimeOffset t, out long seq) || fp != fingerprint)
            {
                await FailAsync(ex, 200, new FailError(SimulatorErrorCodes.InvalidPageToken, "The page token is not valid for this query", Field: "pageToken"), data).ConfigureAwait(false);
                return;
            }

            cursor = (t, seq);
        }

        byte[] body;
        lock (core.Gate)
        {
            body = kind switch
            {
                SimulatorLogKind.Url => Page(ex, account.Url.Items, q, cursor, pageSize, fingerprint, "clickLogs", false, JsonOut.WriteUrl),
                SimulatorLogKind.Attachment => Page(ex, account.Attachment.Items, q, cursor, pageSize, fingerprint, "attachmentLogs", false, JsonOut.WriteAttachment),
                _ => Page(ex, account.Impersonation.Items, q, cursor, pageSize, fingerprint, "impersonationLogs", true, JsonOut.WriteImpersonation),
            };
        }

        await RespondAsync(ex, 200, body).ConfigureAwait(false);
    }

    private static byte[] Page<T>(Exchange ex, List<T> items, QueryParse q, (DateTimeOffset T, long Seq)? cursor, int pageSize, string fingerprint, string listName, bool resultCount, Action<Utf8JsonWriter, T> writeItem)
        where T : class, ISimulatorLog
    {
        // The store is sorted by (timestamp, sequence): the date range and the cursor are positions found by binary
        // search, so a page costs O(log N + page) for an unfiltered query instead of a scan of the whole store.
        int lo = q.From is { } from ? LogStore<T>.FirstAtOrAfter(items, from, long.MinValue) : 0;
        int hi = q.To is { } to ? LogStore<T>.FirstAtOrAfter(items, to, long.MaxValue) : items.Count;
        int total = 0;
        if (hi > lo)
        {
            if (q.Unfiltered)
            {
                total = hi - lo;
            }
            else
            {
                for (int i = lo; i < hi; i++)
                {
                    total += q.Matches(items[i]) ? 1 : 0;
                }
            }
        }

        // Walk from the cursor (exclusive) in the requested order; one match beyond the page says whether there is a next.
        int step = q.OldestFirst ? 1 : -1;
        int index;
        if (cursor is { } c)
        {
            index = q.OldestFirst
                ? Math.Max(lo, LogStore<T>.FirstAtOrAfter(items, c.T, c.Seq == long.MaxValue ? c.Seq : c.Seq + 1))
                : Math.Min(hi, LogStore<T>.FirstAtOrAfter(items, c.T, c.Seq)) - 1;
        }
        else
        {
            index = q.OldestFirst ? lo : hi - 1;
        }

        var page = new List<T>(Math.Min(pageSize, Math.Max(0, hi - lo)));
        bool more = false;
        for (; index >= lo && index < hi; index += step)
        {
            T item = items[index];
            if (!q.Unfiltered && !q.Matches(item))
            {
                continue;
            }

            if (page.Count == pageSize)
            {
                more = true;
                break;
            }

            page.Add(item);
        }

        string? next = more ? PageToken.Encode(fingerprint, page[^1]) : null;
        ex.RecordCount = page.Count;
        return JsonOut.Success(
            200,
            w =>
            {
                w.WriteStartObject();
                if (resultCount)
                {
                    w.WriteNumber("resultCount", page.Count);
                }

                w.WriteStartArray(listName);
                foreach (T item in page)
                {
                    writeItem(w, item);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            },
            w =>
            {
                w.WriteNumber("pageSize", page.Count);
                w.WriteNumber("totalCount", total);
                if (next is not null)
                {
                    w.WriteString("next", next);
                }
            });
    }

    private sealed class QueryParse
    {
        public FailError? Error { get; set; }

        public DateTimeOffset? From { get; set; }

        public DateTimeOffset? To { get; set; }

        public bool OldestFirst { get; set; }

        public string Canonical { get; set; } = string.Empty;

        public Func<ISimulatorLog, bool> Matches { get; set; } = _ => true;

        /// <summary>Gets or sets whether <see cref="Matches"/> accepts every record (only the date range applies).</summary>
        public bool Unfiltered { get; set; }
    }

    private static QueryParse ParseQuery(SimulatorLogKind kind, JsonElement? data)
    {
        var q = new QueryParse();
        var canonical = new StringBuilder(kind.ToString());
        if (!TryDate(data, "from", out DateTimeOffset? from, out FailError? err) || !TryDate(data, "to", out DateTimeOffset? to, out err)
            || !TryBool(data, "oldestFirst", out bool? oldestFirst, out err))
        {
            q.Error = err;
            return q;
        }

        q.From = from;
        q.To = to;
        q.OldestFirst = oldestFirst ?? false;
        canonical.Append(CultureInfo.InvariantCulture, $"|from={from?.UtcTicks}|to={to?.UtcTicks}|oldestFirst={q.OldestFirst}");

        if (kind == SimulatorLogKind.Impersonation)
        {
            return ParseImpersonation(q, data, canonical);
        }

        if (!TryEnum(data, "route", Routes, out string route, out err))
        {
            q.Error = err;
            return q;
        }

        string filterName = kind == SimulatorLogKind.Url ? "scanResult" : "result";
        if (!TryEnum(data, filterName, kind == SimulatorLogKind.Url ? ScanResults : AttachmentResults, out string result, out err))
        {
            q.Error = err;
            return q;
        }

        canonical.Append(CultureInfo.InvariantCulture, $"|route={route}|{filterName}={result}");
        q.Canonical = canonical.ToString();
        q.Unfiltered = route == "all" && result == "all";
        q.Matches = item =>
        {
            (string r, string v) = item switch
            {
                SimulatorUrlLog u => (u.Route, u.ScanResult),
                SimulatorAttachmentLog a => (a.Route, a.Result),
                _ => (string.Empty, string.Empty),
            };
            return (route == "all" || string.Equals(r, route, StringComparison.OrdinalIgnoreCase))
                && (result == "all" || string.Equals(v, result, StringComparison.OrdinalIgnoreCase));
        };
        return q;
    }

    private static QueryParse ParseImpersonation(QueryParse q, JsonElement? data, StringBuilder canonical)
    {
        if (!TryEnum(data, "searchField", SearchFields, out string searchField, out FailError? err)
            || !TryBool(data, "taggedMalicious", out bool? taggedMalicious, out err)
            || !TryBool(data, "taggedExternal", out bool? taggedExternal, out err)
            || !TryStrings(data, "identifiers", out string[] identifiers, out err)
            || !TryStrings(data, "actions", out string[] actions, out err))
        {
            q.Error = err;
            return q;
        }

        string? query = StringField(data, "query");
        canonical.Append(CultureInfo.InvariantCulture, $"|searchField={searchField}|query={query}|tm={taggedMalicious}|te={taggedExternal}|ids={string.Join(',', identifiers)}|actions={string.Join(',', actions)}");
        q.Canonical = canonical.ToString();
        q.Unfiltered = taggedMalicious is null && taggedExternal is null && identifiers.Length == 0 && actions.Length == 0 && string.IsNullOrEmpty(query);
        q.Matches = item =>
        {
            var r = (SimulatorImpersonationLog)item;
            if ((taggedMalicious is { } tm && r.TaggedMalicious != tm) || (taggedExternal is { } te && r.TaggedExternal != te))
            {
                return false;
            }

            if (identifiers.Length > 0 && !r.Identifiers.Any(i => identifiers.Contains(i, StringComparer.OrdinalIgnoreCase)))
            {
                return false;
            }

            if (actions.Length > 0 && !actions.Contains(r.Action, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            if (string.IsNullOrEmpty(query))
            {
                return true;
            }

            string[] fields = searchField switch
            {
                "senderaddress" => [r.SenderAddress],
                "recipientaddress" => [r.RecipientAddress],
                "subject" => [r.Subject],
                "senderipaddress" => [r.SenderIpAddress],
                _ => [r.SenderAddress, r.RecipientAddress, r.Subject, r.SenderIpAddress],
            };
            return fields.Any(f => f.Contains(query, StringComparison.OrdinalIgnoreCase));
        };
        return q;
    }

    // ------------------------------------------------------------------ faults
    /// <summary>Applies a fault, if one is due. Returns true when the request was answered (or dropped) by the fault.</summary>
    private async Task<bool> ApplyFaultAsync(Exchange ex, bool isTtp, JsonElement? data, AccessToken? token = null)
    {
        FaultDecision? decision = faults.Next(ex.Path, isTtp);
        if (decision is not { } d)
        {
            return false;
        }

        ex.Fault = d.Fault;
        switch (d.Fault)
        {
            case SimulatorFault.Latency:
                try
                {
                    await Task.Delay(d.Latency, Time, ex.Aborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ex.Aborted.IsCancellationRequested)
                {
                    // The client gave up while waiting (e.g. its timeout): journal it as unanswered.
                    Journal(ex, 0);
                    return true;
                }

                return false;
            case SimulatorFault.ServerError:
                await FailAsync(ex, 503, new FailError(SimulatorErrorCodes.ServiceUnavailable, "The service is temporarily unavailable", Retryable: true)).ConfigureAwait(false);
                return true;
            case SimulatorFault.FailEnvelope:
                await FailAsync(ex, 200, new FailError(SimulatorErrorCodes.InternalError, "An internal error occurred; try again", Retryable: true), data).ConfigureAwait(false);
                return true;
            case SimulatorFault.MalformedJson:
            {
                string list = ex.Path switch { UrlPath => "clickLogs", AttachmentPath => "attachmentLogs", ImpersonationPath => "impersonationLogs", _ => "items" };
                byte[] body = Encoding.UTF8.GetBytes("{\"meta\":{\"status\":200,\"pagination\":{\"pageSize\":100,\"next\":\"eyJ2IjoxfQ\"}},\"data\":[{\"" + list + "\":[{\"date\":\"2026-11-20T10:03:07+0000\",\"subject\":\"Quarterly re");
                await RespondAsync(ex, 200, body).ConfigureAwait(false);
                return true;
            }

            case SimulatorFault.HtmlErrorPage:
            {
                ex.ErrorCode = null;
                byte[] body = Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>simulator</center></body></html>\n");
                await RespondAsync(ex, 502, body, "text/html; charset=utf-8").ConfigureAwait(false);
                return true;
            }

            case SimulatorFault.DroppedConnection:
                Journal(ex, 0);
                ex.Http.Abort();
                return true;
            case SimulatorFault.RateLimited:
            {
                if (ex.Account is { } account)
                {
                    lock (core.Gate)
                    {
                        core.CountRateLimited(account);
                    }
                }

                ex.Rate = new RateDecision(false, core.Settings.RateLimit, 0, Math.Max(1, (long)Math.Ceiling(d.Reset.TotalMilliseconds)));
                await RateLimitedAsync(ex).ConfigureAwait(false);
                return true;
            }

            case SimulatorFault.TokenExpired:
            default:
                if (token is not null)
                {
                    lock (core.Gate)
                    {
                        token.ExpiresAt = Time.GetUtcNow();
                    }
                }

                await FlatFailAsync(ex, 401, SimulatorErrorCodes.TokenExpired, "The access token has expired").ConfigureAwait(false);
                return true;
        }
    }

    // ------------------------------------------------------------------ responses
    private Task RateLimitedAsync(Exchange ex) =>
        FailAsync(ex, 429, new FailError(SimulatorErrorCodes.RateLimitExceeded, "The rate limit has been exceeded: wait X-RateLimit-Reset milliseconds", Retryable: true));

    private Task FailAsync(Exchange ex, int status, FailError error, JsonElement? key = null)
    {
        ex.ErrorCode = error.Code;
        return RespondAsync(ex, status, JsonOut.Failure(status, error, key));
    }

    private Task FlatFailAsync(Exchange ex, int status, string code, string message)
    {
        ex.ErrorCode = code;
        return RespondAsync(ex, status, JsonOut.FlatFailure(status, code, message));
    }

    private async Task RespondAsync(Exchange ex, int status, byte[] body, string contentType = JsonContentType)
    {
        HttpResponse response = ex.Http.Response;
        RateDecision rate = ex.Rate ?? DefaultRate(ex);
        if (ex.Account is { } account && (status == 429 || rate.Remaining == 0))
        {
            lock (core.Gate)
            {
                DateTimeOffset until = ex.Arrived + TimeSpan.FromMilliseconds(rate.ResetMs);
                if (until > account.WaitUntil)
                {
                    account.WaitUntil = until;
                }
            }
        }

        response.Headers["X-RateLimit-Limit"] = rate.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = rate.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = rate.ResetMs.ToString(CultureInfo.InvariantCulture);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        ex.Rate = rate;
        Journal(ex, status);
        await response.Body.WriteAsync(body, ex.Aborted).ConfigureAwait(false);
    }

    private RateDecision DefaultRate(Exchange ex)
    {
        lock (core.Gate)
        {
            return ex.Account is { } account
                ? account.Bucket.Peek(ex.Arrived, core.Settings)
                : new RateDecision(true, core.Settings.RateLimit, core.Settings.RateLimit, (long)core.Settings.RateWindow.TotalMilliseconds);
        }
    }

    private void Journal(Exchange ex, int status)
    {
        journal.Add(new SimulatorJournalEntry(
            ex.Arrived,
            ex.Http.Request.Method,
            ex.Path,
            ex.AuthKind,
            ex.Account?.Email,
            ex.CredentialId,
            Header(ex, "x-mc-req-id"),
            status,
            ex.ErrorCode,
            ex.PageToken,
            ex.PageSize,
            ex.RecordCount,
            ex.Fault,
            ex.Rate?.Remaining ?? core.Settings.RateLimit));
    }

    // ------------------------------------------------------------------ helpers
    private async Task<(JsonDocument? Doc, bool Ok)> ReadBodyAsync(Exchange ex)
    {
        using var buffer = new MemoryStream();
        await ex.Http.Request.Body.CopyToAsync(buffer, ex.Aborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return (null, true);
        }

        try
        {
            var doc = JsonDocument.Parse(buffer.ToArray());
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (root.TryGetProperty("data", out JsonElement data) && data.ValueKind != JsonValueKind.Array))
            {
                doc.Dispose();
                await FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MalformedRequest, "The body must be a JSON object whose data is an array")).ConfigureAwait(false);
                return (null, false);
            }

            return (doc, true);
        }
        catch (JsonException)
        {
            await FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MalformedRequest, "The body is not valid JSON")).ConfigureAwait(false);
            return (null, false);
        }
    }

    private static JsonElement? FirstData(JsonDocument? doc)
    {
        if (doc is not null && doc.RootElement.TryGetProperty("data", out JsonElement data) && data.GetArrayLength() > 0
            && data[0].ValueKind == JsonValueKind.Object)
        {
            return data[0];
        }

        return null;
    }

    private static string? StringField(JsonElement? data, string name) =>
        data is { } d && d.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool TryDate(JsonElement? data, string name, out DateTimeOffset? value, out FailError? error)
    {
        value = null;
        error = null;
        if (data is not { } d || !d.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (v.ValueKind == JsonValueKind.String && TryParseIsoDate(v.GetString()!, out DateTimeOffset parsed))
        {
            value = parsed;
            return true;
        }

        error = new FailError(SimulatorErrorCodes.InvalidDateValue, name + " must be an ISO 8601 date with an offset, e.g. 2026-11-20T00:00:00+0000", Field: name);
        return false;
    }

    internal static bool TryParseIsoDate(string text, out DateTimeOffset value)
    {
        string s = text.Trim();

        // +0000 / -0130 → +00:00 / -01:30
        if (s.Length > 5 && (s[^5] == '+' || s[^5] == '-') && s[^4..].All(char.IsAsciiDigit))
        {
            s = string.Concat(s.AsSpan(0, s.Length - 2), ":", s.AsSpan(s.Length - 2));
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
        bool hasOffset = s.EndsWith('Z') || s.EndsWith('z') || (s.Length > 6 && (s[^6] == '+' || s[^6] == '-') && s[^3] == ':');
        if (hasOffset && DateTimeOffset.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    private static bool TryBool(JsonElement? data, string name, out bool? value, out FailError? error)
    {
        value = null;
        error = null;
        if (data is not { } d || !d.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetBoolean();
            return true;
        }

        if (v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out bool b))
        {
            value = b;
            return true;
        }

        error = new FailError(SimulatorErrorCodes.InvalidValue, name + " must be true or false", Field: name);
        return false;
    }

    private static bool TryEnum(JsonElement? data, string name, string[] allowed, out string value, out FailError? error)
    {
        value = "all";
        error = null;
        if (data is not { } d || !d.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        string? text = v.ValueKind == JsonValueKind.String ? v.GetString()?.Trim().ToLowerInvariant() : null;
        if (text is not null && allowed.Contains(text))
        {
            value = text;
            return true;
        }

        error = new FailError(SimulatorErrorCodes.InvalidValue, name + " must be one of " + string.Join(", ", allowed), Field: name);
        return false;
    }

    private static bool TryStrings(JsonElement? data, string name, out string[] values, out FailError? error)
    {
        values = [];
        error = null;
        if (data is not { } d || !d.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            values = v.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.OrdinalIgnoreCase).ToArray();
            return true;
        }

        error = new FailError(SimulatorErrorCodes.InvalidValue, name + " must be an array of strings", Field: name);
        return false;
    }

    private static string? Header(Exchange ex, string name)
    {
        string? value = ex.Http.Request.Headers[name];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static bool LooksLikeEmail(string text)
    {
        int at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1 && text.IndexOf('@', at + 1) < 0 && !text.Contains(' ', StringComparison.Ordinal);
    }

    private static bool TryDecodeBasic(string encoded, out string user, out string password)
    {
        user = password = string.Empty;
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded.Trim(), buffer, out int written))
        {
            return false;
        }

        string text = Encoding.UTF8.GetString(buffer, 0, written);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        user = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }

    private static bool FixedEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
