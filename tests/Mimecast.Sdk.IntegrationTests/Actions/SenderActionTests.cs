namespace Mimecast.Sdk.IntegrationTests.Actions;

/// <summary>client.Senders against the simulator, on both generations: managed senders in bulk, blocked-sender policies.</summary>
public sealed class SenderActionTests
{
    private const string PermitOrBlockPath = "/api/managedsender/permit-or-block-sender";
    private const string CreatePolicyPath = "/api/policy/blockedsenders/create-policy";

    private static BlockedSenderPolicyRequest DomainBlock(string description) => new()
    {
        Description = description,
        Option = BlockedSenderPolicyOptions.BlockSender,
        FromType = PolicyPartyTypes.EmailDomain,
        FromValue = "spam.example",
        ToType = PolicyPartyTypes.Everyone,
        FromPart = "both",
        SourceIps = ["203.0.113.0/24"],
    };

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Block_then_permit_splits_into_calls_of_100_and_upserts_by_sender_and_recipient(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        List<ManagedSenderEntry> entries = [.. Enumerable.Range(0, 149).Select(i => new ManagedSenderEntry($"bad{i}@spam.example", "soc@example.com"))];
        entries.Add(new ManagedSenderEntry("not-an-address", "soc@example.com"));

        var blocked = await h.Client.Senders.BlockAsync(entries);
        var permitted = await h.Client.Senders.PermitAsync([entries[0]]);

        Assert.Equal(3, h.Simulator.Journal.Entries.Count(e => e.Path == PermitOrBlockPath));
        Assert.Equal(149, blocked.Succeeded.Count);
        Assert.All(blocked.Succeeded, i => Assert.Equal("block", i.Result!.Type, ignoreCase: true));
        Assert.StartsWith("MTOKEN:", blocked.Items[0].Result!.Id, StringComparison.Ordinal);
        var bad = Assert.Single(blocked.Failed);
        Assert.Equal("not-an-address", bad.Item.Sender);
        Assert.Equal("err_validation_invalid_email_address", bad.Error?.Code);
        Assert.Equal("Permit", permitted.Items[0].Result!.Type);
        Assert.Equal(blocked.Items[0].Result!.Id, permitted.Items[0].Result!.Id); // one entry per (sender, to): overwritten
    }

    [Fact]
    public async Task A_policy_that_blocks_everyone_is_refused_unless_explicitly_allowed()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1);
        var request = new BlockedSenderPolicyRequest
        {
            Description = "everyone",
            Option = "BLOCK_SENDER",
            FromType = "Everyone",
            ToType = PolicyPartyTypes.Everyone,
        };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Senders.CreatePolicyAsync(request));
        Assert.Contains("AllowBlockingEveryone", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Simulator.Journal.Entries, e => e.Path == CreatePolicyPath);

        request.AllowBlockingEveryone = true;
        Assert.Equal(BlockedSenderPolicyCreateOutcome.Created, (await h.Client.Senders.CreatePolicyAsync(request)).Outcome);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Policy_create_get_update_keeps_unchanged_fields_and_delete_twice_is_already_absent(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var senders = h.Client.Senders;

        var created = await senders.CreatePolicyAsync(DomainBlock("block spam.example"));
        var id = created.Policy!.Id!;
        var updated = await senders.UpdatePolicyAsync(id, p => p.Description = "block spam.example (ticket 42)");
        var read = await senders.GetPolicyAsync(id);

        Assert.Equal(BlockedSenderPolicyCreateOutcome.Created, created.Outcome);
        Assert.Equal("block spam.example (ticket 42)", updated.Policy?.Description);
        Assert.Equal("spam.example", read?.Policy?.FromValue);
        Assert.Equal("both", read?.Policy?.FromPart);
        Assert.Equal(["203.0.113.0/24"], read?.Policy?.Conditions?.SourceIps);
        Assert.Single(await senders.GetPoliciesAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => senders.UpdatePolicyAsync(id, p => p.FromType = PolicyPartyTypes.Everyone));
        Assert.Equal(MimecastDeleteOutcome.Deleted, await senders.DeletePolicyAsync(id));
        Assert.Equal(MimecastDeleteOutcome.AlreadyAbsent, await senders.DeletePolicyAsync(id));
        Assert.Empty(await senders.GetPoliciesAsync());
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Policy_create_whose_answer_is_lost_is_sent_once_and_found_by_description(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        h.Simulator.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, CreatePolicyPath);

        var result = await h.Client.Senders.CreatePolicyAsync(DomainBlock("lost answer"));

        Assert.Equal(BlockedSenderPolicyCreateOutcome.CreatedVerified, result.Outcome);
        Assert.Equal("lost answer", result.Policy?.Policy?.Description);
        Assert.Equal(1, h.Simulator.Journal.Entries.Count(e => e.Path == CreatePolicyPath));
        Assert.Single(await h.Client.Senders.GetPoliciesAsync());
    }

    [Fact]
    public async Task Policy_create_lost_with_two_policies_of_that_description_is_an_unknown_outcome()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1);
        await h.Client.Senders.CreatePolicyAsync(DomainBlock("same"));
        h.Simulator.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, CreatePolicyPath);

        var unknown = await Assert.ThrowsAsync<MimecastOutcomeUnknownException>(() => h.Client.Senders.CreatePolicyAsync(DomainBlock("same")));

        Assert.Contains("description", unknown.WhatToCheck, StringComparison.Ordinal);
        Assert.Equal(2, h.Simulator.Journal.Entries.Count(e => e.Path == CreatePolicyPath));
    }
}
