using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Seedance.Providers;
using Xunit;

namespace Seedance.Tests.Models;

/// <summary>
/// The README's Providers table says what each provider's default model accepts and costs; every column that states
/// catalogue data is checked here against the catalogue, so the two cannot drift apart.
/// </summary>
public sealed class ReadmeProviderTableTests
{
    private static readonly Lazy<IReadOnlyList<Row>> Table = new(ReadTable);

    public static TheoryData<string> Providers()
    {
        var names = new TheoryData<string>();
        foreach (var name in ProviderCatalog.Names)
        {
            names.Add(name);
        }

        return names;
    }

    [Fact]
    public void The_table_lists_every_provider_once_in_the_catalogues_order()
    {
        Assert.Equal(ProviderCatalog.Names, Table.Value.Select(row => Ticked(row.Provider).First()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_provider_its_aliases_and_key_variable_are_the_catalogues(string provider)
    {
        var (row, info) = RowOf(provider);

        Assert.All(Ticked(row.Provider).Skip(1), alias => Assert.Contains(alias, info.Aliases));
        Assert.Equal(info.KeyVariables[0], Ticked(row.KeyVariable).Single());
        Assert.Equal(info.DefaultModel.Id, Ticked(row.DefaultModel).First());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_durations_resolutions_and_images_are_the_default_models(string provider)
    {
        var (row, info) = RowOf(provider);
        var model = info.DefaultModel;

        Assert.Equal(model.Durations, Durations(row.Durations));
        Assert.Equal(model.Resolutions.Count > 0 ? model.Resolutions : new[] { model.DefaultResolution }, Regex.Matches(Regex.Match(row.Resolutions, @"^(?:(?:\d+p|4k)(?:, |\b))+").Value, @"\d+p|4k").Select(match => match.Value));

        var images = Regex.Match(row.Images, @"^(\d+)(?:-(\d+))?");
        Assert.Equal(model.MinImages, int.Parse(images.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(model.MaxImages, images.Groups[2].Success ? int.Parse(images.Groups[2].Value, CultureInfo.InvariantCulture) : model.MinImages);
        Assert.Equal(model.Supports(ModelOptions.LastImage), row.Images.Split(';')[0].Contains("`-LastImage`", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_reference_videos_and_audio_are_the_default_models(string provider)
    {
        var (row, info) = RowOf(provider);
        var model = info.DefaultModel;
        var counts = Regex.Match(row.References, @"^(\d+) videos?, (\d+) audio");

        Assert.Equal(model.MaxReferenceVideos, counts.Success ? int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
        Assert.Equal(model.MaxReferenceAudios, counts.Success ? int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture) : 0);
        Assert.Equal(!counts.Success, row.References.StartsWith("none", StringComparison.Ordinal));
        Assert.Equal(info.TakesAssetIds, row.References.Contains("`asset://`", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_price_is_the_default_models_rounded_as_shown(string provider)
    {
        var (row, info) = RowOf(provider);
        var model = info.DefaultModel;
        // What follows in brackets is a remark (how it was derived, another model's price), not the default's price.
        var price = row.Price.Split('(')[0];

        if (price.Contains("not published", StringComparison.Ordinal))
        {
            Assert.Null(model.PriceAt(model.DefaultResolution));
            return;
        }

        var shown = Regex.Matches(price, @"\$(\d+\.(\d+))/s(?:\s+(?:at\s+)?(\d+p|4k))?");
        Assert.NotEmpty(shown);
        foreach (Match figure in shown)
        {
            var resolution = figure.Groups[3].Success ? figure.Groups[3].Value : model.DefaultResolution;
            var perSecond = model.PriceAt(resolution);
            Assert.True(perSecond is not null, $"{provider}: the README prices {resolution}, which {model.Id} has no price for");
            Assert.Equal(decimal.Parse(figure.Groups[1].Value, CultureInfo.InvariantCulture), decimal.Round(perSecond!.Value, figure.Groups[2].Length, MidpointRounding.AwayFromZero));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Cancel_webhook_and_local_images_are_the_providers(string provider)
    {
        var (row, info) = RowOf(provider);

        Assert.Equal(info.CancelBehaviour is null, row.Cancel == "not offered");
        Assert.Equal(!info.DefaultModel.Supports(ModelOptions.Webhook), row.Webhook == "none");
        var inline = Regex.Match(row.LocalImages, @"≤(\d+) (KB|MB)");
        Assert.Equal(info.InlineImageLimitBytes, inline.Success ? long.Parse(inline.Groups[1].Value, CultureInfo.InvariantCulture) * (inline.Groups[2].Value == "MB" ? 1024 * 1024 : 1024) : null);
    }

    private static (Row Row, ProviderInfo Info) RowOf(string provider) =>
        (Table.Value.Single(row => Ticked(row.Provider).First() == provider), ProviderCatalog.Get(provider).Info);

    /// <summary>"5, 10, 15 s" or "4-15 s (default 8)": the seconds listed, or every second of the range.</summary>
    private static IEnumerable<int> Durations(string cell)
    {
        var text = Regex.Match(cell, @"^[\d, -]+(?= s)").Value;
        var range = Regex.Match(text, @"^(\d+)-(\d+)$");
        return range.Success
            ? Enumerable.Range(int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture) - int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture) + 1)
            : text.Split(',').Select(part => int.Parse(part.Trim(), CultureInfo.InvariantCulture));
    }

    /// <summary>The `code` spans of a cell, in order.</summary>
    private static IEnumerable<string> Ticked(string cell) => Regex.Matches(cell, "`([^`]+)`").Select(match => match.Groups[1].Value);

    private static IReadOnlyList<Row> ReadTable()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var section = lines.SkipWhile(line => line != "## Providers").Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal));
        // The rows below the header's |---| line.
        return section
            .SkipWhile(line => !line.StartsWith("|---", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => line.StartsWith("| ", StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .Select(cells => new Row(cells[0], cells[1], cells[2], cells[4], cells[5], cells[6], cells[7], cells[8], cells[9], cells[10], cells[11]))
            .ToList();
    }

    private sealed record Row(string Provider, string KeyVariable, string DefaultModel, string Durations, string Resolutions, string Images, string References, string Price, string Cancel, string Webhook, string LocalImages);
}
