using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

// The REST envelope of the SIEM endpoints: {"value":[…],"@nextPage":"…","isCaughtUp":bool}, and their error bodies.

internal sealed class SiemEventsResponse
{
    public List<SiemEvent?>? Value { get; set; }

    [JsonPropertyName("@nextPage")]
    public string? NextPage { get; set; }

    public int? PageSize { get; set; }

    public bool? IsCaughtUp { get; set; }
}

internal sealed class SiemBatchResponse
{
    public List<SiemBatchFileWire?>? Value { get; set; }

    [JsonPropertyName("@nextPage")]
    public string? NextPage { get; set; }

    public bool? IsCaughtUp { get; set; }
}

internal sealed class SiemBatchFileWire
{
    public string? Url { get; set; }

    public long? Size { get; set; }

    public JsonElement? Expiry { get; set; }
}

// Error bodies: {"error":{"code","message"}} and, on 401, the flat {"fail":[{"code","message"}]}.
internal sealed class RestErrorBody
{
    public RestError? Error { get; set; }

    public List<FailItem>? Fail { get; set; }
}

internal sealed class RestError
{
    public string? Code { get; set; }

    public string? Message { get; set; }
}
