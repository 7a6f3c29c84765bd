using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>config list/get/set/path, and a profile's default output.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Set_then_get_and_list_read_the_setting_back_and_path_names_the_isolated_file()
    {
        Assert.Equal(0, (await _cli.RunAsync("config", "set", "base-url", "https://eu-api.mimecast.com/")).ExitCode);

        CliResult get = await _cli.RunAsync("config", "get", "base-url");
        Assert.Equal("https://eu-api.mimecast.com", get.Stdout.Trim());

        CliResult list = await _cli.RunAsync("config", "list");
        Assert.Contains(list.Lines, l => l.Contains("\"key\":\"base-url\"", StringComparison.Ordinal) && l.Contains("eu-api", StringComparison.Ordinal));

        CliResult path = await _cli.RunAsync("config", "path");
        Assert.Equal(Path.Combine(_cli.ConfigDir, "config.json"), path.Stdout.Trim());
    }

    [Fact]
    public async Task Profile_default_output_applies_when_no_o_is_given()
    {
        Assert.Equal(0, (await _cli.RunAsync("config", "set", "output", "tsv")).ExitCode);

        CliResult version = await _cli.RunAsync("version");
        Assert.StartsWith("cli\tsdk", version.Stdout, StringComparison.Ordinal);

        CliResult overridden = await _cli.RunAsync("version", "-o", "jsonl");
        using JsonDocument _ = JsonDocument.Parse(overridden.Lines[0]);
    }

    [Theory]
    [InlineData("output", "xml")]
    [InlineData("base-url", "not a url")]
    [InlineData("no-such-key", "x")]
    public async Task An_invalid_setting_is_a_usage_error(string key, string value)
    {
        CliResult result = await _cli.RunAsync("config", "set", key, value);

        Assert.Equal(2, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_cli.ConfigDir, "config.json")));
    }
}
