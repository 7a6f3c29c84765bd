using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Mimecast.Sdk.Testing;

/// <summary>The authentication family: API 2.0 <c>/oauth/token</c>, API 1.0 discover, login / refresh and logout.</summary>
internal sealed class AuthenticationEndpoints(SimulatorCore core, SimulatorResponder responder, FaultInjector faults, CallerAuth auth) : ISimulatorEndpointFamily
{
    public const string TokenPath = "/oauth/token";
    public const string DiscoverPath = "/api/login/discover-authentication";
    public const string LoginPath = "/api/login/login";
    public const string LogoutPath = "/api/login/logout";

    private TimeProvider Time => core.Settings.Time;

    public IEnumerable<SimulatorRoute> Routes =>
    [
        new(HttpMethods.Post, TokenPath, TokenAsync),
        new(HttpMethods.Post, DiscoverPath, DiscoverAsync),
        new(HttpMethods.Post, LoginPath, LoginAsync),
        new(HttpMethods.Post, LogoutPath, LogoutAsync),
    ];

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
            && RequestFields.TryDecodeBasic(basic[6..], out string id, out string secret))
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
                ex.Rate = account.Quota.Bucket.Peek(ex.Arrived, core.Settings);
            }
        }

        if (account is null || !RequestFields.FixedEquals(account.Account.ClientSecret, clientSecret))
        {
            await OAuthFailAsync(ex, 401, SimulatorErrorCodes.InvalidClient, "Client authentication failed.").ConfigureAwait(false);
            return;
        }

        if (await faults.ApplyAsync(ex, rated: false, data: null).ConfigureAwait(false))
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
        await responder.RespondAsync(ex, 200, body).ConfigureAwait(false);
    }

    private Task OAuthFailAsync(Exchange ex, int status, string code, string message) =>
        responder.FlatFailAsync(ex, status, code, message, oauthError: code);

    // ------------------------------------------------------------------ discover
    private async Task DiscoverAsync(Exchange ex)
    {
        string? appId = RequestFields.Header(ex, "x-mc-app-id");
        if (appId is null)
        {
            await responder.FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MissingHeaders, "0001 Missing header: x-mc-app-id")).ConfigureAwait(false);
            return;
        }

        if (await auth.RefuseUnknownAppAsync(ex, appId, account: null).ConfigureAwait(false))
        {
            return;
        }

        using UserRequest? request = await ReadUserRequestAsync(ex, "emailAddress", email => !RequestFields.LooksLikeEmail(email)
            ? new FailError(SimulatorErrorCodes.InvalidEmailAddress, "emailAddress is not an email address", Field: "emailAddress")
            : null).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        AccountState? account = await auth.TakeUserCallAsync(ex, request.User, 200, new FailError(SimulatorErrorCodes.UserNotFound, "The user is not known"), request.Data).ConfigureAwait(false);
        if (account is null || await faults.ApplyAsync(ex, rated: false, request.Data).ConfigureAwait(false))
        {
            return;
        }

        HttpRequest req = ex.Http.Request;
        string api = core.PublicApiUrl ?? string.Concat(req.Scheme, "://", req.Host.Value);
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
        await responder.RespondAsync(ex, 200, body).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ login / refresh
    private async Task LoginAsync(Exchange ex)
    {
        string? authorization = ex.Http.Request.Headers.Authorization;
        if (authorization is null || RequestFields.Header(ex, "x-mc-app-id") is null || RequestFields.Header(ex, "x-mc-date") is null || RequestFields.Header(ex, "x-mc-req-id") is null)
        {
            await responder.FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MissingHeaders, "0001 Missing header: Authorization, x-mc-app-id, x-mc-date and x-mc-req-id are required")).ConfigureAwait(false);
            return;
        }

        string encoded;
        if (authorization.StartsWith("Basic-Cloud ", StringComparison.OrdinalIgnoreCase))
        {
            ex.AuthKind = SimulatorAuthKind.BasicCloud;
            encoded = authorization["Basic-Cloud ".Length..];
        }
        else if (authorization.StartsWith("Basic-AD ", StringComparison.OrdinalIgnoreCase))
        {
            ex.AuthKind = SimulatorAuthKind.BasicAd;
            encoded = authorization["Basic-AD ".Length..];
        }
        else
        {
            await responder.FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAuthorization, "0002 Login needs the Basic-Cloud or Basic-AD authorization scheme")).ConfigureAwait(false);
            return;
        }

        if (!RequestFields.TryDecodeBasic(encoded, out string user, out string password))
        {
            await responder.FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAuthorization, "0002 Malformed authorization value")).ConfigureAwait(false);
            return;
        }

        var invalidCredentials = new FailError(SimulatorErrorCodes.InvalidCredentials, "0007 Invalid user name or password");
        AccountState? account = await auth.TakeUserCallAsync(ex, user, 401, invalidCredentials).ConfigureAwait(false);
        if (account is null || await auth.CheckAppAndDateAsync(ex, account).ConfigureAwait(false))
        {
            return;
        }

        bool domain = ex.AuthKind == SimulatorAuthKind.BasicAd;
        string expected = domain ? account.Account.DomainPassword : account.Account.CloudPassword;
        bool allowed = !domain || account.Account.AuthenticationTypes.Contains("domain", StringComparer.OrdinalIgnoreCase);
        if (!RequestFields.FixedEquals(expected, password) || !allowed)
        {
            await responder.FailAsync(ex, 401, invalidCredentials).ConfigureAwait(false);
            return;
        }

        using UserRequest? request = await ReadUserRequestAsync(ex, "userName", userName => !string.Equals(userName, account.Email, StringComparison.OrdinalIgnoreCase)
            ? new FailError(SimulatorErrorCodes.InvalidCredentials, "0007 userName does not match the credentials")
            : null, mismatchStatus: 401).ConfigureAwait(false);
        if (request is null || await faults.ApplyAsync(ex, rated: false, request.Data).ConfigureAwait(false))
        {
            return;
        }

        Binding? binding = Bind(ex, account, RequestFields.StringField(request.Data, "accessKey"));
        if (binding is null)
        {
            await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.BindingNotFound, "The access key is not one of this user's bindings", Field: "accessKey"), request.Data).ConfigureAwait(false);
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
        await responder.RespondAsync(ex, 200, body).ConfigureAwait(false);
    }

    /// <summary>A new binding, or the refreshed one named by <paramref name="refreshKey"/>; null when that is not the user's.</summary>
    private Binding? Bind(Exchange ex, AccountState account, string? refreshKey)
    {
        lock (core.Gate)
        {
            DateTimeOffset now = Time.GetUtcNow();
            if (refreshKey is null)
            {
                Binding created = core.NewBinding(account, now);
                ex.CredentialId = created.AccessKey;
                return created;
            }

            Binding? binding = core.FindBinding(refreshKey);
            if (binding is null || binding.Owner != account)
            {
                return null;
            }

            ex.CredentialId = refreshKey;
            binding.ExpiresAt = now + core.Settings.BindingLifetime;
            return binding;
        }
    }

    // ------------------------------------------------------------------ logout
    private async Task LogoutAsync(Exchange ex)
    {
        using AuthenticatedCall? call = await auth.AuthenticateAsync(ex, allowBearer: false, rated: false).ConfigureAwait(false);
        if (call is null)
        {
            return;
        }

        string? key = RequestFields.StringField(call.Data, "accessKey");
        if (key is null)
        {
            await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.ValidationNull, "accessKey is required", Field: "accessKey"), call.Data).ConfigureAwait(false);
            return;
        }

        bool revoked = false;
        lock (core.Gate)
        {
            Binding? target = core.FindBinding(key);
            if (target is not null && target.Owner == call.Account)
            {
                target.Revoked = true;
                revoked = true;
            }
        }

        if (!revoked)
        {
            await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.BindingNotFound, "The access key is not one of this user's bindings", Field: "accessKey"), call.Data).ConfigureAwait(false);
            return;
        }

        await responder.RespondAsync(ex, 200, JsonOut.Success(200, _ => { })).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ shared by discover and login
    /// <summary>
    /// Reads the envelope and the user named in <c>data[0].<paramref name="field"/></c>: absent, blank or
    /// <paramref name="check"/>-failing values are answered (HTTP 200 keyed <c>fail</c>, or
    /// <paramref name="mismatchStatus"/> for a <paramref name="check"/> failure). Returns null when answered.
    /// </summary>
    private async Task<UserRequest?> ReadUserRequestAsync(Exchange ex, string field, Func<string, FailError?> check, int mismatchStatus = 200)
    {
        (JsonDocument? doc, bool ok) = await responder.ReadBodyAsync(ex).ConfigureAwait(false);
        if (!ok)
        {
            return null;
        }

        var request = new UserRequest(doc, field);
        FailError? required = RequestFields.Required(request.RawUser, field);
        FailError? invalid = required ?? check(request.RawUser!);
        if (invalid is { } error)
        {
            await responder.FailAsync(ex, required is null ? mismatchStatus : 200, error, request.Data).ConfigureAwait(false);
            request.Dispose();
            return null;
        }

        return request;
    }

    private sealed class UserRequest : IDisposable
    {
        private readonly JsonDocument? _doc;

        public UserRequest(JsonDocument? doc, string userField)
        {
            _doc = doc;
            Data = RequestFields.FirstData(doc);
            RawUser = RequestFields.StringField(Data, userField);
        }

        public JsonElement? Data { get; }

        public string? RawUser { get; }

        public string User => RawUser!;

        public void Dispose() => _doc?.Dispose();
    }
}
