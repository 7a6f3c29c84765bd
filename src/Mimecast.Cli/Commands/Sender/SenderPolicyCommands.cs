using System.CommandLine;
using Mimecast.Cli.Commands.Actions;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

namespace Mimecast.Cli.Commands.Sender;

/// <summary><c>mimecast sender policy list|create|delete</c>: blocked-sender policies.</summary>
internal static class SenderPolicyCommands
{
    private static readonly string[] PartyTypes =
    [
        PolicyPartyTypes.Everyone, PolicyPartyTypes.InternalAddresses, PolicyPartyTypes.ExternalAddresses, PolicyPartyTypes.EmailDomain,
        PolicyPartyTypes.ProfileGroup, PolicyPartyTypes.IndividualEmailAddress,
    ];

    /// <summary>Creates the <c>sender policy</c> group.</summary>
    public static Command Create() => new("policy", "Blocked-sender policies: list, create, delete")
    {
        List(),
        CreatePolicy(),
        DeleteCommand.Create("delete", "Delete blocked-sender policies by id", "Policy ids (from `mimecast sender policy list`)",
            static (client, id, ct) => client.Senders.DeletePolicyAsync(id, ct)),
    };

    private static Command List()
    {
        var command = new Command("list", "List the blocked-sender policies");
        CliAction.Set(command, async (context, ct) =>
        {
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            IReadOnlyList<BlockedSenderPolicy> policies = await client.Senders.GetPoliciesAsync(ct).ConfigureAwait(false);
            await context.Output.WriteAsync(Sequences.ToAsync(policies), SenderJson.Default.BlockedSenderPolicy, SenderJson.PolicyColumns, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> Party(string name, string side)
    {
        var option = new Option<string>(name) { Description = $"Who the policy applies to on the {side} side (no default)", Required = true };
        option.AcceptOnlyFromAmong(PartyTypes);
        return option;
    }

    private static Command CreatePolicy()
    {
        var description = new Option<string>("--description") { Description = "The description; keep it unique (it finds the policy again after a lost answer)", Required = true };
        var option = new Option<string>("--option") { Description = "block_sender or no_action", Required = true };
        option.AcceptOnlyFromAmong(BlockedSenderPolicyOptions.BlockSender, BlockedSenderPolicyOptions.NoAction);
        var fromType = Party("--from-type", "sender");
        var fromValue = new Option<string?>("--from-value") { Description = "The sender address, domain (no @) or group id, for the types that name one" };
        var toType = Party("--to-type", "recipient");
        var toValue = new Option<string?>("--to-value") { Description = "The recipient address, domain or group id, for the types that name one" };
        var fromPart = new Option<string?>("--from-part") { Description = "envelope_from (Mimecast's default), header_from or both" };
        fromPart.AcceptOnlyFromAmong("envelope_from", "header_from", "both");
        var sourceIps = new Option<string[]>("--source-ip") { Description = "Limit the policy to these source IP ranges (CIDR; repeat the option)", AllowMultipleArgumentsPerToken = true };
        var everyone = new Option<bool>("--allow-blocking-everyone") { Description = "Allow a policy that blocks mail from everyone (refused without it)" };
        var command = new Command("create", "Create a blocked-sender policy (never sent twice; a lost answer is checked by description)")
        {
            description, option, fromType, fromValue, toType, toValue, fromPart, sourceIps, everyone,
        };
        CliAction.Set(command, async (context, ct) =>
        {
            ParseResult p = context.Parse;
            string[] ips = p.GetValue(sourceIps) ?? [];
            var request = new BlockedSenderPolicyRequest
            {
                Description = p.GetValue(description)!,
                Option = p.GetValue(option)!,
                FromType = p.GetValue(fromType)!,
                FromValue = p.GetValue(fromValue),
                ToType = p.GetValue(toType)!,
                ToValue = p.GetValue(toValue),
                FromPart = p.GetValue(fromPart),
                SourceIps = ips.Length == 0 ? null : ips,
                AllowBlockingEveryone = p.GetValue(everyone),
            };
            IMimecastClient client = await context.GetClientAsync(ct).ConfigureAwait(false);
            ItemLine line;
            try
            {
                BlockedSenderPolicyCreateResult created = await client.Senders.CreatePolicyAsync(request, ct).ConfigureAwait(false);
                bool ok = created.Outcome != BlockedSenderPolicyCreateOutcome.NotCreated;
                line = new ItemLine
                {
                    Item = request.Description,
                    Action = "create",
                    Status = ok ? ItemStatus.Succeeded : ItemStatus.Failed,
                    Outcome = ItemLine.Snake(created.Outcome.ToString()),
                    Result = created.Policy?.Id,
                    ErrorCode = ok ? null : "policy_not_created",
                    Error = ok ? null : "the answer was lost and no policy with this description was found: not created, safe to run again",
                };
            }
            catch (ArgumentException e)
            {
                // The SDK's guardrails (blocking everyone, a type without its value) refuse before anything is sent.
                throw CliException.Usage(e.Message + " Nothing was sent.", e);
            }
            catch (MimecastOutcomeUnknownException e)
            {
                line = new ItemLine { Item = request.Description, Action = "create", Status = ItemStatus.OutcomeUnknown, RequestId = e.RequestId, WhatToCheck = e.WhatToCheck };
            }

            return await new BulkReport("create").WriteAsync(context, [line], ct).ConfigureAwait(false);
        });
        return command;
    }
}
