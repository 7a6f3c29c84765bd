namespace Mimecast.Sdk.IntegrationTests.Actions;

/// <summary>
/// The remediation, directory and account families against the simulator on both generations: state per account,
/// "already done" outcomes, item limits (the simulator refuses oversized calls) and the applied-answer-lost fault.
/// </summary>
public sealed class RemediationDirectoryTests
{
    private const string CreatePath = "/api/ttp/remediation/create";
    private const string FindPath = "/api/ttp/remediation/find-incidents";
    private const string AddPath = "/api/directory/add-group-member";
    private const string RemovePath = "/api/directory/remove-group-member";
    private const string HashPath = "/api/ttp/remediation/search-hash";

    public static TheoryData<MimecastApiGeneration> Generations => new(MimecastApiGeneration.Api1, MimecastApiGeneration.Api2);

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task A_sender_is_added_to_a_group_once_listed_and_removed(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var directory = h.Client.Directory;
        var group = Assert.Single(await directory.FindGroupsAsync(new DirectoryGroupQuery { Query = "blocked senders" }).ToListAsync());
        var member = GroupMembership.ForEmailAddress(group.Id!, "attacker@evil.example", "case 42");

        var added = (await directory.AddMembersAsync([member])).EnsureSuccess();
        var again = (await directory.AddMembersAsync([member])).EnsureSuccess();
        var members = await directory.GetGroupMembersAsync(group.Id!).ToListAsync();
        var removed = (await directory.RemoveMembersAsync([member])).EnsureSuccess();
        var removedAgain = (await directory.RemoveMembersAsync([member])).EnsureSuccess();

        Assert.Equal(GroupMembershipOutcome.Added, added.Items[0].Result!.Outcome);
        Assert.Equal(GroupMembershipOutcome.AlreadyMember, again.Items[0].Result!.Outcome);
        Assert.Contains(members, m => m.EmailAddress == "attacker@evil.example" && m.Notes == "case 42");
        Assert.Equal(GroupMembershipOutcome.Removed, removed.Items[0].Result!.Outcome);
        Assert.Equal(GroupMembershipOutcome.NotAMember, removedAgain.Items[0].Result!.Outcome);
        Assert.DoesNotContain(await directory.GetGroupMembersAsync(group.Id!).ToListAsync(), m => m.EmailAddress == "attacker@evil.example");
    }

    [Fact]
    public async Task Removing_25_members_takes_three_calls_the_simulator_accepts()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1);
        var group = (await h.Client.Directory.FindGroupsAsync(new DirectoryGroupQuery { Query = "Finance" }).ToListAsync())[0];
        var members = Enumerable.Range(0, 25).Select(i => GroupMembership.ForEmailAddress(group.Id!, $"u{i}@partner.example")).ToList();
        (await h.Client.Directory.AddMembersAsync(members)).EnsureSuccess();

        var result = await h.Client.Directory.RemoveMembersAsync(members);

        Assert.True(result.IsSuccess);
        Assert.Equal(25, h.Requests(AddPath));
        Assert.Equal(3, h.Requests(RemovePath));
        Assert.Empty(await h.Client.Directory.GetGroupMembersAsync(group.Id!).ToListAsync());
    }

    [Fact]
    public async Task An_add_whose_answer_was_lost_is_resent_and_reports_already_member()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api2);
        var group = (await h.Client.Directory.FindGroupsAsync(new DirectoryGroupQuery { Query = "Executives" }).ToListAsync())[0];
        h.Simulator.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, AddPath);

        var result = await h.Client.Directory.AddMembersAsync([GroupMembership.ForEmailAddress(group.Id!, "cto@partner.example")]);

        Assert.Equal(GroupMembershipOutcome.AlreadyMember, result.EnsureSuccess().Items[0].Result!.Outcome);
        Assert.Equal(2, h.Requests(AddPath));
        Assert.Single(await h.Client.Directory.GetGroupMembersAsync(group.Id!).ToListAsync(), m => m.EmailAddress == "cto@partner.example");
    }

    [Fact]
    public async Task Groups_added_through_the_control_door_are_found_and_paged()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1);
        for (var i = 0; i < 3; i++)
        {
            h.Simulator.Records<SimulatorGroup>().Add(new SimulatorGroup { Description = "SOC Watchlist " + i, Created = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero) });
        }

        var pages = await h.Client.Directory.FindGroupsAsync().AsPages().ToListAsync();
        var found = await h.Client.Directory.FindGroupsAsync(new DirectoryGroupQuery { Query = "watchlist" }).ToListAsync();

        Assert.Equal(2, pages.Count); // 9 groups, 7 per page (the harness's DefaultPageSize)
        Assert.Equal(9, pages.Sum(p => p.Items.Count));
        Assert.Equal(["SOC Watchlist 0", "SOC Watchlist 1", "SOC Watchlist 2"], found.Select(g => g.Description));
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task An_incident_by_hash_counts_the_messages_carrying_the_attachment_and_is_read_back(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);
        var attachment = h.Simulator.Records<SimulatorAttachmentLog>().All()[0];
        var reason = "case-" + generation;

        var incident = await h.Client.Remediation.CreateIncidentAsync(RemediationRequest.ByHash(attachment.FileHash, reason) with { Start = attachment.Date.AddDays(-1) });
        var read = (await h.Client.Remediation.GetIncidentsAsync([incident.Id!])).EnsureSuccess().Items[0].Result!;
        var found = await h.Client.Remediation.FindIncidentsAsync(new RemediationIncidentQuery { SearchField = "reason", SearchValue = reason });

        Assert.True(incident.Identified >= 1);
        Assert.Equal(attachment.FileHash, read.SearchCriteria!.FileHash);
        Assert.Equal(incident.Code, Assert.Single(found).Code);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_sent_once_and_verified_by_its_reason()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api1);
        h.Simulator.Faults.Enqueue(SimulatorFault.AppliedAnswerLost, 1, CreatePath);

        var incident = await h.Client.Remediation.CreateIncidentAsync(RemediationRequest.ByMessageId("lost@example.com", "case-lost-1"));

        Assert.Equal(1, h.Requests(CreatePath));
        Assert.Equal(1, h.Requests(FindPath));
        Assert.Equal("case-lost-1", incident.Reason);
        Assert.Equal("<lost@example.com>", incident.SearchCriteria!.MessageId);
        Assert.Single(await h.Client.Remediation.FindIncidentsAsync(new RemediationIncidentQuery { SearchField = "reason", SearchValue = "case-lost-1" }));
    }

    [Fact]
    public async Task A_create_refused_by_mimecast_is_a_typed_failure_not_an_unknown_outcome()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api2);

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Remediation.CreateIncidentAsync(RemediationRequest.ByHash("   x  ", "r") with { Start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) }));

        Assert.IsNotType<MimecastOutcomeUnknownException>(e);
        Assert.Equal(1, h.Requests(CreatePath));
    }

    [Fact]
    public async Task Hashes_are_searched_20_per_call_and_known_attachment_hashes_are_detected()
    {
        await using var h = await Harness.StartAsync(MimecastApiGeneration.Api2);
        var known = h.Simulator.Records<SimulatorAttachmentLog>().All().Select(a => a.FileHash).Distinct().Take(5).ToList();
        var unknown = Enumerable.Range(0, 39).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([(byte)i, 0xfe]))).ToList();

        var result = await h.Client.Remediation.SearchHashesAsync([.. known, .. unknown, "not-a-hash"]);

        Assert.Equal(3, h.Requests(HashPath));
        Assert.Equal(known.OrderBy(x => x), result.Detected.OrderBy(x => x));
        Assert.Equal(44, result.Statuses.Count);
        Assert.Equal(["not-a-hash"], result.FailedHashes);
    }

    [Theory]
    [MemberData(nameof(Generations))]
    public async Task The_account_is_read(MimecastApiGeneration generation)
    {
        await using var h = await Harness.StartAsync(generation);

        var account = await h.Client.Account.GetAsync();

        Assert.EndsWith(" Ltd", account.AccountName, StringComparison.Ordinal);
        Assert.NotEmpty(account.Packages!);
        Assert.True(account.UserCount > 0);
    }
}
