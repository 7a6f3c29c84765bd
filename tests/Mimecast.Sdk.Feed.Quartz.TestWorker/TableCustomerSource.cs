using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>The customer source of an MSSP: a tenants table, read by every worker at every reconciliation.</summary>
internal sealed class TableCustomerSource(NpgsqlDataSource dataSource) : IMimecastCustomerSource
{
    public async ValueTask<IReadOnlyCollection<MimecastFeedCustomer>> GetCustomersAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT name, interval_ms FROM {TestDatabase.Schema}.customers");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var customers = new List<MimecastFeedCustomer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            customers.Add(new MimecastFeedCustomer { Name = reader.GetString(0), PollInterval = TimeSpan.FromMilliseconds(reader.GetInt32(1)) });
        }

        return customers;
    }
}
