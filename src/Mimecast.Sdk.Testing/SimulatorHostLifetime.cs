using Microsoft.Extensions.Hosting;

namespace Mimecast.Sdk.Testing;

/// <summary>
/// A host lifetime that does nothing: the simulator is embedded in someone else's process (usually a test
/// host), so it must not take over Ctrl+C / SIGTERM the way the default console lifetime does.
/// </summary>
internal sealed class SimulatorHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
