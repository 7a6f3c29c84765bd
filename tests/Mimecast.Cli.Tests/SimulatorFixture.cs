namespace Mimecast.Cli.Tests;

/// <summary>
/// The Mimecast simulator on a real loopback socket, shared by a test class (<c>IClassFixture&lt;SimulatorFixture&gt;</c>),
/// with the environment variables that point the CLI at it with either API generation.
/// </summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private MimecastSimulator? _simulator;

    /// <summary>The running simulator.</summary>
    public MimecastSimulator Simulator => _simulator ?? throw new InvalidOperationException("Not started.");

    /// <summary>Its base URL without the trailing slash, as a user types it.</summary>
    public string BaseUrl => Simulator.BaseUrl.ToString().TrimEnd('/');

    /// <summary>API 2.0 credentials of the demo account, and the base URL.</summary>
    public Dictionary<string, string?> Api2Env => new()
    {
        ["MIMECAST_BASE_URL"] = BaseUrl,
        ["MIMECAST_CLIENT_ID"] = MimecastSimulatorDefaults.ClientId,
        ["MIMECAST_CLIENT_SECRET"] = MimecastSimulatorDefaults.ClientSecret,
    };

    /// <summary>API 1.0 credentials of the demo account, and the base URL.</summary>
    public Dictionary<string, string?> Api1Env => new()
    {
        ["MIMECAST_BASE_URL"] = BaseUrl,
        ["MIMECAST_APP_ID"] = MimecastSimulatorDefaults.AppId,
        ["MIMECAST_APP_KEY"] = MimecastSimulatorDefaults.AppKey,
        ["MIMECAST_ACCESS_KEY"] = MimecastSimulatorDefaults.AccessKey,
        ["MIMECAST_SECRET_KEY"] = MimecastSimulatorDefaults.SecretKey,
    };

    /// <summary>Options used to start the simulator; change them in a derived fixture's constructor.</summary>
    public MimecastSimulatorOptions Options { get; } = new()
    {
        Seed = 7,
        InitialUrlLogs = 40,
        InitialAttachmentLogs = 30,
        InitialImpersonationLogs = 25,
    };

    public async Task InitializeAsync() => _simulator = await MimecastSimulator.StartAsync(Options);

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }
}
