using Mimecast.Sdk.TestSupport;

namespace Mimecast.Sdk.Feed.CrashTests;

/// <summary>
/// A test that needs PostgreSQL (MIMECAST_TEST_POSTGRES): skipped with a visible reason on a developer machine without
/// it; on CI (<c>CI</c>, <c>GITHUB_ACTIONS</c> or <c>TF_BUILD</c> true) it runs, and fails without the variable.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the test cannot run here.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresCrashStore.AdminConnectionString(out var reason) is null && !CiEnvironment.IsCi)
        {
            Skip = $"PostgreSQL crash test skipped: {reason}.";
        }
    }
}
