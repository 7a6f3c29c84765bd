using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimecast.Sdk.Models;

namespace Mimecast.Sdk.Docs.Tests.Snippets;

public static class GettingStarted
{
    public static IMimecastClient CreateHost(string[] args)
    {
        #region snippet: getting-started-host
        var builder = Host.CreateApplicationBuilder(args);

        // Binds the "Mimecast" section: BaseUrl, Api1 or Api2 credentials, RateLimit and Retry settings.
        builder.Services.AddMimecastClient(builder.Configuration.GetSection(MimecastClientOptions.SectionName));

        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IMimecastClient>();
        #endregion
        return client;
    }

    public static async Task StreamAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: getting-started-stream
        var query = new TtpUrlLogQuery
        {
            From = DateTimeOffset.UtcNow.AddDays(-1),
            ScanResult = "malicious",
            OldestFirst = true,
        };

        await foreach (var click in client.Ttp.GetUrlLogsAsync(query, cancellationToken))
        {
            Console.WriteLine($"{click.Date:u} {click.UserEmailAddress} clicked {click.Url} ({click.Action})");
        }
        #endregion
    }

    public static async Task PagesAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: getting-started-pages
        string? pageToken = null; // or the token saved by the previous run
        do
        {
            var page = await client.Ttp.GetAttachmentLogsPageAsync(new TtpAttachmentLogQuery { PageSize = 500 }, pageToken, cancellationToken);
            foreach (var log in page.Items)
            {
                Console.WriteLine($"{log.Date:u} {log.FileName} {log.Result}");
            }

            pageToken = page.NextPageToken; // save it to resume from here; null after the last page
        }
        while (pageToken is not null);
        #endregion
    }

    public static async Task ErrorsAsync(IMimecastClient client, CancellationToken cancellationToken)
    {
        #region snippet: getting-started-errors
        try
        {
            var page = await client.Ttp.GetImpersonationLogsPageAsync(new TtpImpersonationLogQuery { TaggedMalicious = true }, null, cancellationToken);
            Console.WriteLine($"{page.Items.Count} impersonation attempt(s)");
        }
        catch (MimecastRateLimitException e)
        {
            Console.WriteLine($"Quota still exhausted after waiting {e.TotalWait}; Mimecast asks to wait {e.RetryAfter} more");
        }
        catch (MimecastAuthenticationException e)
        {
            Console.WriteLine($"Credentials refused: {e.ErrorCode} (request id {e.RequestId})");
        }
        catch (MimecastApiException e)
        {
            // Also an HTTP 200 whose "fail" array is not empty.
            foreach (var error in e.Errors)
            {
                Console.WriteLine($"{error.Code}: {error.Message} (retryable: {error.Retryable})");
            }
        }
        #endregion
    }

    public static IMimecastClient Customers(IServiceCollection services, IConfiguration configuration)
    {
        #region snippet: getting-started-customers
        services.AddMimecastClient("contoso", configuration.GetSection("Mimecast:Customers:contoso"));
        services.AddMimecastClient("fabrikam", configuration.GetSection("Mimecast:Customers:fabrikam"));

        // Later, per request or per job:
        var provider = services.BuildServiceProvider();
        var contoso = provider.GetRequiredService<IMimecastClientFactory>().CreateClient("contoso");
        #endregion
        return contoso;
    }
}
