using System.Text.Json.Serialization;

namespace Mimecast.Cli.Commands.Config;

/// <summary>One setting of a profile as <c>config list/get</c> shows it.</summary>
/// <param name="Key">The setting's name.</param>
/// <param name="Value">Its value (never a secret: secrets are not settings).</param>
/// <param name="Profile">The profile it belongs to.</param>
internal sealed record ConfigSetting(string Key, string? Value, string Profile);

/// <summary>Where <c>config path</c> says the files are.</summary>
/// <param name="Directory">The configuration directory.</param>
/// <param name="File">The configuration file.</param>
internal sealed record ConfigPaths(string Directory, string File);

/// <summary>JSON of the config group.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConfigSetting))]
[JsonSerializable(typeof(ConfigPaths))]
internal sealed partial class ConfigJson : JsonSerializerContext;
