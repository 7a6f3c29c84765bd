using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>`mimecast message`: search by message id, info, usage and API errors.</summary>
public sealed class MessageCommandTests : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly SimulatorFixture _sim;
    private readonly CliRunner _cli = new();

    public MessageCommandTests(SimulatorFixture sim) => _sim = sim;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Search_by_message_id_then_info_shows_a_held_message()
    {
        SimulatorHeldMessage held = _sim.Simulator.Hold("tracked " + Guid.NewGuid());

        CliResult found = await _cli.RunAsync(_sim, null, "message", "search", "--message-id", held.MessageId, "--reason", "test");

        Assert.True(found.ExitCode == 0, found.ToString());
        JsonElement email = Assert.Single(found.Json());
        Assert.Equal("held", email.Str("status"));
        CliResult info = await _cli.RunAsync(_sim, null, "message", "info", email.Str("id")!);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal(email.Str("id"), Assert.Single(info.Json()).Str("id"));
    }

    [Fact]
    public async Task Search_with_both_a_message_id_and_advanced_options_is_a_usage_error()
    {
        CliResult result = await _cli.RunAsync(_sim, null, "message", "search", "--message-id", "<a@b.example>", "--from", "x@y.example");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("either --message-id or", result.Stderr);
    }

    [Fact]
    public async Task Info_on_an_unknown_id_is_an_api_failure()
    {
        CliResult result = await _cli.RunAsync(_sim, null, "message", "info", "trkNoSuchMessage");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error:", result.Stderr);
    }
}
