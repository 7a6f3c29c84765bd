namespace Mimecast.Sdk.Models;

/// <summary>One error reported by Mimecast in the <c>fail</c> array of a response.</summary>
public sealed record MimecastError
{
    /// <summary>Gets the Mimecast error code, for example <c>err_xdk_binding_expired</c>. An open set: compare as strings.</summary>
    public required string Code { get; init; }

    /// <summary>Gets the message Mimecast gave; may start with a 4-digit sub-code.</summary>
    public string? Message { get; init; }

    /// <summary>Gets whether Mimecast marked the error as retryable.</summary>
    public bool Retryable { get; init; }

    /// <summary>Gets the request field a validation error refers to, if any.</summary>
    public string? Field { get; init; }

    /// <summary>Returns <c>code: message</c>.</summary>
    public override string ToString() => Message is null ? Code : $"{Code}: {Message}";
}
