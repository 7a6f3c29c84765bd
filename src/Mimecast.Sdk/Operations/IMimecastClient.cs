namespace Mimecast.Sdk;

/// <summary>
/// The Mimecast operations of one customer account, over API 1.0 or 2.0 as configured, grouped by area as sub-clients
/// (<c>client.Ttp.GetUrlLogsAsync(...)</c>); each area is an interface of its own that a test can fake alone. Thread-safe; obtain it from
/// dependency injection (<c>AddMimecastClient</c>) or from <see cref="IMimecastClientFactory"/> by name.
/// </summary>
/// <remarks>
/// Every method throws <see cref="MimecastApiException"/> (or a subtype) when Mimecast reports a failure, including an
/// HTTP 200 whose <c>fail</c> array is not empty; <see cref="MimecastAuthenticationException"/> for refused credentials;
/// <see cref="MimecastBindingExpiredException"/> for an expired API 1.0 binding; <see cref="MimecastRateLimitException"/>
/// when the quota stays exhausted past the configured wait; <see cref="MimecastOutcomeUnknownException"/> when a write that
/// must not run twice may have reached Mimecast without an answer (it is never resent; the exception says what to check);
/// <see cref="OperationCanceledException"/> when cancelled.
/// </remarks>
public interface IMimecastClient
{
    /// <summary>Gets the client's name (the empty string for the default client).</summary>
    string Name { get; }

    /// <summary>Gets the API 1.0 login family: discover, login, refresh and logout.</summary>
    ILoginClient Login { get; }

    /// <summary>Gets the Targeted Threat Protection logs: URL clicks, attachments and impersonation.</summary>
    ITtpClient Ttp { get; }

    /// <summary>Gets the SIEM event stream and batch files (API 2.0).</summary>
    ISiemClient Siem { get; }

    /// <summary>Gets the account's audit events.</summary>
    IAuditClient Audit { get; }

    /// <summary>Gets the URL Protect actions: decode rewritten links, the managed URL block/permit list.</summary>
    IUrlsClient Urls { get; }

    /// <summary>Gets the sender actions: permit or block a sender for a recipient, blocked-sender policies.</summary>
    ISendersClient Senders { get; }

    /// <summary>Gets the held queue: list, summary, release and reject.</summary>
    IHeldMessagesClient Held { get; }

    /// <summary>Gets the message finder: search tracked messages and read one message's details.</summary>
    IMessagesClient Messages { get; }

    /// <summary>Gets threat remediation: incidents that pull mail from mailboxes by hash, message id or URL, and hash searches.</summary>
    IRemediationClient Remediation { get; }

    /// <summary>Gets the directory's profile groups and their members.</summary>
    IDirectoryClient Directory { get; }

    /// <summary>Gets the customer account.</summary>
    IAccountClient Account { get; }
}

/// <summary>Returns the <see cref="IMimecastClient"/> of a named customer registration. Clients are cached: calling this per request is cheap.</summary>
public interface IMimecastClientFactory
{
    /// <summary>Gets the client for <paramref name="name"/> (the empty string for the default client).</summary>
    /// <param name="name">The name given to <c>AddMimecastClient</c>, or any name your own options source configures.</param>
    /// <returns>The client. Its options are read on every call, so credential changes apply to the next request.</returns>
    IMimecastClient CreateClient(string name);
}
