#region snippet: readme-quickstart
using Microsoft.Extensions.DependencyInjection;
using Mimecast.Sdk;
using Mimecast.Sdk.Models;

var services = new ServiceCollection();
services.AddMimecastClient(options =>
{
    options.Api2 = new MimecastApi2Options { ClientId = "…", ClientSecret = "…" };
});

await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IMimecastClient>();

await foreach (var click in client.Ttp.GetUrlLogsAsync(new TtpUrlLogQuery { From = DateTimeOffset.UtcNow.AddHours(-1) }))
{
    Console.WriteLine($"{click.Date:u} {click.UserEmailAddress} {click.Url} {click.ScanResult}");
}
#endregion
