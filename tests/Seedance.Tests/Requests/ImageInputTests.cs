using System.Text;
using Seedance.Emulator.Media;
using Seedance.Media;

namespace Seedance.Tests.Requests;

/// <summary>
/// Images that would be sent, or paid for, and fail: damaged files, sizes the provider refuses, addresses it
/// cannot or should not fetch. Each is refused while the request is prepared, with no request sent.
/// </summary>
public sealed class ImageInputTests : IDisposable
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    private readonly EmulatorHarness _harness = new();

    [Fact]
    public void A_png_cut_off_inside_its_image_data_is_refused()
    {
        var whole = File.ReadAllBytes(_harness.NewImage(width: 640, height: 360));
        var cut = Write("cut.png", whole.Take(200).ToArray());

        var error = _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", Support.Requests.ImageToVideo(cut), "ImageTruncated", "Image");

        Assert.Equal($"-Image '{cut}' is cut off: the PNG ends after 200 bytes, before its end (IEND), so part of the picture is missing. Copy or export the image again.", error.Message);
    }

    [Theory]
    [InlineData("sig.png", "89504E470D0A1A0A", "the PNG ends after 8 bytes, before the header that gives its pixel size (IHDR)")]
    [InlineData("sig.jpg", "FFD8FF", "the JPEG ends after 3 bytes, before the frame header that gives its pixel size (SOF)")]
    [InlineData("header.jpg", "FFD8FFE000104A46494600010100000100010000", "the JPEG ends after 20 bytes, before the frame header that gives its pixel size (SOF)")]
    public void A_file_that_is_only_a_signature_or_header_is_refused(string name, string hex, string expected)
    {
        var path = Write(name, Convert.FromHexString(hex));

        var error = _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", Support.Requests.ImageToVideo(path), "ImageTruncated", "Image");

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_jpeg_without_its_end_of_image_marker_is_refused()
    {
        var whole = SampleJpeg.Bytes(640, 360);
        var path = Write("cut.jpg", whole.Take(whole.Length - 2).ToArray());

        var error = _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", Support.Requests.ImageToVideo(path), "ImageTruncated", "Image");

        Assert.Contains("before its end-of-image marker (EOI)", error.Message);
    }

    [Fact]
    public void A_png_whose_first_chunk_is_not_its_header_is_refused_as_damaged()
    {
        var path = Write("damaged.png", PngSignature.Concat(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 }).ToArray());

        var error = _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", Support.Requests.ImageToVideo(path), "ImageDamaged", "Image");

        Assert.Contains("its first chunk is not the header (IHDR)", error.Message);
    }

    [Fact]
    public void A_whole_jpeg_is_taken_with_the_pixel_size_its_header_gives()
    {
        var path = Write("photo.dat", SampleJpeg.Bytes(641, 359));

        var image = _harness.Connect("Ark").Prepare(Support.Requests.ImageToVideo(path)).Images.Single();

        Assert.Equal(("image/jpeg", 641, 359), (image.MediaType, image.Width, image.Height));
        Assert.StartsWith("data:image/jpeg;base64,", image.WireValue);
    }

    [Fact]
    public void An_endless_stream_is_read_one_byte_past_the_limit_and_no_further()
    {
        var endless = new EndlessStream();

        Assert.Null(ImageLoader.ReadAtMost(endless, 10 * 1024 * 1024));
        Assert.Equal(10 * 1024 * 1024 + 1, endless.Served);
    }

    [Fact]
    public void Ark_refuses_an_image_with_a_side_under_300_pixels_before_any_request()
    {
        var small = _harness.NewImage(width: 320, height: 180);

        var error = _harness.AssertRefusedBeforeAnyRequest("Ark", Support.Requests.ImageToVideo(small), "ImageSideOutOfRange", "Image");

        Assert.Contains("is 320x180 pixels; Ark model dreamina-seedance-2-0-fast-260128 takes images whose sides are 300 to 6000 pixels.", error.Message);
    }

    [Theory]
    [InlineData(750, 300)]
    [InlineData(300, 750)]
    public void Ark_refuses_an_image_at_or_past_its_ratio_limits(int width, int height)
    {
        var request = Support.Requests.ImageToVideo(_harness.NewImage(width: width, height: height));

        _harness.AssertRefusedBeforeAnyRequest("Ark", request, "ImageAspectRatioOutOfRange", "Image");
    }

    [Fact]
    public void Ark_refuses_a_last_frame_it_would_refuse_as_a_first_frame()
    {
        var request = Support.Requests.ImageToVideo(_harness.NewImage(width: 640, height: 360));
        request.LastImage = ImageInput.FromFile(_harness.NewImage(width: 200, height: 200));

        _harness.AssertRefusedBeforeAnyRequest("Ark", request, "ImageSideOutOfRange", "LastImage");
    }

    [Theory]
    [InlineData(300, 300)]
    [InlineData(749, 300)]
    [InlineData(300, 749)]
    public async Task Ark_takes_images_just_inside_its_limits(int width, int height)
    {
        var connection = _harness.Connect("Ark");

        var task = await connection.SubmitAsync(connection.Prepare(Support.Requests.ImageToVideo(_harness.NewImage(width: width, height: height))), CancellationToken.None);

        Assert.Equal(1, _harness.Server.Tasks.Peek(task.Id)!.Spec.ImageCount);
    }

    [Fact]
    public void A_provider_that_documents_no_pixel_limit_takes_a_small_image()
    {
        var prepared = _harness.Connect("WaveSpeed").Prepare(Support.Requests.ImageToVideo(_harness.NewImage(width: 320, height: 180)));

        Assert.Equal((320, 180), (prepared.Images[0].Width, prepared.Images[0].Height));
    }

    [Fact]
    public void A_plain_http_image_url_to_another_machine_is_refused()
    {
        var error = _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", Support.Requests.FromUrl("http://images.example.com/shot.jpg"), "ImageUrlInsecure", "Image");

        Assert.Equal("-Image 'http://images.example.com' uses plain http://, which is allowed only for this machine (127.0.0.1, ::1, localhost). Use https://.", error.Message);
    }

    [Fact]
    public void A_plain_http_image_url_on_this_machine_is_taken()
    {
        var prepared = _harness.Connect("WaveSpeed").Prepare(Support.Requests.FromUrl("http://127.0.0.1:8080/shot.jpg"));

        Assert.Equal("http://127.0.0.1:8080/shot.jpg", prepared.Images.Single().WireValue);
    }

    [Theory]
    [InlineData("ftp://user:secret@files.example.com/shot.png", "-Image 'ftp://files.example.com/shot.png' is neither a file path nor an http(s) URL", "Download it")]
    [InlineData("file:///tmp/shot.png", "-Image 'file:///tmp/shot.png' is neither a file path nor an http(s) URL", "give its path: /tmp/shot.png")]
    public void Other_schemes_are_refused_with_what_to_give_instead(string url, string start, string advice)
    {
        var request = new VideoRequest { Prompt = "slow pan" };
        request.Images.Add(ImageInput.Parse(url));

        var error = _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", request, "ImageUriSchemeNotSupported", "Image");

        Assert.StartsWith(start, error.Message);
        Assert.Contains(advice, error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Theory]
    [InlineData(@"C:\shots\a.png")]
    [InlineData("/tmp/shots/a.png")]
    [InlineData("shots/a:b.png")]
    public void A_path_is_a_path_even_where_it_looks_like_a_uri(string path) =>
        Assert.Equal(path, ImageInput.Parse(path).LocalPath);

    [Fact]
    public async Task A_data_uri_is_checked_like_a_file_and_sent_inline_whatever_its_length()
    {
        // A 640x360 sample is far longer than the 65,519 characters System.Uri takes.
        var bytes = File.ReadAllBytes(_harness.NewImage(width: 640, height: 360));
        var dataUri = "data:image/png;base64," + Convert.ToBase64String(bytes);
        Assert.True(dataUri.Length > 65519);
        var request = new VideoRequest { Prompt = "slow pan" };
        request.Images.Add(ImageInput.Parse(dataUri));
        var connection = _harness.Connect("Ark");

        var prepared = connection.Prepare(request);
        var task = await connection.SubmitAsync(prepared, CancellationToken.None);

        Assert.Equal((640, 360), (prepared.Images[0].Width, prepared.Images[0].Height));
        var sent = System.Text.Json.Nodes.JsonNode.Parse(_harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody)!["content"]!.AsArray();
        Assert.Equal(dataUri, (string?)sent.Single(item => (string?)item!["type"] == "image_url")!["image_url"]!["url"]);
        Assert.StartsWith("data:image/png;base64,… (", request.Images[0].ToString());
    }

    [Fact]
    public async Task A_data_uri_is_uploaded_where_the_provider_takes_no_inline_images()
    {
        var request = new VideoRequest { Prompt = "slow pan" };
        request.Images.Add(ImageInput.Parse("data:image/jpeg;base64," + Convert.ToBase64String(SampleJpeg.Bytes(320, 180))));
        var connection = _harness.Connect("WaveSpeed");

        var task = await connection.SubmitAsync(connection.Prepare(request), CancellationToken.None);

        Assert.Contains(_harness.Server.RequestsTo("WaveSpeed"), sent => sent.Path.EndsWith("/media/uploads", StringComparison.Ordinal));
        Assert.DoesNotContain("data:", _harness.Server.Tasks.Peek(task.Id)!.Spec.RawBody);
    }

    [Fact]
    public void A_data_uri_is_held_to_the_pixel_limits_too()
    {
        var request = new VideoRequest { Prompt = "slow pan" };
        request.Images.Add(ImageInput.Parse("data:image/jpeg;base64," + Convert.ToBase64String(SampleJpeg.Bytes(320, 180))));

        _harness.AssertRefusedBeforeAnyRequest("Ark", request, "ImageSideOutOfRange", "Image");
    }

    [Theory]
    [InlineData("data:image/png,not-base64")]
    [InlineData("data:image/png;base64")]
    [InlineData("data:image/png;base64,@@@@")]
    public void A_malformed_data_uri_is_refused(string dataUri)
    {
        var request = new VideoRequest { Prompt = "slow pan" };
        request.Images.Add(ImageInput.Parse(dataUri));

        _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", request, "ImageDataUriInvalid", "Image");
    }

    [Fact]
    public void A_data_uri_that_is_not_an_image_is_refused_by_its_content()
    {
        var request = new VideoRequest { Prompt = "slow pan" };
        request.Images.Add(ImageInput.Parse("data:image/png;base64," + Convert.ToBase64String(Encoding.ASCII.GetBytes("GIF89a and more"))));

        _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", request, "ImageFormatNotSupported", "Image");
    }

    [Fact]
    public void A_data_uri_over_the_size_limit_is_refused()
    {
        var request = new VideoRequest { Prompt = "slow pan" };
        request.Images.Add(ImageInput.Parse("data:image/png;base64," + new string('A', 15 * 1024 * 1024)));

        var error = _harness.AssertRefusedBeforeAnyRequest("WaveSpeed", request, "ImageTooLarge", "Image");

        Assert.Contains("the limit of 10 MB", error.Message);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = _harness.Folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => _harness.Dispose();

    /// <summary>A stream that never ends, like /dev/zero, counting what it served.</summary>
    private sealed class EndlessStream : MemoryStream
    {
        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            Served += count;
            return count;
        }
    }
}
