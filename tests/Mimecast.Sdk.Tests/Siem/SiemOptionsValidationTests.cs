using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mimecast.Sdk.Tests.Siem;

/// <summary>SIEM settings are read only when a SIEM call runs; a bad one must fail the start, naming the setting.</summary>
public class SiemOptionsValidationTests
{
    [Theory]
    [InlineData("parallel-zero", "Siem.MaxParallelDownloads")]
    [InlineData("parallel-huge", "Siem.MaxParallelDownloads")]
    [InlineData("download-timeout-zero", "Siem.DownloadTimeout")]
    [InlineData("download-timeout-max", "Siem.DownloadTimeout")]
    [InlineData("relists-negative", "Siem.ExpiredLinkRelists")]
    [InlineData("malformed-undefined", "Siem.MalformedLines")]
    [InlineData("stream-pacing-null", "Siem.StreamPacing")]
    [InlineData("batch-pacing-negative", "Siem.BatchListPacing.Limit")]
    [InlineData("batch-pacing-no-window", "Siem.BatchListPacing.Window")]
    [InlineData("siem-null", "Siem must not be null")]
    public void A_bad_siem_setting_is_refused_at_start_up_with_its_name(string problem, string setting)
    {
        using var provider = Build(o =>
        {
            switch (problem)
            {
                case "parallel-zero": o.Siem.MaxParallelDownloads = 0; break;
                case "parallel-huge": o.Siem.MaxParallelDownloads = 10_000; break;
                case "download-timeout-zero": o.Siem.DownloadTimeout = TimeSpan.Zero; break;
                case "download-timeout-max": o.Siem.DownloadTimeout = TimeSpan.MaxValue; break;
                case "relists-negative": o.Siem.ExpiredLinkRelists = -1; break;
                case "malformed-undefined": o.Siem.MalformedLines = (SiemMalformedLineHandling)42; break;
                case "stream-pacing-null": o.Siem.StreamPacing = null!; break;
                case "batch-pacing-negative": o.Siem.BatchListPacing = new MimecastCallPacing { Limit = -1, Window = TimeSpan.FromMinutes(15) }; break;
                case "batch-pacing-no-window": o.Siem.BatchListPacing = new MimecastCallPacing { Limit = 50, Window = TimeSpan.Zero }; break;
                case "siem-null": o.Siem = null!; break;
            }
        });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_and_the_documented_extremes_are_accepted()
    {
        using var provider = Build(o =>
        {
            o.Siem.MaxParallelDownloads = 64;
            o.Siem.DownloadTimeout = Timeout.InfiniteTimeSpan;
            o.Siem.ExpiredLinkRelists = 0;
            o.Siem.StreamPacing = new MimecastCallPacing { Limit = 0 };
        });

        provider.GetRequiredService<IStartupValidator>().Validate();

        using var defaults = Build(_ => { });
        defaults.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("parallel", "Siem.MaxParallelDownloads")]
    [InlineData("relists", "Siem.ExpiredLinkRelists")]
    [InlineData("stream-pacing", "Siem.StreamPacing.Limit")]
    public void One_step_beyond_a_documented_extreme_is_refused(string beyond, string setting)
    {
        using var provider = Build(o =>
        {
            switch (beyond)
            {
                case "parallel": o.Siem.MaxParallelDownloads = 65; break;
                case "relists": o.Siem.ExpiredLinkRelists = -1; break;
                case "stream-pacing": o.Siem.StreamPacing = new MimecastCallPacing { Limit = -1 }; break;
            }
        });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Action<MimecastClientOptions> change)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMimecastClient(o =>
        {
            o.Api2 = new MimecastApi2Options { ClientId = "c", ClientSecret = "s" };
            change(o);
        });
        return services.BuildServiceProvider();
    }
}
