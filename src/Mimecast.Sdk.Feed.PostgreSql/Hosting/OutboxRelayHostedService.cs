using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>
/// Runs <see cref="MimecastOutboxRelay.RunAsync"/> for the host's lifetime (registered by <c>AddMimecastOutboxRelay</c>).
/// The relay rides through database failures itself; if it ever ends otherwise (a fault in the relay or the host),
/// the failure is logged as critical and the process exit code set to 1 before the host stops, so a supervisor that
/// restarts failed processes restarts this one (.NET 10's host would otherwise exit with 0).
/// </summary>
internal sealed partial class OutboxRelayHostedService(MimecastOutboxRelay relay, ILogger<OutboxRelayHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await relay.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host is stopping
        }
        catch (Exception ex)
        {
            LogRelayStopped(logger, ex);
            if (Environment.ExitCode == 0)
            {
                Environment.ExitCode = 1;
            }

            throw;
        }
    }

    [LoggerMessage(EventId = 5120, Level = LogLevel.Critical, Message = "Mimecast outbox relay stopped by a fault; the process exits with code 1 so that its supervisor restarts it")]
    private static partial void LogRelayStopped(ILogger logger, Exception exception);
}
