namespace Mimecast.Sdk;

/// <summary>One error reported by Mimecast in the <c>fail</c> array of a response.</summary>
/// <param name="Code">The Mimecast error code, for example <c>err_xdk_binding_expired</c>. An open set: compare as strings.</param>
/// <param name="Message">The message Mimecast gave; may start with a 4-digit sub-code.</param>
/// <param name="Retryable">Whether Mimecast marked the error as retryable.</param>
/// <param name="Field">The request field a validation error refers to, if any.</param>
public sealed record MimecastError(string Code, string? Message, bool Retryable, string? Field = null)
{
    /// <summary>Returns <c>code: message</c>.</summary>
    public override string ToString() => Message is null ? Code : $"{Code}: {Message}";
}
