using Mimecast.Cli;
using Mimecast.Cli.Commands.Api;
using Mimecast.Cli.Commands.Auth;
using Mimecast.Cli.Commands.Completion;
using Mimecast.Cli.Commands.Config;
using Mimecast.Cli.Commands.Held;
using Mimecast.Cli.Commands.Help;
using Mimecast.Cli.Commands.Logs;
using Mimecast.Cli.Commands.Message;
using Mimecast.Cli.Commands.Sender;
using Mimecast.Cli.Commands.Tail;
using Mimecast.Cli.Commands.Url;
using Mimecast.Cli.Commands.Version;

// One line per command group; each group's Create() lives in its own folder under Commands/.
var root = new MimecastRootCommand();
root.Subcommands.Add(AuthCommands.Create());
root.Subcommands.Add(ConfigCommands.Create());
root.Subcommands.Add(ApiCommand.Create());
root.Subcommands.Add(LogsCommands.Create());
root.Subcommands.Add(TailCommand.Create());
root.Subcommands.Add(UrlCommands.Create());
root.Subcommands.Add(SenderCommands.Create());
root.Subcommands.Add(HeldCommands.Create());
root.Subcommands.Add(MessageCommands.Create());
root.Subcommands.Add(CompletionCommand.Create());
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(HelpCommands.Create());
return await CliProgram.RunAsync(root, args).ConfigureAwait(false);
