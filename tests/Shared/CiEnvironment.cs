namespace Mimecast.Sdk.TestSupport;

/// <summary>
/// Whether the tests run on a CI server: <c>CI=true</c> (most servers, and <c>.ci/run</c>), <c>GITHUB_ACTIONS=true</c>
/// or <c>TF_BUILD=True</c> (Azure Pipelines). On CI a test that needs PostgreSQL fails without it instead of skipping.
/// </summary>
internal static class CiEnvironment
{
    internal static bool IsCi => IsCiFrom(Environment.GetEnvironmentVariable);

    internal static bool IsCiFrom(Func<string, string?> variable) =>
        IsTrue(variable("CI")) || IsTrue(variable("GITHUB_ACTIONS")) || IsTrue(variable("TF_BUILD"));

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
