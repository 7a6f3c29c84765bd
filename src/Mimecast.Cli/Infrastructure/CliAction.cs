using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Mimecast.Sdk;

namespace Mimecast.Cli;

/// <summary>
/// Runs a command's handler: creates its <see cref="CliContext"/>, turns Ctrl+C (and SIGTERM) into cancellation, and
/// maps every exception to an exit code in this one place, with one clear line on stderr (never a secret, a stack
/// trace only with <c>--debug</c>).
/// </summary>
internal static class CliAction
{
    /// <summary>Sets <paramref name="handler"/> as the action of <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="handler">Does the work and returns the exit code (<see cref="ExitCodes"/>).</param>
    public static void Set(Command command, Func<CliContext, CancellationToken, Task<int>> handler)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(handler);
        command.SetAction((parse, ct) => RunAsync(parse, handler, ct));
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<CliContext, CancellationToken, Task<int>> handler, CancellationToken cancellationToken)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C cancels (handlers flush what they have and return); a second one ends the process.
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupt.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        using PosixSignalRegistration? term = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            interrupt.Cancel();
        });

        TextWriter stdout = CliContext.OpenStdout();
        TextWriter stderr = Console.Error;
        CliContext? context = null;
        try
        {
            context = new CliContext(parse, stdout, stderr, Console.In, !Console.IsOutputRedirected, !Console.IsInputRedirected,
                TimeProvider.System, Environment.GetEnvironmentVariable);
            await context.InitializeAsync(interrupt.Token).ConfigureAwait(false);
            return await handler(context, interrupt.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            bool debug = context?.Debug ?? false;
            (int code, string message) = Map(ex, interrupt.IsCancellationRequested);
            await SafeFlushAsync(stdout).ConfigureAwait(false);
            if (message.Length > 0)
            {
                await stderr.WriteLineAsync(message).ConfigureAwait(false);
            }

            if (debug && code != ExitCodes.Interrupted)
            {
                await stderr.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return code;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            await SafeFlushAsync(stdout).ConfigureAwait(false);
            if (context is not null)
            {
                await context.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The exit code and the one stderr line for an exception. Messages of the SDK's exceptions never hold a secret.</summary>
    internal static (int Code, string Message) Map(Exception ex, bool interrupted) => ex switch
    {
        OperationCanceledException when interrupted => (ExitCodes.Interrupted, "Interrupted."),
        CliException cli => (cli.ExitCode, "error: " + cli.Message),
        MimecastRateLimitException rate => (ExitCodes.QuotaExhausted,
            $"error: the Mimecast quota is still exhausted after waiting {rate.TotalWait.TotalSeconds:F0} s (--max-wait){RetryAfter(rate)}. {rate.Message}"),
        // A token request that never got an answer says nothing about the credentials: the host could not be reached.
        MimecastAuthenticationException { StatusCode: null, InnerException: HttpRequestException or IOException or TimeoutException } unreachable =>
            (ExitCodes.ApiFailure, "error: Mimecast could not be reached: " + unreachable.Message),
        MimecastAuthenticationException auth => (ExitCodes.Credentials,
            $"error: credentials refused or expired: {auth.Message} Run 'mimecast auth login' or check the MIMECAST_* environment variables."),
        MimecastBulkException bulk => (ExitCodes.PartialFailure, "error: " + bulk.Message),
        MimecastApiException api => (ExitCodes.ApiFailure, "error: " + api.Message),
        OptionsValidationException invalid => (ExitCodes.Usage, "error: invalid settings: " + string.Join("; ", invalid.Failures)),
        HttpRequestException http => (ExitCodes.ApiFailure, "error: Mimecast could not be reached: " + http.Message),
        TimeoutException timeout => (ExitCodes.ApiFailure, "error: " + timeout.Message),
        IOException io when io.Message.Contains("pipe", StringComparison.OrdinalIgnoreCase) => (ExitCodes.Success, string.Empty),
        OperationCanceledException => (ExitCodes.ApiFailure, "error: the call timed out."),
        _ => (ExitCodes.ApiFailure, $"error: {ex.GetType().Name}: {ex.Message} (run with --debug for details)"),
    };

    private static string RetryAfter(MimecastRateLimitException rate) =>
        rate.RetryAfter is { } after ? $"; Mimecast asked to wait {after.TotalSeconds:F0} s more" : string.Empty;

    private static async Task SafeFlushAsync(TextWriter writer)
    {
        try
        {
            await writer.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // stdout closed by the reader (| head): nothing more to say.
        }
    }
}
