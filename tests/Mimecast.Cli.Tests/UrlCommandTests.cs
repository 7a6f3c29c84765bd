using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>`mimecast url`: decode batches from stdin, block/permit/list/remove, a lost create answer checked and never resent.</summary>
public sealed class UrlCommandTests : IClassFixture<SimulatorFixture>, IDisposable
{
    private const string CreatePath = "/api/ttp/url/create-managed-url";
    private readonly SimulatorFixture _sim;
    private readonly CliRunner _cli = new();

    public UrlCommandTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.Simulator.Faults.Clear();
        _sim.Simulator.Journal.Clear();
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Decode_from_stdin_prints_one_line_per_url_and_exits_3_when_one_is_not_decodable()
    {
        string original = "https://phish.example/login?case=1";
        string stdin = $"{SimulatorUrls.Rewrite(original)}\nhttps://{SimulatorUrls.ProtectHost}/s/not-a-rewritten-link\n";

        CliResult result = await _cli.RunAsync(_sim, stdin, "url", "decode", "-");

        Assert.True(result.ExitCode == 3, result.ToString());
        List<JsonElement> lines = result.Json();
        Assert.Equal(2, lines.Count);
        Assert.Equal(("succeeded", original), (lines[0].Str("status"), lines[0].Str("result")));
        Assert.Equal("failed", lines[1].Str("status"));
    }

    [Fact]
    public async Task Block_list_and_remove_a_url()
    {
        string url = $"https://evil-{Guid.NewGuid():N}.example/payload";

        CliResult blocked = await _cli.RunAsync(_sim, null, "url", "block", url, "--comment", "case 7");
        CliResult again = await _cli.RunAsync(_sim, null, "url", "block", url);
        CliResult listed = await _cli.RunAsync(_sim, null, "url", "list", "--url", url, "--exact");

        Assert.True(blocked.ExitCode == 0, blocked.ToString());
        Assert.Equal("created", Assert.Single(blocked.Json()).Str("outcome"));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("already_exists", Assert.Single(again.Json()).Str("outcome"));
        JsonElement entry = Assert.Single(listed.Json());
        Assert.Equal("block", entry.Str("action"));
        string id = entry.Str("id")!;

        CliResult removed = await _cli.RunAsync(_sim, id + "\n", "url", "remove", "-");
        CliResult removedAgain = await _cli.RunAsync(_sim, null, "url", "remove", id);

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal("deleted", Assert.Single(removed.Json()).Str("outcome"));
        Assert.Equal("already_absent", Assert.Single(removedAgain.Json()).Str("outcome"));
    }

    [Fact]
    public async Task Permit_of_a_blocked_url_is_a_conflict_and_exits_3_beside_a_success()
    {
        string blocked = $"https://blocked-{Guid.NewGuid():N}.example/";
        string fresh = $"https://fresh-{Guid.NewGuid():N}.example/";
        Assert.Equal(0, (await _cli.RunAsync(_sim, null, "url", "block", blocked)).ExitCode);

        CliResult result = await _cli.RunAsync(_sim, null, "url", "permit", blocked, fresh);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(["conflict", "created"], result.Json().Select(l => l.Str("outcome")));
    }

    [Fact]
    public async Task A_lost_create_answer_is_verified_by_a_read_and_sent_once()
    {
        string url = $"https://lost-{Guid.NewGuid():N}.example/";
        _sim.Simulator.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, CreatePath);

        CliResult result = await _cli.RunAsync(_sim, null, "url", "block", url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("created_verified", Assert.Single(result.Json()).Str("outcome"));
        Assert.Equal(1, _sim.Simulator.Journal.Count(CreatePath));
    }
}
