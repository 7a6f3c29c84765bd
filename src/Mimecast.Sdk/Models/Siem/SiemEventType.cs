using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>
/// A SIEM event type (<c>receipt</c>, <c>process</c>, …). An open set: any string is accepted, so a type Mimecast adds
/// later can be requested and read before the SDK knows it. Compared case-insensitively.
/// </summary>
[JsonConverter(typeof(SiemEventTypeConverter))]
public readonly struct SiemEventType : IEquatable<SiemEventType>
{
    private readonly string? _value;

    /// <summary>Creates a type from its wire value.</summary>
    /// <param name="value">The wire value, for example <c>receipt</c> or <c>process:Hld</c> (a subtype filter).</param>
    public SiemEventType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets the message receipt events (<c>receipt</c>).</summary>
    public static SiemEventType Receipt { get; } = new("receipt");

    /// <summary>Gets the message processing events (<c>process</c>).</summary>
    public static SiemEventType Process { get; } = new("process");

    /// <summary>Gets the delivery events (<c>delivery</c>).</summary>
    public static SiemEventType Delivery { get; } = new("delivery");

    /// <summary>Gets the anti-virus events (<c>av</c>).</summary>
    public static SiemEventType Av { get; } = new("av");

    /// <summary>Gets the spam events (<c>spam</c>).</summary>
    public static SiemEventType Spam { get; } = new("spam");

    /// <summary>Gets the Impersonation Protect events (<c>impersonation protect</c>).</summary>
    public static SiemEventType ImpersonationProtect { get; } = new("impersonation protect");

    /// <summary>Gets the URL Protect events (<c>url protect</c>).</summary>
    public static SiemEventType UrlProtect { get; } = new("url protect");

    /// <summary>Gets the Attachment Protect events (<c>attachment protect</c>).</summary>
    public static SiemEventType AttachmentProtect { get; } = new("attachment protect");

    /// <summary>Gets the Internal Email Protect events (<c>internal email protect</c>).</summary>
    public static SiemEventType InternalEmailProtect { get; } = new("internal email protect");

    /// <summary>Gets the journal events (<c>journal</c>).</summary>
    public static SiemEventType Journal { get; } = new("journal");

    /// <summary>Gets every type known to this version of the SDK.</summary>
    public static IReadOnlyList<SiemEventType> Known { get; } =
        [Receipt, Process, Delivery, Av, Spam, ImpersonationProtect, UrlProtect, AttachmentProtect, InternalEmailProtect, Journal];

    /// <summary>Gets the wire value (the empty string for <see langword="default"/>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets a value indicating whether this is one of the <see cref="Known"/> types.</summary>
    public bool IsKnown
    {
        get
        {
            foreach (var known in Known)
            {
                if (Equals(known))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Compares two types.</summary>
    /// <param name="left">The first type.</param>
    /// <param name="right">The second type.</param>
    public static bool operator ==(SiemEventType left, SiemEventType right) => left.Equals(right);

    /// <summary>Compares two types.</summary>
    /// <param name="left">The first type.</param>
    /// <param name="right">The second type.</param>
    public static bool operator !=(SiemEventType left, SiemEventType right) => !left.Equals(right);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator SiemEventType(string value) => new(value);

    /// <summary>Creates a type from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <returns>The type.</returns>
    public static SiemEventType FromString(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(SiemEventType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SiemEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the wire value.</summary>
    public override string ToString() => Value;
}

internal sealed class SiemEventTypeConverter : JsonConverter<SiemEventType>
{
    public override SiemEventType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? new SiemEventType(value) : default;

    public override void Write(Utf8JsonWriter writer, SiemEventType value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
