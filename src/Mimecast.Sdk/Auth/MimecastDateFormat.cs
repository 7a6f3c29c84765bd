using System.Globalization;

namespace Mimecast.Sdk.Auth;

/// <summary>Formats the <c>x-mc-date</c> header value exactly as API 1.0 signs it.</summary>
internal static class MimecastDateFormat
{
    // Mimecast requires the literal "UTC" suffix; .NET's "R" format writes "GMT", which changes the signature.
    internal const string HeaderFormat = "ddd, dd MMM yyyy HH:mm:ss 'UTC'";

    internal static string Format(DateTimeOffset now) =>
        now.UtcDateTime.ToString(HeaderFormat, CultureInfo.InvariantCulture);
}
