using System.Text.Json.Nodes;
using Seedance.Pricing;
using Seedance.Providers;

namespace Seedance.Tests.Requests;

/// <summary>
/// -ExtraField adds what the module does not model and can never override what it does: the request that was
/// validated, priced, shown, returned and journalled is the one the provider receives.
/// </summary>
public sealed class ExtraFieldTests : IDisposable
{
    private readonly EmulatorHarness _harness = new();

    /// <summary>A wire field each provider's mapping fills, and the parameter that fills it.</summary>
    public static TheoryData<string, string, string> ModelledFields => new()
    {
        { "WaveSpeed", "duration", "Duration" },
        { "WaveSpeed", "images", "Image" },
        { "WaveSpeed", "webhook", "WebhookUrl" },
        { "WaveSpeed", "Model", "Model" },
        { "AIMLAPI", "model", "Model" },
        { "AIMLAPI", "resolution", "Resolution" },
        { "AIMLAPI", "camerafixed", "CameraFixed" },
        { "Ark", "content", "Prompt and -Image" },
        { "Ark", "frames", "Duration" },
        { "Ark", "ratio", "AspectRatio" },
        { "Ark", "callback_url", "WebhookUrl" },
        { "fal", "end_image_url", "LastImage" },
        { "fal", "duration", "Duration" },
        { "Replicate", "prompt", "Prompt" },
        { "Replicate", "last_frame_image", "LastImage" },
        { "AtlasCloud", "webhook_url", "WebhookUrl" },
        { "AtlasCloud", "aspect_ratio", "AspectRatio" },
    };

    [Fact]
    public void The_override_that_ran_a_15_s_1080p_standard_task_under_MaxCost_1_is_refused_before_any_request()
    {
        var request = Support.Requests.ImageToVideo(_harness.NewImage());
        request.ExtraFields["duration"] = 15;
        request.ExtraFields["model"] = "bytedance/seedance-2.0/image-to-video";
        request.ExtraFields["resolution"] = "1080p";

        var error = _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", request, "ExtraFieldModelled", "ExtraField");

        Assert.Equal("-ExtraField 'duration' would override what the module sends to WaveSpeed for -Duration. Use -Duration instead, so that what is estimated, shown, returned and journalled is what is sent.", error.Message);
        Assert.Equal(0, _harness.Submits());
    }

    [Theory]
    [MemberData(nameof(ModelledFields))]
    public void A_field_the_mapping_fills_is_refused_naming_the_parameter_to_use(string provider, string field, string parameter)
    {
        var request = Support.Requests.FromUrl();
        request.ExtraFields[field] = "anything";

        var error = _harness.AssertRefusedBeforeAnyRequest(provider, request, "ExtraFieldModelled", "ExtraField");

        Assert.Contains($"Use -{parameter} instead", error.Message);
    }

    [Fact]
    public void A_plain_http_callback_cannot_get_past_the_webhook_check_as_an_extra_field()
    {
        var request = Support.Requests.FromUrl();
        request.ExtraFields["callback_url"] = "http://hooks.example.com/done";

        var error = _harness.AssertRefusedBeforeAnyRequest("Ark", request, "ExtraFieldModelled", "ExtraField");

        Assert.Contains("-WebhookUrl", error.Message);
    }

    [Fact]
    public void Reference_videos_whose_cost_the_estimate_cannot_cover_are_refused()
    {
        var request = Support.Requests.FromUrl();
        request.ExtraFields["reference_videos"] = new[] { "https://videos.example.com/clip.mp4" };

        var error = _harness.AssertRefusedBeforeAnyRequest("AtlasCloud", request, "ExtraFieldUnchecked", "ExtraField");

        Assert.Contains("-MaxCost", error.Message);
    }

    [Fact]
    public void Reference_videos_the_module_maps_are_given_with_their_own_parameter()
    {
        var request = Support.Requests.FromUrl();
        request.ExtraFields["video_urls"] = new[] { "https://videos.example.com/clip.mp4" };

        var error = _harness.AssertRefusedBeforeAnyRequest("fal", request, "ExtraFieldModelled", "ExtraField");

        Assert.Contains("Use -ReferenceVideo instead", error.Message);
    }

    [Fact]
    public void A_value_with_no_json_form_is_refused_before_any_request()
    {
        var request = Support.Requests.FromUrl();
        request.ExtraFields["when"] = new System.IO.DirectoryInfo(_harness.Folder.Path);

        var error = _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", request, "ExtraFieldValueNotJson", "ExtraField");

        Assert.Contains("System.IO.DirectoryInfo", error.Message);
    }

    [Fact]
    public void A_hashtable_that_holds_itself_is_refused_instead_of_recursing_forever()
    {
        var loop = new System.Collections.Hashtable();
        loop["self"] = loop;
        var request = Support.Requests.FromUrl();
        request.ExtraFields["options"] = loop;

        _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", request, "ExtraFieldValueNotJson", "ExtraField");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task What_is_sent_is_what_was_estimated_shown_returned_and_journalled(string provider)
    {
        var connection = _harness.Connect(provider);
        var request = Support.Requests.FromUrl();
        request.DurationSeconds = 10;
        request.ExtraFields["client_note"] = new System.Collections.Hashtable { ["batch"] = 7 };

        var prepared = connection.Prepare(request);
        var task = await connection.SubmitAsync(prepared, CancellationToken.None);

        var received = _harness.Server.Tasks.Peek(task.Id)!.Spec;
        var journalled = _harness.Journal.ReadAll().Single(record => record.Id == task.Id);
        Assert.Equal((10, prepared.EffectiveResolution, prepared.Prompt), (received.DurationSeconds, received.Resolution, (string?)received.Prompt));
        Assert.Equal(prepared.EstimatedCost, CostEstimator.Estimate(prepared.Model, received.DurationSeconds, received.Resolution));
        Assert.Equal((prepared.Model.Id, 10, prepared.EffectiveResolution, prepared.EstimatedCost), (task.Model, task.DurationSeconds, task.Resolution, task.EstimatedCost));
        Assert.Equal((task.Model, 10, task.Resolution, task.EstimatedCost, task.Prompt), (journalled.Model, journalled.DurationSeconds, journalled.Resolution, journalled.EstimatedCost, journalled.Prompt));
        Assert.StartsWith($"10 s {prepared.EffectiveResolution} video from 1 image on {connection.Provider}", prepared.Summary);
        Assert.EndsWith("; -ExtraField client_note={\"batch\":7}", prepared.Summary);
        Assert.Equal(7, (int)FieldsOf(provider, received.RawBody)["client_note"]!["batch"]!);
    }

    /// <summary>
    /// Every field a mapping writes, for every model with every option it takes, is in the provider's reserved list,
    /// so the list and the mapping cannot drift apart unnoticed.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_field_a_mapping_writes_is_reserved(string provider)
    {
        var connection = _harness.Connect(provider);
        var reserved = connection.ProviderInfo.ReservedFields;
        foreach (var model in connection.ProviderInfo.Models)
        {
            var task = await connection.SubmitAsync(connection.Prepare(EverythingFor(model)), CancellationToken.None);

            // The client reference (Ark's safety_identifier) is the one written field a user may set instead: it names
            // the end user, and recovery matches on whatever value went out.
            var written = FieldsOf(provider, _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody).Select(field => field.Key)
                .Where(field => field != connection.ProviderInfo.ClientReferenceField);
            Assert.All(written, field => Assert.True(reserved.Contains(field), $"{model} writes '{field}', which {provider}'s ReservedFields does not list."));
        }
    }

    public static TheoryData<string> Providers => new(ProviderCatalog.Names);

    /// <summary>A request for <paramref name="model"/> that sets every option the model offers.</summary>
    private static VideoRequest EverythingFor(ModelInfo model)
    {
        var request = new VideoRequest
        {
            Prompt = "slow orbital pan",
            Model = model.Id,
            DurationSeconds = model.Durations.Last(),
            Resolution = model.Resolutions.Count > 0 ? model.DefaultResolution : null,
            AspectRatio = model.AspectRatios.FirstOrDefault(),
            GenerateAudio = model.Supports(ModelOptions.GenerateAudio) ? true : null,
            Seed = model.Supports(ModelOptions.Seed) ? 42 : null,
            CameraFixed = model.Supports(ModelOptions.CameraFixed) ? true : null,
            Watermark = model.Supports(ModelOptions.Watermark) ? true : null,
            // Loopback, so the twin's delivery attempt goes nowhere.
            WebhookUrl = model.Supports(ModelOptions.Webhook) ? new Uri("http://127.0.0.1:9/done") : null,
            LastImage = model.Supports(ModelOptions.LastImage) ? ImageInput.FromUri(new Uri("https://images.example.com/end.jpg")) : null,
        };
        for (var i = 0; i < Math.Min(model.MaxImages, Math.Max(model.MinImages, 1)); i++)
        {
            request.Images.Add(ImageInput.FromUri(new Uri($"https://images.example.com/{i}.jpg")));
        }

        return request;
    }

    /// <summary>The object -ExtraField values join: the body itself, or Replicate's <c>input</c>.</summary>
    private static JsonObject FieldsOf(string provider, string rawBody)
    {
        var body = JsonNode.Parse(rawBody)!.AsObject();
        return provider == "Replicate" ? body["input"]!.AsObject() : body;
    }

    public void Dispose() => _harness.Dispose();
}
