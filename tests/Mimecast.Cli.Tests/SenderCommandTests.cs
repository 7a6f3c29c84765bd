using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>`mimecast sender`: block/permit per recipient, blocked-sender policies and their guardrail.</summary>
public sealed class SenderCommandTests : IClassFixture<SimulatorFixture>, IDisposable
{
    private const string CreatePolicyPath = "/api/policy/blockedsenders/create-policy";
    private readonly SimulatorFixture _sim;
    private readonly CliRunner _cli = new();

    public SenderCommandTests(SimulatorFixture sim)
    {
        _sim = sim;
        _sim.Simulator.Faults.Clear();
        _sim.Simulator.Journal.Clear();
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Block_prints_one_line_per_sender_and_recipient()
    {
        CliResult result = await _cli.RunAsync(_sim, null, "sender", "block", "attacker@evil.example", "--to", "alice@demo.example,bob@demo.example");

        Assert.True(result.ExitCode == 0, result.ToString());
        List<JsonElement> lines = result.Json();
        Assert.Equal(["attacker@evil.example -> alice@demo.example", "attacker@evil.example -> bob@demo.example"], lines.Select(l => l.Str("item")));
        Assert.All(lines, l => Assert.Equal(("succeeded", "block"), (l.Str("status"), l.Str("outcome"))));
    }

    [Fact]
    public async Task Permit_with_an_invalid_sender_from_stdin_exits_3()
    {
        CliResult result = await _cli.RunAsync(_sim, "partner@good.example\nnot-an-address\n", "sender", "permit", "-", "--to", "alice@demo.example");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(["succeeded", "failed"], result.Json().Select(l => l.Str("status")));
    }

    [Fact]
    public async Task Policy_create_list_and_delete()
    {
        string description = "case " + Guid.NewGuid().ToString("N");

        CliResult created = await _cli.RunAsync(_sim, null, "sender", "policy", "create", "--description", description, "--option", "block_sender",
            "--from-type", "individual_email_address", "--from-value", "attacker@evil.example", "--to-type", "everyone");

        Assert.True(created.ExitCode == 0, created.ToString());
        JsonElement line = Assert.Single(created.Json());
        Assert.Equal("created", line.Str("outcome"));
        string id = line.Str("result")!;
        CliResult listed = await _cli.RunAsync(_sim, null, "sender", "policy", "list");
        Assert.Contains(listed.Json(), p => p.Str("id") == id && p.GetProperty("policy").Str("description") == description);

        CliResult deleted = await _cli.RunAsync(_sim, null, "sender", "policy", "delete", id);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal("deleted", Assert.Single(deleted.Json()).Str("outcome"));
    }

    [Fact]
    public async Task A_policy_blocking_everyone_is_refused_before_sending_unless_allowed()
    {
        CliResult result = await _cli.RunAsync(_sim, null, "sender", "policy", "create", "--description", "all " + Guid.NewGuid(), "--option", "block_sender",
            "--from-type", "everyone", "--to-type", "everyone");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Nothing was sent", result.Stderr);
        Assert.Equal(0, _sim.Simulator.Journal.Count(CreatePolicyPath));
    }
}
