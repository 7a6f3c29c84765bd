using System.Text.Json;
using Mimecast.Sdk.Tests.Infrastructure;
using WireMock.ResponseBuilders;

namespace Mimecast.Sdk.Tests.Actions;

/// <summary>The directory and account families' exact wire shapes on both generations, typed "already done" outcomes and item limits.</summary>
public class DirectoryWireTests
{
    private const string FindGroupsPath = "/api/directory/find-groups";
    private const string MembersPath = "/api/directory/get-group-members";
    private const string AddPath = "/api/directory/add-group-member";
    private const string RemovePath = "/api/directory/remove-group-member";
    private const string AccountPath = "/api/account/get-account";

    private static string Member(string email) => $$"""{"id":"m-{{email}}","folderId":"g1","emailAddress":"{{email}}","internal":false}""";

    private static string Fail(string email, string code, string message) =>
        $$"""{"key":{"id":"g1","emailAddress":"{{email}}"},"errors":[{"code":"{{code}}","message":"{{message}}","retryable":false}]}""";

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Find_groups_pages_with_the_same_query_and_reads_data0_folders(MimecastApiGeneration generation)
    {
        await using var h = RemediationWireTests.Start(generation);
        h.Server.Given(Stubs.Post(FindGroupsPath)).InScenario("p").WillSetStateTo("2").RespondWith(Stubs.Json(
            """{"meta":{"status":200,"pagination":{"pageSize":2,"totalCount":3,"next":"tok-2"}},"data":[{"source":"cloud","query":"Block","folders":[{"id":"g1","description":"Blocked Senders","source":"cloud","parentId":"root","userCount":4,"folderCount":0},{"id":"g2","description":"Blocked Domains","source":"cloud","userCount":1,"folderCount":0}]}],"fail":[]}"""));
        h.Server.Given(Stubs.Post(FindGroupsPath)).InScenario("p").WhenStateIs("2").RespondWith(Stubs.Json(
            """{"meta":{"status":200,"pagination":{"pageSize":1,"totalCount":3}},"data":[{"folders":[{"id":"g3","description":"Blocked Old","source":"cloud"}]}],"fail":[]}"""));

        var groups = await h.Client.Directory.FindGroupsAsync(new DirectoryGroupQuery { Query = "Block", PageSize = 2 }).ToListAsync();

        Assert.Equal(["Blocked Senders", "Blocked Domains", "Blocked Old"], groups.Select(g => g.Description));
        Assert.Equal(4, groups[0].UserCount);
        var sent = h.SentTo(FindGroupsPath);
        Assert.Equal("""{"meta":{"pagination":{"pageSize":2}},"data":[{"query":"Block"}]}""", sent[0].Body);
        Assert.Equal("""{"meta":{"pagination":{"pageSize":2,"pageToken":"tok-2"}},"data":[{"query":"Block"}]}""", sent[1].Body);
    }

    [Fact]
    public async Task A_function_failure_in_meta_status_is_typed()
    {
        await using var h = RemediationWireTests.Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(FindGroupsPath)).RespondWith(Stubs.Json("""{"meta":{"status":403},"data":[],"fail":[]}"""));

        var e = await Assert.ThrowsAsync<MimecastApiException>(() => h.Client.Directory.FindGroupsPageAsync(null, null));

        Assert.Equal(403, e.FunctionStatus);
    }

    [Fact]
    public async Task Group_members_are_read_from_data0_groupMembers_with_the_group_id()
    {
        await using var h = RemediationWireTests.Start(MimecastApiGeneration.Api2);
        h.Server.Given(Stubs.Post(MembersPath)).RespondWith(Stubs.Json(
            """{"meta":{"status":200,"pagination":{"pageSize":2}},"data":[{"groupMembers":[{"emailAddress":"a@x.example","internal":false,"type":"created_manually","name":"a","notes":"n"},{"domain":"bad.example","internal":false}]}],"fail":[]}"""));

        var page = await h.Client.Directory.GetGroupMembersPageAsync("g1", null);

        Assert.Equal("a@x.example", page.Items[0].EmailAddress);
        Assert.Equal("bad.example", page.Items[1].Domain);
        Assert.EndsWith("""data":[{"id":"g1"}]}""", Assert.Single(h.SentTo(MembersPath)).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Add_sends_one_member_per_call_and_maps_already_exists_to_a_typed_success(MimecastApiGeneration generation)
    {
        await using var h = RemediationWireTests.Start(generation);
        h.Server.Given(Stubs.Post(AddPath).WithBody(b => b!.Contains("new@x.example", StringComparison.Ordinal))).RespondWith(Stubs.Json($$"""{"meta":{"status":200},"data":[{{Member("new@x.example")}}],"fail":[]}"""));
        h.Server.Given(Stubs.Post(AddPath).WithBody(b => b!.Contains("old@x.example", StringComparison.Ordinal))).RespondWith(Stubs.Json(
            $$"""{"meta":{"status":200},"data":[],"fail":[{{Fail("old@x.example", "err_folder_group_member_already_exists", "Group member already exists")}}]}"""));
        h.Server.Given(Stubs.Post(AddPath).WithBody(b => b!.Contains("bad.example", StringComparison.Ordinal))).RespondWith(Stubs.Json(
            """{"meta":{"status":200},"data":[],"fail":[{"key":{"id":"g1","domain":"bad.example"},"errors":[{"code":"err_validation_invalid_value","message":"no","retryable":false}]}]}"""));

        var result = await h.Client.Directory.AddMembersAsync([
            GroupMembership.ForEmailAddress("g1", "new@x.example", "from playbook"),
            GroupMembership.ForEmailAddress("g1", "old@x.example"),
            GroupMembership.ForDomain("g1", "bad.example"),
        ]);

        var sent = h.SentTo(AddPath);
        Assert.Equal(3, sent.Count);
        Assert.Equal("""{"data":[{"id":"g1","emailAddress":"new@x.example","notes":"from playbook"}]}""", sent[0].Body);
        Assert.Equal("""{"data":[{"id":"g1","emailAddress":"old@x.example"}]}""", sent[1].Body);
        Assert.Equal(GroupMembershipOutcome.Added, result.Items[0].Result!.Outcome);
        Assert.Equal("m-new@x.example", result.Items[0].Result!.MemberId);
        Assert.Equal(MimecastItemStatus.Succeeded, result.Items[1].Status);
        Assert.Equal(GroupMembershipOutcome.AlreadyMember, result.Items[1].Result!.Outcome);
        Assert.Equal(MimecastItemStatus.Failed, result.Items[2].Status);
        Assert.Equal("err_validation_invalid_value", result.Items[2].Error!.Code);
    }

    [Fact]
    public async Task Remove_sends_at_most_10_per_call_and_maps_not_found_to_not_a_member()
    {
        await using var h = RemediationWireTests.Start(MimecastApiGeneration.Api1);
        var emails = Enumerable.Range(0, 12).Select(i => $"u{i}@x.example").ToList();
        var data = string.Join(",", emails.Where(e => e != "u3@x.example").Select(Member));
        h.Server.Given(Stubs.Post(RemovePath)).RespondWith(Stubs.Json(
            $$"""{"meta":{"status":200},"data":[{{data}}],"fail":[{{Fail("u3@x.example", "err_folder_email_address_not_found", "Error email address not found")}}]}"""));

        var result = await h.Client.Directory.RemoveMembersAsync([.. emails.Select(e => GroupMembership.ForEmailAddress("g1", e, "notes are not sent"))]);

        var sent = h.SentTo(RemovePath);
        Assert.Equal([10, 2], sent.Select(s => JsonDocument.Parse(s.Body).RootElement.GetProperty("data").GetArrayLength()));
        Assert.DoesNotContain("notes", sent[0].Body, StringComparison.Ordinal);
        Assert.True(result.IsSuccess);
        Assert.Equal(GroupMembershipOutcome.NotAMember, result.Items[3].Result!.Outcome);
        Assert.Equal(GroupMembershipOutcome.Removed, result.Items[11].Result!.Outcome);
    }

    [Fact]
    public async Task An_idempotent_add_is_retried_after_a_5xx()
    {
        await using var h = RemediationWireTests.Start(MimecastApiGeneration.Api1);
        h.Server.Given(Stubs.Post(AddPath)).InScenario("r").WillSetStateTo("ok").RespondWith(Response.Create().WithStatusCode(503));
        h.Server.Given(Stubs.Post(AddPath)).InScenario("r").WhenStateIs("ok").RespondWith(Stubs.Json(
            $$"""{"meta":{"status":200},"data":[],"fail":[{{Fail("a@x.example", "err_folder_group_member_already_exists", "Group member already exists")}}]}"""));

        var result = await h.Client.Directory.AddMembersAsync([GroupMembership.ForEmailAddress("g1", "a@x.example")]);

        Assert.Equal(2, h.SentTo(AddPath).Count);
        Assert.Equal(GroupMembershipOutcome.AlreadyMember, result.EnsureSuccess().Items[0].Result!.Outcome);
    }

    [Fact]
    public async Task Invalid_members_are_refused_before_anything_is_sent()
    {
        await using var h = RemediationWireTests.Start(MimecastApiGeneration.Api1);

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Directory.AddMembersAsync([GroupMembership.ForEmailAddress("g1", "a@x.example", new string('n', 101))]));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Directory.AddMembersAsync([new GroupMembership { GroupId = "g1", EmailAddress = "a@x.example", Domain = "x.example" }]));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.Directory.RemoveMembersAsync([new GroupMembership { GroupId = " ", EmailAddress = "a@x.example" }]));

        Assert.Empty(h.Sent);
    }

    [Theory]
    [InlineData(MimecastApiGeneration.Api1)]
    [InlineData(MimecastApiGeneration.Api2)]
    public async Task Get_account_sends_an_empty_data_array_and_reads_data0(MimecastApiGeneration generation)
    {
        await using var h = RemediationWireTests.Start(generation);
        h.Server.Given(Stubs.Post(AccountPath)).RespondWith(Stubs.Json(
            """{"meta":{"status":200},"data":[{"region":"eu","archive":true,"gateway":true,"supportCode":"M123","maxRetention":365,"type":"full","accountName":"Example Ltd","accountCode":"C1A2","mimecastId":"01-1-2","userCount":120,"packages":["Archive [1]"],"jurisdiction":"GB"}],"fail":[]}"""));

        var account = await h.Client.Account.GetAsync();

        Assert.Equal("""{"data":[]}""", Assert.Single(h.SentTo(AccountPath)).Body);
        Assert.Equal("Example Ltd", account.AccountName);
        Assert.Equal(120, account.UserCount);
        Assert.Equal(["Archive [1]"], account.Packages!);
        Assert.Equal("GB", account.AdditionalFields!["jurisdiction"].GetString());
    }
}
