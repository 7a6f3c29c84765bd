using Mimecast.Sdk.TestSupport;

namespace Mimecast.Sdk.Feed.PostgreSql.Tests;

/// <summary>The PostgreSQL tests skip only off CI: every common CI server is recognised.</summary>
public class CiEnvironmentTests
{
    [Theory]
    [InlineData("CI", "true")]
    [InlineData("GITHUB_ACTIONS", "true")]
    [InlineData("TF_BUILD", "True")]
    public void A_CI_server_is_recognised_by_its_variable(string name, string value) =>
        Assert.True(CiEnvironment.IsCiFrom(n => n == name ? value : null));

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("")]
    public void A_developer_machine_is_not_CI(string? value) =>
        Assert.False(CiEnvironment.IsCiFrom(_ => value));
}
