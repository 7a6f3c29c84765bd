namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// A test that needs PostgreSQL (MIMECAST_TEST_POSTGRES). Skipped with a visible reason on a developer machine
/// without it; on CI (<c>CI</c>, <c>GITHUB_ACTIONS</c> or <c>TF_BUILD</c> true) a missing variable fails the test instead.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (ClusterHarness.AdminConnection is null && !Mimecast.Sdk.TestSupport.CiEnvironment.IsCi)
        {
            Skip = "MIMECAST_TEST_POSTGRES is not set (see docs/cluster.md); on CI (CI, GITHUB_ACTIONS or TF_BUILD true) this is a failure.";
        }
    }
}

/// <summary>The cluster tests run one at a time: each starts several processes on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterTestGroup
{
    public const string Name = "PostgreSQL cluster";
}
