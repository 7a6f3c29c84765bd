using Npgsql;

namespace Mimecast.Sdk.Feed.Quartz.TestWorker;

/// <summary>The customer source of an MSSP: a tenants table, read by every worker at every reconciliation.</summary>
/// Prints <c>CUSTOMERS …</c> when the list it read changed (the names, up to 50 customers; else the count), so a test
/// knows when a worker has seen a change.
internal sealed class TableCustomerSource(NpgsqlDataSource dataSource) : IMimecastCustomerSource
{
    private string _last = string.Empty;

    public async ValueTask<IReadOnlyCollection<MimecastFeedCustomer>> GetCustomersAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT name, interval_ms FROM {TestDatabase.Schema}.customers");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var customers = new List<MimecastFeedCustomer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            customers.Add(new MimecastFeedCustomer { Name = reader.GetString(0), PollInterval = TimeSpan.FromMilliseconds(reader.GetInt32(1)) });
        }

        var seen = customers.Count <= 50 ? string.Join(",", customers.Select(c => c.Name).Order(StringComparer.Ordinal)) : $"{customers.Count} customers";
        if (seen != _last)
        {
            _last = seen;
            Console.Out.WriteLine($"CUSTOMERS {seen}");
            Console.Out.Flush();
        }

        return customers;
    }
}
