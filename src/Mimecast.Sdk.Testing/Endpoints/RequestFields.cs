using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mimecast.Sdk.Testing;

/// <summary>Reading headers and <c>data[0]</c> fields, with the validation errors the Mimecast API answers.</summary>
internal static class RequestFields
{
    public static string? Header(Exchange ex, string name)
    {
        string? value = ex.Http.Request.Headers[name];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static JsonElement? FirstData(JsonDocument? doc)
    {
        if (doc is not null && doc.RootElement.TryGetProperty("data", out JsonElement data) && data.GetArrayLength() > 0
            && data[0].ValueKind == JsonValueKind.Object)
        {
            return data[0];
        }

        return null;
    }

    public static string? StringField(JsonElement? data, string name) =>
        data is { } d && d.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The error of a required text field that is absent (<c>err_validation_null</c>) or blank (<c>err_validation_blank</c>), or null.</summary>
    public static FailError? Required(string? value, string name) =>
        value is null ? new FailError(SimulatorErrorCodes.ValidationNull, name + " is required", Field: name)
        : value.Trim().Length == 0 ? new FailError(SimulatorErrorCodes.ValidationBlank, name + " is blank", Field: name)
        : null;

    public static bool TryDate(JsonElement? data, string name, out DateTimeOffset? value, out FailError? error)
    {
        value = null;
        error = null;
        if (data is not { } d || !d.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (v.ValueKind == JsonValueKind.String && TryParseIsoDate(v.GetString()!, out DateTimeOffset parsed))
        {
            value = parsed;
            return true;
        }

        error = new FailError(SimulatorErrorCodes.InvalidDateValue, name + " must be an ISO 8601 date with an offset, e.g. 2026-11-20T00:00:00+0000", Field: name);
        return false;
    }

    public static bool TryParseIsoDate(string text, out DateTimeOffset value)
    {
        string s = text.Trim();

        // +0000 / -0130 → +00:00 / -01:30
        if (s.Length > 5 && (s[^5] == '+' || s[^5] == '-') && s[^4..].All(char.IsAsciiDigit))
        {
            s = string.Concat(s.AsSpan(0, s.Length - 2), ":", s.AsSpan(s.Length - 2));
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
        bool hasOffset = s.EndsWith('Z') || s.EndsWith('z') || (s.Length > 6 && (s[^6] == '+' || s[^6] == '-') && s[^3] == ':');
        if (hasOffset && DateTimeOffset.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    public static bool TryBool(JsonElement? data, string name, out bool? value, out FailError? error)
    {
        value = null;
        error = null;
        if (data is not { } d || !d.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetBoolean();
            return true;
        }

        if (v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out bool b))
        {
            value = b;
            return true;
        }

        error = new FailError(SimulatorErrorCodes.InvalidValue, name + " must be true or false", Field: name);
        return false;
    }

    public static bool TryEnum(JsonElement? data, string name, string[] allowed, out string value, out FailError? error)
    {
        value = "all";
        error = null;
        if (data is not { } d || !d.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        string? text = v.ValueKind == JsonValueKind.String ? v.GetString()?.Trim().ToLowerInvariant() : null;
        if (text is not null && allowed.Contains(text))
        {
            value = text;
            return true;
        }

        error = new FailError(SimulatorErrorCodes.InvalidValue, name + " must be one of " + string.Join(", ", allowed), Field: name);
        return false;
    }

    public static bool TryStrings(JsonElement? data, string name, out string[] values, out FailError? error)
    {
        values = [];
        error = null;
        if (data is not { } d || !d.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            values = v.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.OrdinalIgnoreCase).ToArray();
            return true;
        }

        error = new FailError(SimulatorErrorCodes.InvalidValue, name + " must be an array of strings", Field: name);
        return false;
    }

    public static bool LooksLikeEmail(string text)
    {
        int at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1 && text.IndexOf('@', at + 1) < 0 && !text.Contains(' ', StringComparison.Ordinal);
    }

    public static bool TryDecodeBasic(string encoded, out string user, out string password)
    {
        user = password = string.Empty;
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded.Trim(), buffer, out int written))
        {
            return false;
        }

        string text = Encoding.UTF8.GetString(buffer, 0, written);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        user = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }

    public static bool FixedEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
