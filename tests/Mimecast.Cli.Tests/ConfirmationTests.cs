using Mimecast.Cli.Commands.Actions;

namespace Mimecast.Cli.Tests;

/// <summary>
/// The confirmation of irreversible actions on a terminal (a process test cannot own a terminal: CliRunner's stdin is
/// always redirected, which the refusal tests in <see cref="HeldCommandTests"/> cover).
/// </summary>
public sealed class ConfirmationTests
{
    private static CliContext Terminal(string typed, StringWriter stderr) =>
        new(new MimecastRootCommand().Parse([]), new StringWriter(), stderr, new StringReader(typed), stdoutIsTerminal: true, stdinIsTerminal: true,
            TimeProvider.System, static name => name == "MIMECAST_CONFIG_DIR" ? Path.GetTempPath() : null);

    [Theory]
    [InlineData("y\n")]
    [InlineData("YES\n")]
    public async Task A_yes_typed_on_the_terminal_goes_ahead(string typed)
    {
        var stderr = new StringWriter();
        await using CliContext context = Terminal(typed, stderr);

        await Confirmation.ConfirmAsync(context, yes: false, "release", 2, CancellationToken.None);

        Assert.Contains("Release 2 item(s)? [y/N]", stderr.ToString());
    }

    [Theory]
    [InlineData("n\n")]
    [InlineData("\n")]
    [InlineData("")]
    public async Task Anything_else_on_the_terminal_is_no_and_exits_2(string typed)
    {
        var stderr = new StringWriter();
        await using CliContext context = Terminal(typed, stderr);

        CliException refused = await Assert.ThrowsAsync<CliException>(() => Confirmation.ConfirmAsync(context, yes: false, "reject", 1, CancellationToken.None));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("Nothing was sent", refused.Message);
    }

    [Fact]
    public async Task Yes_does_not_ask()
    {
        var stderr = new StringWriter();
        await using CliContext context = Terminal("n\n", stderr);

        await Confirmation.ConfirmAsync(context, yes: true, "release", 1, CancellationToken.None);

        Assert.Empty(stderr.ToString());
    }
}
