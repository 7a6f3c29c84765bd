namespace Mimecast.Sdk.Feed.Quartz.Tests;

/// <summary>
/// A test that needs PostgreSQL (MIMECAST_TEST_POSTGRES). Skipped with a visible reason on a developer machine
/// without it; under CI=true a missing variable fails the test instead.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (ClusterHarness.AdminConnection is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "MIMECAST_TEST_POSTGRES is not set (see docs/cluster.md); CI=true makes this a failure.";
        }
    }
}

/// <summary>The cluster tests run one at a time: each starts several processes on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterTestGroup
{
    public const string Name = "PostgreSQL cluster";
}
