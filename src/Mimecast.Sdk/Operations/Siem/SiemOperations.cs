using Mimecast.Sdk.Http;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Operations;

/// <summary>The SIEM family's descriptors: API 2.0 REST reads, paced to their documented quotas, pages of 1–100.</summary>
internal static class SiemOperations
{
    internal static readonly MimecastOperation Stream = new("siem-events", SiemWireFacts.StreamPath)
    {
        Generations = OperationGenerations.Api2,
        ListProperty = "value",
        DefaultPageSize = SiemWireFacts.MaxSiemPageSize,
        MaxPageSize = SiemWireFacts.MaxSiemPageSize,
        PacingKey = "siem-events",
    };

    internal static readonly MimecastOperation BatchList = new("siem-batch-list", SiemWireFacts.BatchPath)
    {
        Generations = OperationGenerations.Api2,
        ListProperty = "value",
        DefaultPageSize = SiemWireFacts.MaxSiemPageSize,
        MaxPageSize = SiemWireFacts.MaxSiemPageSize,
        PacingKey = "siem-batch-list",
    };
}
