using System.Text.Json.Serialization;

namespace Mimecast.Cli.Commands.Version;

/// <summary>The versions <c>mimecast version</c> prints.</summary>
/// <param name="Cli">The CLI's version (with the commit when built from source control).</param>
/// <param name="Sdk">The Mimecast SDK's version.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="Os">The runtime identifier (OS and architecture).</param>
internal sealed record VersionInfo(string Cli, string Sdk, string Runtime, string Os);

/// <summary>JSON of the version group.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(VersionInfo))]
internal sealed partial class VersionJson : JsonSerializerContext;
