using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

// Snippets of docs/response-actions/{remediation,directory,account}.md (the integrator stitches them into docs/response-actions.md).
public static class ResponseActionsRemediationDirectory
{
    public static async Task Remediation(IMimecastClient client, string messageId, string caseId, CancellationToken cancellationToken)
    {
        #region snippet: actions-remediation
        // Pull the message from every mailbox. The reason must be unique: if the answer is lost, the SDK finds the
        // incident by it instead of creating a second one.
        try
        {
            RemediationIncident incident = await client.Remediation.CreateIncidentAsync(
                RemediationRequest.ByMessageId(messageId, $"SOAR case {caseId}"), cancellationToken);
            Console.WriteLine($"{incident.Code}: {incident.Identified} identified, {incident.Successful} removed");
        }
        catch (MimecastNotExecutedException)
        {
            // The answer was lost and no incident exists: safe to create it again.
        }
        catch (MimecastOutcomeUnknownException e)
        {
            Console.WriteLine($"Check before retrying: {e.WhatToCheck}");
        }

        RemediationHashSearchResult seen = await client.Remediation.SearchHashesAsync(["5d41402abc4b2a76b9719d911017c592"], cancellationToken);
        Console.WriteLine($"Seen in the last year: {string.Join(", ", seen.Detected)}");
        #endregion
    }

    public static async Task Directory(IMimecastClient client, string sender, CancellationToken cancellationToken)
    {
        #region snippet: actions-directory
        await foreach (DirectoryGroup group in client.Directory.FindGroupsAsync(new DirectoryGroupQuery { Query = "Blocked Senders" }, cancellationToken))
        {
            // Use the id just read: group ids are opaque and may change between reads.
            var result = await client.Directory.AddMembersAsync([GroupMembership.ForEmailAddress(group.Id!, sender, "SOAR containment")], cancellationToken);
            GroupMembershipOutcome outcome = result.EnsureSuccess().Items[0].Result!.Outcome; // Added or AlreadyMember
            Console.WriteLine($"{group.Description}: {outcome}");
        }
        #endregion
    }

    public static async Task Account(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: actions-account
        MimecastAccount account = await client.Account.GetAsync(cancellationToken);
        Console.WriteLine($"{account.AccountName} ({account.AccountCode}, {account.Region}): {account.UserCount} users");
        #endregion
    }
}
