using System.Text.Json;

namespace Mimecast.Cli.Tests;

/// <summary>mimecast api against the simulator, credentials from the environment (both generations), and --debug.</summary>
public sealed class ApiCommandTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Debug_prints_each_request_with_its_request_id_and_never_a_secret(string generation)
    {
        Dictionary<string, string?> env = generation == "1.0" ? sim.Api1Env : sim.Api2Env;
        CliResult result = await _cli.RunAsync(["api", "/api/account/get-account", "--debug"], env: env);

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument doc = JsonDocument.Parse(Assert.Single(result.Lines));
        Assert.True(doc.RootElement.TryGetProperty("data", out _));
        Assert.Matches("POST .*/api/account/get-account -> 200 request-id=[0-9a-f-]{8,}", result.Stderr);
        foreach (string secret in new[] { MimecastSimulatorDefaults.ClientSecret, MimecastSimulatorDefaults.AppKey, MimecastSimulatorDefaults.SecretKey, MimecastSimulatorDefaults.AccessKey })
        {
            Assert.DoesNotContain(secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Bearer", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("MC ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paginate_prints_every_page_as_one_json_line()
    {
        string body = """{"meta":{"pagination":{"pageSize":10}},"data":[{"from":"2000-01-01T00:00:00+0000","to":"2100-01-01T00:00:00+0000"}]}""";
        CliResult result = await _cli.RunAsync(["api", "/api/ttp/url/get-logs", "--paginate", "--body", "-"], stdin: body, env: sim.Api2Env);

        Assert.True(result.ExitCode == 0, result.ToString());
        int records = 0;
        foreach (string line in result.Lines)
        {
            using JsonDocument page = JsonDocument.Parse(line);
            records += page.RootElement.GetProperty("data")[0].GetProperty("clickLogs").GetArrayLength();
        }

        Assert.True(result.Lines.Length >= 4, result.ToString());
        Assert.Equal(sim.Simulator.GetLogCount(SimulatorLogKind.Url), records);
    }

    [Fact]
    public async Task A_refused_call_prints_the_answer_and_exits_1()
    {
        CliResult result = await _cli.RunAsync(["api", "/api/ttp/url/get-logs", "--body", """{"meta":{"pagination":{"pageSize":0}},"data":[{}]}"""], env: sim.Api2Env);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("fail", result.Stdout);
        Assert.Contains("request id", result.Stderr);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_usage_error()
    {
        CliResult result = await _cli.RunAsync(["api", "/api/account/get-account", "--body", "{nope"], env: sim.Api2Env);

        Assert.Equal(2, result.ExitCode);
    }
}
