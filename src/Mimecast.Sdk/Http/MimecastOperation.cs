namespace Mimecast.Sdk.Http;

/// <summary>Describes one Mimecast operation: its name for logs and telemetry, its path, and whether resending it is safe.</summary>
/// <param name="Name">The operation name used in logs, traces and metrics.</param>
/// <param name="Path">The API path.</param>
/// <param name="Idempotent">Whether a request that may have reached the server can be sent again (login and refresh may create a binding, so they are not).</param>
internal sealed record MimecastOperation(string Name, string Path, bool Idempotent)
{
    internal static readonly MimecastOperation DiscoverAuthentication = new("discover-authentication", "/api/login/discover-authentication", true);
    internal static readonly MimecastOperation Login = new("login", "/api/login/login", false);
    internal static readonly MimecastOperation RefreshToken = new("refresh-token", "/api/login/login", false);
    internal static readonly MimecastOperation Logout = new("logout", "/api/login/logout", true);
    internal static readonly MimecastOperation TtpUrlLogs = new("ttp-url-logs", "/api/ttp/url/get-logs", true);
    internal static readonly MimecastOperation TtpAttachmentLogs = new("ttp-attachment-logs", "/api/ttp/attachment/get-logs", true);
    internal static readonly MimecastOperation TtpImpersonationLogs = new("ttp-impersonation-logs", "/api/ttp/impersonation/get-logs", true);
}
