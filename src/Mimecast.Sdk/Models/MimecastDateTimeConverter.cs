using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mimecast.Sdk.Models;

/// <summary>
/// Reads Mimecast dates tolerantly (<c>+0000</c>, <c>+00:00</c>, <c>Z</c>, or no offset meaning UTC) and writes the
/// form Mimecast documents for queries: <c>2026-11-20T00:00:00+0000</c>, always in UTC.
/// </summary>
internal sealed class MimecastDateTimeConverter : JsonConverter<DateTimeOffset>
{
    private const string WriteFormat = "yyyy-MM-dd'T'HH:mm:ss'+0000'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a date string but found {reader.TokenType}.");
        }

        var text = reader.GetString();
        return TryParse(text, out var value)
            ? value
            : throw new JsonException("A date in the response is not in a recognised ISO 8601 form.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        // Raw: the default encoder would write '+' as \u002B; the value is plain ASCII we formatted ourselves.
        writer.WriteRawValue("\"" + Format(value) + "\"", skipInputValidation: true);

    internal static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString(WriteFormat, CultureInfo.InvariantCulture);

    internal static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        ReadOnlySpan<char> span = text.AsSpan().Trim();
        if (span.Length > 10 && span[^5] is '+' or '-' && IsDigits(span[^4..]))
        {
            // "+0000" has no colon, which the general parser does not accept: split the offset off by hand.
            var hours = ((span[^4] - '0') * 10) + (span[^3] - '0');
            var minutes = ((span[^2] - '0') * 10) + (span[^1] - '0');
            if (hours > 14 || minutes > 59
                || !DateTime.TryParse(span[..^5], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
            {
                return false;
            }

            var offset = new TimeSpan(hours, minutes, 0);
            value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), span[^5] == '-' ? -offset : offset);
            return true;
        }

        return DateTimeOffset.TryParse(span, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
