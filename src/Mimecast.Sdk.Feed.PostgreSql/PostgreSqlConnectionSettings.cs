using System.Globalization;
using Npgsql;

namespace Mimecast.Sdk.Feed.PostgreSql;

/// <summary>Connection-string settings the feed's packages apply to their own connections (the store's and the cluster's alike).</summary>
internal static class PostgreSqlConnectionSettings
{
    /// <summary>
    /// <paramref name="connectionString"/> with sessions idle inside a transaction ended after <paramref name="timeout"/>
    /// (<c>-c idle_in_transaction_session_timeout</c> added to its <c>Options</c>); unchanged when it is zero.
    /// </summary>
    internal static string WithStalledTransactionTimeout(string connectionString, TimeSpan timeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (timeout <= TimeSpan.Zero)
        {
            return builder.ConnectionString;
        }

        var setting = string.Create(CultureInfo.InvariantCulture, $"-c idle_in_transaction_session_timeout={(long)timeout.TotalMilliseconds}");
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? setting : builder.Options + " " + setting;
        return builder.ConnectionString;
    }
}
