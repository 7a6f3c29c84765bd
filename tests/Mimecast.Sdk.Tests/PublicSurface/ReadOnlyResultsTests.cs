using Mimecast.Sdk.Tests.Infrastructure;
using Mimecast.Sdk.Tests.Siem;

namespace Mimecast.Sdk.Tests.PublicSurface;

/// <summary>
/// Results the SDK hands out (pages, SIEM pages, exception error lists) are read-only snapshots: a caller cannot
/// change what another consumer of the same page sees, by a cast or through the list it built the page from.
/// </summary>
public class ReadOnlyResultsTests
{
    private static void AssertReadOnly<T>(IReadOnlyList<T> items)
    {
        Assert.False(items is List<T>, "a live List<T> was handed out");
        Assert.False(items is T[], "a writable array was handed out");
        var asList = Assert.IsAssignableFrom<IList<T>>(items);
        Assert.True(asList.IsReadOnly);
        if (asList.Count > 0)
        {
            Assert.Throws<NotSupportedException>(() => asList[0] = asList[0]);
        }
    }

    [Fact]
    public async Task A_page_from_the_sdk_is_read_only()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.UrlLogs(0, 3)));

        var page = await h.Client.Ttp.GetUrlLogsPageAsync(null, null);

        Assert.Equal(3, page.Items.Count);
        AssertReadOnly(page.Items);
    }

    [Fact]
    public async Task A_siem_event_page_from_the_sdk_is_read_only()
    {
        await using var h = SdkHarness.Start(MimecastApiGeneration.Api2);
        h.Server.Token();
        h.Server.Given(SiemStubs.Get(SiemStubs.StreamPath)).RespondWith(Stubs.Json(SiemStubs.StreamPage(Enumerable.Range(0, 2), "c1", caughtUp: true)));

        var page = await h.Client.Siem.GetEventsPageAsync(null, null);

        Assert.Equal(2, page.Events.Count);
        AssertReadOnly(page.Events);
    }

    [Fact]
    public async Task The_errors_of_an_exception_are_read_only()
    {
        await using var h = SdkHarness.Start();
        h.Server.Given(Stubs.Post(Stubs.UrlPath)).RespondWith(Stubs.Json(Stubs.Fail("err_validation_blank", "Blank")));

        var e = await Assert.ThrowsAnyAsync<MimecastApiException>(() => h.Client.Ttp.GetUrlLogsPageAsync(null, null));

        Assert.Equal("err_validation_blank", e.ErrorCode);
        AssertReadOnly(e.Errors);
    }

    [Fact]
    public void A_page_or_exception_built_from_a_list_does_not_change_with_it()
    {
        var items = new List<int> { 1, 2 };
        var errors = new List<MimecastError> { new() { Code = "a" } };

        var page = new MimecastPage<int>(items, null);
        var e = new MimecastApiException("failed", null, errors);
        items.Add(3);
        errors.Clear();

        Assert.Equal([1, 2], page.Items);
        Assert.Equal("a", Assert.Single(e.Errors).Code);
        AssertReadOnly(page.Items);
        AssertReadOnly(e.Errors);
    }
}
