using System.CommandLine;

namespace Mimecast.Cli.Commands.Logs;

/// <summary>The <c>mimecast logs</c> command group.</summary>
internal static class LogsCommands
{
    /// <summary>Creates the <c>logs</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("logs", "TTP (URL, attachment, impersonation), SIEM and audit logs, every page of a bounded time range");
        return command;
    }
}
