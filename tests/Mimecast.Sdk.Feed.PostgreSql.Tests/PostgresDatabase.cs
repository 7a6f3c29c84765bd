using Npgsql;

namespace Mimecast.Sdk.Feed.PostgreSql.Tests;

/// <summary>
/// The real PostgreSQL server of the test run: <c>MIMECAST_TEST_POSTGRES</c> names it (an admin connection string).
/// Each test class gets its OWN database (unique name), dropped afterwards: other runs share the server.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "MIMECAST_TEST_POSTGRES";

    private string? _adminConnectionString;

    public string ConnectionString { get; private set; } = string.Empty;

    public string DatabaseName { get; } = $"mimecast_feed_test_{Guid.NewGuid():N}";

    /// <summary>Why the PostgreSQL tests are skipped, or <see langword="null"/> when they run.</summary>
    /// <remarks>On CI (CI, GITHUB_ACTIONS or TF_BUILD true) they never skip: a missing variable then fails every test in <see cref="InitializeAsync"/>.</remarks>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } || IsCi
            ? null
            : $"PostgreSQL tests skipped: set {EnvironmentVariable} to an admin connection string (see README, 'PostgreSQL for the tests'; .ci/start-postgres.sh).";

    private static bool IsCi => Mimecast.Sdk.TestSupport.CiEnvironment.IsCi;

    public async Task InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(_adminConnectionString))
        {
            // Only reached on CI (otherwise the tests are skipped): a missing database fails the run.
            throw new InvalidOperationException($"On CI but {EnvironmentVariable} is not set: the PostgreSQL tests need a real server (.ci/start-postgres.sh).");
        }

        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{DatabaseName}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = DatabaseName, Pooling = true }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (string.IsNullOrEmpty(_adminConnectionString))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>A fact that needs the real PostgreSQL: skipped with a visible reason on a developer machine without it, never under CI=true.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresDatabase.SkipReason;
    }
}
