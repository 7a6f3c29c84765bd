using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mimecast.Cli;

/// <summary>The small text rules every command shares: how JSON is written for people and tools, what an http(s) URL is.</summary>
internal static class CliText
{
    // Output is read by people and tools, not embedded in HTML: '+', '<', '&' and non-ASCII letters are written as is.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>Writes JSON with <paramref name="write"/> into a string, compact (one line) or indented.</summary>
    public static string Json(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Re-writes a JSON document compact or indented (relaxed escaping).</summary>
    public static string Json(JsonElement element, bool indented = false) => Json(element.WriteTo, indented);

    /// <summary>Parses an absolute http(s) URL, or null when <paramref name="text"/> is empty.</summary>
    /// <exception cref="CliException"><paramref name="text"/> is no http(s) URL (exit code 2); <paramref name="source"/> names where it came from.</exception>
    public static Uri? Url(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TryUrl(text, out Uri? uri) ? uri : throw CliException.Usage($"{source} '{text}' is not an http(s) URL.");
    }

    /// <summary>Whether <paramref name="text"/> is an absolute http(s) URL.</summary>
    public static bool TryUrl(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
