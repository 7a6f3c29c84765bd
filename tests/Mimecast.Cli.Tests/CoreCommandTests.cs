using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>The shared infrastructure as a user meets it: version, exit codes of usage errors, piping.</summary>
public sealed class CoreCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Version_piped_prints_one_json_line_with_the_cli_and_sdk_versions()
    {
        CliResult result = await _cli.RunAsync("version");

        Assert.True(result.ExitCode == 0, result.ToString());
        string line = Assert.Single(result.Lines);
        using JsonDocument doc = JsonDocument.Parse(line);
        Assert.StartsWith("0.", doc.RootElement.GetProperty("cli").GetString());
        Assert.StartsWith("0.", doc.RootElement.GetProperty("sdk").GetString());
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error_with_exit_code_2()
    {
        CliResult result = await _cli.RunAsync("version", "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-option", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_duration_that_does_not_parse_is_a_usage_error_with_exit_code_2()
    {
        CliResult result = await _cli.RunAsync("version", "--max-wait", "soon");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'soon' is not a duration", result.Stderr);
    }

    [Fact]
    public async Task Help_exit_codes_lists_every_documented_code()
    {
        CliResult result = await _cli.RunAsync("help", "exit-codes");

        Assert.Equal(0, result.ExitCode);
        foreach (int code in new[] { 0, 1, 2, 3, 4, 5, 130 })
        {
            Assert.Contains(result.Lines, l => l.StartsWith($"{code} ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    [InlineData("fish")]
    [InlineData("pwsh")]
    public async Task Completion_prints_a_script_that_asks_the_suggest_directive(string shell)
    {
        CliResult result = await _cli.RunAsync("completion", shell);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[suggest:", result.Stdout);
    }

    [Fact]
    public async Task Suggest_directive_completes_commands_and_option_values()
    {
        CliResult commands = await _cli.RunAsync("[suggest:11]", "mimecast au");
        Assert.Equal(["auth"], commands.Lines);

        CliResult values = await _cli.RunAsync("[suggest:11]", "version -o ");
        Assert.Equal(["json", "jsonl", "table", "tsv"], values.Lines);
    }

    [Fact]
    public async Task Completion_for_an_unknown_shell_is_a_usage_error()
    {
        CliResult result = await _cli.RunAsync("completion", "tcsh");

        Assert.Equal(2, result.ExitCode);
    }
}
