using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// The credential checks every family shares: the user's bucket, <c>x-mc-app-id</c> / <c>x-mc-date</c>, API 1.0
/// HMAC signatures and bindings, API 2.0 bearer tokens. Each method answers the failure itself and says so.
/// </summary>
internal sealed class CallerAuth(SimulatorCore core, SimulatorResponder responder, FaultInjector faults)
{
    private TimeProvider Time => core.Settings.Time;

    /// <summary>
    /// Finds the user by email and takes one call from their bucket. Returns null when a failure was answered:
    /// <paramref name="unknownStatus"/> with <paramref name="unknownUser"/> for an unknown user, or a 429.
    /// </summary>
    public async Task<AccountState?> TakeUserCallAsync(Exchange ex, string email, int unknownStatus, FailError unknownUser, JsonElement? data = null)
    {
        AccountState? account;
        RateDecision decision = default;
        lock (core.Gate)
        {
            account = core.FindByEmail(email);
            if (account is not null)
            {
                ex.Account = account;
                decision = core.TakeCall(account, ex.Arrived);
                ex.Rate = decision;
            }
        }

        if (account is null)
        {
            await responder.FailAsync(ex, unknownStatus, unknownUser, data).ConfigureAwait(false);
            return null;
        }

        if (!decision.Allowed)
        {
            await responder.RateLimitedAsync(ex).ConfigureAwait(false);
            return null;
        }

        return account;
    }

    /// <summary>
    /// Authenticates a data call (HMAC, or bearer when <paramref name="allowBearer"/>), takes a call from the
    /// user's bucket, reads the body and applies a due fault. Returns null when the request was answered.
    /// </summary>
    /// <param name="ex">The request.</param>
    /// <param name="allowBearer">Whether an API 2.0 bearer token is accepted besides the HMAC signature.</param>
    /// <param name="rated">Whether the seeded fault rates apply to this path.</param>
    public async Task<AuthenticatedCall?> AuthenticateAsync(Exchange ex, bool allowBearer, bool rated)
    {
        string? auth = ex.Http.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(auth))
        {
            await responder.FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MissingHeaders, "0001 Missing header: Authorization")).ConfigureAwait(false);
            return null;
        }

        Binding? binding = null;
        AccessToken? token = null;
        string? signature = null;
        if (auth.StartsWith("MC ", StringComparison.Ordinal))
        {
            ex.AuthKind = SimulatorAuthKind.Hmac;
            string value = auth[3..];
            int colon = value.LastIndexOf(':');
            if (colon <= 0 || colon == value.Length - 1)
            {
                await responder.FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAuthorization, "0002 Authorization must be MC accessKey:signature")).ConfigureAwait(false);
                return null;
            }

            string accessKey = value[..colon];
            signature = value[(colon + 1)..];
            lock (core.Gate)
            {
                binding = core.FindBinding(accessKey);
            }

            if (binding is null)
            {
                await responder.FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAccessKey, "0005 The access key is not valid")).ConfigureAwait(false);
                return null;
            }

            ex.CredentialId = binding.AccessKey;
            ex.Account = binding.Owner;
        }
        else if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && allowBearer)
        {
            ex.AuthKind = SimulatorAuthKind.Bearer;
            lock (core.Gate)
            {
                token = core.FindToken(auth[7..].Trim());
            }

            if (token is null)
            {
                await responder.FlatFailAsync(ex, 401, SimulatorErrorCodes.TokenExpired, "The access token is invalid or has expired").ConfigureAwait(false);
                return null;
            }

            ex.CredentialId = token.Owner.Account.ClientId;
            ex.Account = token.Owner;
        }
        else
        {
            string message = allowBearer ? "0002 Unsupported authorization scheme" : "0002 This operation needs the MC (HMAC) authorization scheme";
            await responder.FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidAuthorization, message)).ConfigureAwait(false);
            return null;
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
            await responder.RateLimitedAsync(ex).ConfigureAwait(false);
            return null;
        }

        if (binding is not null && await VerifyHmacAsync(ex, binding, signature!).ConfigureAwait(false))
        {
            return null;
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
                await responder.FlatFailAsync(ex, 401, SimulatorErrorCodes.TokenExpired, "The access token has expired").ConfigureAwait(false);
                return null;
            }
        }

        (JsonDocument? doc, bool ok) = await responder.ReadBodyAsync(ex).ConfigureAwait(false);
        if (!ok)
        {
            return null;
        }

        var call = new AuthenticatedCall(account, binding, token, doc);
        if (await faults.ApplyAsync(ex, rated, call.Data, token).ConfigureAwait(false))
        {
            call.Dispose();
            return null;
        }

        return call;
    }

    /// <summary>Checks x-mc-app-id and x-mc-date (and that x-mc-req-id is present). Returns true when a failure was answered.</summary>
    public async Task<bool> CheckAppAndDateAsync(Exchange ex, AccountState account)
    {
        string? appId = RequestFields.Header(ex, "x-mc-app-id");
        string? date = RequestFields.Header(ex, "x-mc-date");
        string? reqId = RequestFields.Header(ex, "x-mc-req-id");
        if (appId is null || date is null || reqId is null)
        {
            await responder.FailAsync(ex, 400, new FailError(SimulatorErrorCodes.MissingHeaders, "0001 Missing header: x-mc-app-id, x-mc-date and x-mc-req-id are required")).ConfigureAwait(false);
            return true;
        }

        if (await RefuseUnknownAppAsync(ex, appId, account).ConfigureAwait(false))
        {
            return true;
        }

        if (!MimecastSignature.TryParseDate(date, out DateTimeOffset sent))
        {
            await responder.FailAsync(ex, 400, new FailError(SimulatorErrorCodes.InvalidDateFormat, "0003 x-mc-date must be formatted 'ddd, dd MMM yyyy HH:mm:ss UTC' (or GMT)")).ConfigureAwait(false);
            return true;
        }

        if ((sent - Time.GetUtcNow()).Duration() > core.Settings.DateSkew)
        {
            await responder.FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidDate, "0003 x-mc-date is too far from the server time")).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Refuses an <c>x-mc-app-id</c> that is not the user's application (or, without a user, no account's) the way
    /// real Mimecast does: HTTP 200 with a <c>fail</c> entry <c>err_developer_key</c>, "App ID is invalid: …".
    /// Returns true when the refusal was answered.
    /// </summary>
    public async Task<bool> RefuseUnknownAppAsync(Exchange ex, string appId, AccountState? account)
    {
        bool known;
        lock (core.Gate)
        {
            known = account is null ? core.IsKnownAppId(appId) : string.Equals(appId, account.Account.AppId, StringComparison.OrdinalIgnoreCase);
        }

        if (known)
        {
            return false;
        }

        await responder.FailAsync(ex, 200, new FailError(SimulatorErrorCodes.DeveloperKey, "App ID is invalid: " + appId)).ConfigureAwait(false);
        return true;
    }

    /// <summary>Returns true when a failure was answered.</summary>
    private async Task<bool> VerifyHmacAsync(Exchange ex, Binding binding, string signature)
    {
        if (await CheckAppAndDateAsync(ex, binding.Owner).ConfigureAwait(false))
        {
            return true;
        }

        string date = RequestFields.Header(ex, "x-mc-date")!;
        string reqId = RequestFields.Header(ex, "x-mc-req-id")!;
        if (!MimecastSignature.Verify(binding.SecretBytes, date, reqId, ex.Http.Request.Path.Value ?? "/", binding.Owner.Account.AppKey, signature))
        {
            await responder.FailAsync(ex, 401, new FailError(SimulatorErrorCodes.InvalidSignature, "0004 Invalid Signature")).ConfigureAwait(false);
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
            await responder.FailAsync(ex, 418, new FailError(SimulatorErrorCodes.BindingExpired, "0018 The binding has expired: refresh the access key")).ConfigureAwait(false);
            return true;
        }

        if (replay)
        {
            await responder.FailAsync(ex, 401, new FailError(SimulatorErrorCodes.DuplicateRequestId, "0019 The x-mc-req-id was already used: sign every attempt anew")).ConfigureAwait(false);
            return true;
        }

        return false;
    }
}

/// <summary>An authenticated data call: who made it, with what, and its parsed envelope (disposed with it).</summary>
internal sealed class AuthenticatedCall(AccountState account, Binding? binding, AccessToken? token, JsonDocument? doc) : IDisposable
{
    public AccountState Account { get; } = account;

    /// <summary>The API 1.0 binding used, or null for a bearer call.</summary>
    public Binding? Binding { get; } = binding;

    /// <summary>The API 2.0 token used, or null for an HMAC call.</summary>
    public AccessToken? Token { get; } = token;

    public JsonDocument? Doc { get; } = doc;

    /// <summary>The request's <c>data[0]</c>, if it is an object.</summary>
    public JsonElement? Data { get; } = RequestFields.FirstData(doc);

    public void Dispose() => Doc?.Dispose();
}
