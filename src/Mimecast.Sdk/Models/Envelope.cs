using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

// The {meta, data, fail} envelope shared by every API 1.0 and 2.0 operation. Internal: users see typed results.

internal sealed class RequestEnvelope<T>
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RequestMeta? Meta { get; set; }

    public required T[] Data { get; set; }
}

internal sealed class RequestMeta
{
    public required RequestPagination Pagination { get; set; }
}

internal sealed class RequestPagination
{
    public int PageSize { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PageToken { get; set; }
}

internal sealed class ResponseEnvelope<T>
{
    public ResponseMeta? Meta { get; set; }

    public List<T>? Data { get; set; }

    public List<FailItem>? Fail { get; set; }
}

internal sealed class ResponseMeta
{
    public int? Status { get; set; }

    public ResponsePagination? Pagination { get; set; }
}

internal sealed class ResponsePagination
{
    public int? PageSize { get; set; }

    public string? Next { get; set; }

    public string? Previous { get; set; }

    public int? TotalCount { get; set; }
}

// Two shapes: { key, errors:[{code,message,retryable,field}] } and the flat { code, message } of auth failures.
internal sealed class FailItem
{
    public JsonElement? Key { get; set; }

    public List<FailError>? Errors { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }

    public bool? Retryable { get; set; }
}

internal sealed class FailError
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    public bool? Retryable { get; set; }

    public string? Field { get; set; }
}

internal sealed class EmailAddressData
{
    public required string EmailAddress { get; set; }
}

internal sealed class LoginData
{
    public required string UserName { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessKey { get; set; }
}

internal sealed class AccessKeyData
{
    public required string AccessKey { get; set; }
}

internal sealed class UrlLogsData
{
    public List<TtpUrlLog>? ClickLogs { get; set; }
}

internal sealed class AttachmentLogsData
{
    public List<TtpAttachmentLog>? AttachmentLogs { get; set; }
}

internal sealed class ImpersonationLogsData
{
    public List<TtpImpersonationLog>? ImpersonationLogs { get; set; }

    public int? ResultCount { get; set; }
}

internal sealed class OAuthTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("fail")]
    public List<FailItem>? Fail { get; set; }
}

internal static class FailItems
{
    internal static List<MimecastError> Flatten(List<FailItem>? fail)
    {
        var errors = new List<MimecastError>();
        if (fail is null)
        {
            return errors;
        }

        foreach (var item in fail)
        {
            if (item is null)
            {
                continue;
            }

            if (item.Errors is { Count: > 0 })
            {
                foreach (var e in item.Errors)
                {
                    if (e is not null)
                    {
                        errors.Add(new MimecastError { Code = e.Code ?? "unknown", Message = e.Message, Retryable = e.Retryable ?? false, Field = e.Field });
                    }
                }
            }
            else
            {
                errors.Add(new MimecastError { Code = item.Code ?? "unknown", Message = item.Message, Retryable = item.Retryable ?? false });
            }
        }

        return errors;
    }
}
