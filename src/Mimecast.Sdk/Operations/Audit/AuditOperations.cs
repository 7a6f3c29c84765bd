using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The audit family's descriptor: a paged read on both generations, the records directly in <c>data</c>.</summary>
internal static class AuditOperations
{
    internal static readonly MimecastOperation Events = new("audit-events", SiemWireFacts.AuditPath) { DefaultPageSize = SiemWireFacts.AuditDefaultPageSize };
}
