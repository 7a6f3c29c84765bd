using System.Globalization;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>A phase marker printed by the crash host: <c>@@ {phase} {customer} {tag} {count}</c>.</summary>
internal sealed record HostMarker(string Phase, string Customer, string Tag, int Count)
{
    public static HostMarker? TryParse(string line)
    {
        var parts = line.Split(' ');
        return parts.Length == 5 && parts[0] == "@@"
            ? new HostMarker(parts[1], parts[2], parts[3], int.Parse(parts[4], CultureInfo.InvariantCulture))
            : null;
    }

    public override string ToString() => $"{Phase} {Customer} {Tag} {Count}";
}
