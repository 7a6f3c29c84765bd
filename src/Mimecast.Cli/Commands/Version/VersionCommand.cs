using System.CommandLine;
using System.Reflection;
using Mimecast.Sdk;

namespace Mimecast.Cli.Commands.Version;

/// <summary><c>mimecast version</c>: the CLI, SDK and runtime versions.</summary>
internal static class VersionCommand
{
    private static readonly Column<VersionInfo>[] Columns =
    [
        new("cli", static v => v.Cli),
        new("sdk", static v => v.Sdk),
        new("runtime", static v => v.Runtime),
        new("os", static v => v.Os),
    ];

    /// <summary>Creates the <c>version</c> command.</summary>
    public static Command Create()
    {
        var command = new Command("version", "Print the versions of mimecast, the Mimecast SDK and the .NET runtime");
        CliAction.Set(command, static async (context, ct) =>
        {
            var info = new VersionInfo(
                VersionOf(typeof(VersionCommand).Assembly),
                VersionOf(typeof(IMimecastClient).Assembly),
                System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier);
            if (context.Output.Format == OutputFormat.Table && context.Parse.GetValue(context.Globals.Fields) is null)
            {
                await context.Out.WriteLineAsync($"mimecast {info.Cli} (Mimecast.Sdk {info.Sdk}; {info.Runtime}; {info.Os})".AsMemory(), ct).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await context.Output.WriteOneAsync(info, VersionJson.Default.VersionInfo, Columns, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string VersionOf(Assembly assembly)
    {
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return version ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
