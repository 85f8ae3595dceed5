using Seedance.Pricing;
using Seedance.Providers;
using Seedance.Providers.Models;
using Xunit;

namespace Seedance.Tests.Models;

/// <summary>
/// The catalogues' prices come from what each provider publishes, by a stated formula: these check the formulas
/// against the providers' own worked figures, so a wrong frame size or token price shows.
/// </summary>
public sealed class ModelPriceTests
{
    [Fact]
    public void The_token_meter_gives_ByteDances_worked_example()
    {
        // ByteDance's example: 5 s of 720p (1280x720) at 24 fps is 108,000 tokens, about $0.60 at $5.60 per million.
        var meter = new TokenMeter(("720p", 1280, 720));

        Assert.Equal(108_000m, meter.TokensPerSecond("720p") * 5);
        Assert.Equal(0.6048m, meter.PerSecond(5.60m, "720p")["720p"] * 5);
    }

    [Fact]
    public void Fals_published_720p_price_is_its_token_price_by_the_formula()
    {
        var fast = new FalProvider().Info.DefaultModel;

        // fal publishes $0.0112 per 1,000 tokens and, rounded to four places, $0.2419/s at 720p.
        Assert.Equal(decimal.Round(21_600m * 11.20m / 1_000_000m, 4), fast.PriceAt("720p"));
        Assert.Equal(9_720m * 11.20m / 1_000_000m, fast.PriceAt("480p"));
    }

    [Fact]
    public void Atlas_Clouds_standard_tier_reproduces_its_published_720p_price()
    {
        var standard = new AtlasCloudProvider().Info.FindModel("bytedance/seedance-2.0/image-to-video")!;

        Assert.Equal(0.2419m, standard.PriceAt("720p"));
        Assert.Equal(0.1125m, standard.PriceAt("480p"));
        Assert.Null(standard.PriceAt("1080p"));
    }

    [Theory]
    [InlineData(5, 0.80)]
    [InlineData(10, 1.60)]
    [InlineData(15, 2.40)]
    public void WaveSpeeds_clip_prices_are_estimated_back_exactly(int seconds, decimal published)
    {
        Assert.Equal(published, CostEstimator.Estimate(new WaveSpeedProvider().Info.DefaultModel, seconds, "720p"));
    }

    [Fact]
    public void AI_ML_APIs_derived_price_reproduces_the_charge_its_docs_show()
    {
        // The docs' example: 8 s at 720p, usd_spent 2.515968.
        Assert.Equal(2.52m, CostEstimator.Estimate(new AimlApiProvider().Info.DefaultModel, 8, "720p"));
        Assert.Equal(2.515968m, new AimlApiProvider().Info.DefaultModel.PriceAt("720p") * 8);
    }

    [Fact]
    public void Rounding_and_published_prices_keep_the_formulas_other_figures()
    {
        var prices = Prices.PerClip("480p", 1.00m, 3).AndPublished("720p", 0.5m).RoundedTo(4);

        Assert.Equal(0.3333m, prices["480p"]);
        Assert.Equal(0.5m, prices["720p"]);
    }

    [Fact]
    public void Every_published_price_says_where_it_comes_from_and_an_unpublished_one_names_none()
    {
        var models = ProviderCatalog.All.SelectMany(provider => provider.Info.Models).ToList();

        Assert.All(models.Where(model => model.PricePerSecond.Count > 0), model => Assert.False(string.IsNullOrWhiteSpace(model.PriceSource), $"{model} has prices but no PriceSource."));
        Assert.All(models.Where(model => model.PricePerSecond.Count == 0), model => Assert.Null(model.PriceSource));
        Assert.All(models.Where(model => model.PriceWithReferenceVideo is not null), model => Assert.False(string.IsNullOrWhiteSpace(model.PriceWithReferenceVideo!.Source)));
    }

    [Fact]
    public void Arks_estimate_with_a_reference_video_takes_the_video_rate_and_bills_the_input_seconds()
    {
        var fast = new ArkProvider().Info.DefaultModel;

        // 720p is 21,600 tokens a second; with a video input the rate is 22/37 of $5.60 per million, for 5 + 8 s.
        Assert.Equal(0.60m, CostEstimator.Estimate(fast, 5, "720p"));
        Assert.Equal(decimal.Round(21_600m * 13 * (5.60m * 22m / 37m) / 1_000_000m, 2), CostEstimator.Estimate(fast, 5, "720p", referenceVideoSeconds: 8));
        Assert.Equal(0.93m, CostEstimator.Estimate(fast, 5, "720p", referenceVideoSeconds: 8));
    }

    [Fact]
    public void Fals_reference_to_video_estimate_uses_its_published_video_rate()
    {
        var references = new FalProvider().Info.FindModel("bytedance/seedance-2.0/fast/reference-to-video")!;

        // $0.14515/s at 720p with video inputs, over the output's 5 s and the input's 4 s.
        Assert.Equal(decimal.Round(0.14515m * 9, 2), CostEstimator.Estimate(references, 5, "720p", referenceVideoSeconds: 4));
    }

    [Fact]
    public void A_model_with_no_published_rate_for_a_reference_video_has_no_estimate_with_one()
    {
        var fast = new WaveSpeedProvider().Info.DefaultModel;

        Assert.Equal(0.80m, CostEstimator.Estimate(fast, 5, "720p"));
        Assert.Null(CostEstimator.Estimate(fast, 5, "720p", referenceVideoSeconds: 4));
    }

    [Fact]
    public void A_price_list_figure_names_its_source()
    {
        var fast = new ArkProvider().Info.DefaultModel;

        Assert.Contains("Vercel AI Gateway's $5.60 per million tokens", TaskPrice.FromPriceList(fast, "720p", 0.60m).Source);
        Assert.Contains("with a reference video: Volcengine's ratio", TaskPrice.FromPriceList(fast, "720p", 0.93m, withReferenceVideo: true).Source);
    }
}
