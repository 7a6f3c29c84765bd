using Mimecast.Sdk.Http;

namespace Mimecast.Sdk.Operations;

/// <summary>The TTP log family's descriptors: paged reads on both generations.</summary>
internal static class TtpOperations
{
    internal static readonly MimecastOperation UrlLogs = new("ttp-url-logs", "/api/ttp/url/get-logs") { ListProperty = "clickLogs" };

    internal static readonly MimecastOperation AttachmentLogs = new("ttp-attachment-logs", "/api/ttp/attachment/get-logs") { ListProperty = "attachmentLogs" };

    internal static readonly MimecastOperation ImpersonationLogs = new("ttp-impersonation-logs", "/api/ttp/impersonation/get-logs") { ListProperty = "impersonationLogs" };
}
