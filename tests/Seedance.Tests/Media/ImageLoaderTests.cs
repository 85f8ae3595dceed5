using Seedance.Media;

namespace Seedance.Tests.Media;

public sealed class ImageLoaderTests
{
    [Fact]
    public void A_png_becomes_a_png_data_uri()
    {
        using var folder = new TempFolder();
        var path = folder.File("shot.png");
        Seedance.Emulator.Media.SampleImage.WritePng(path, 32, 16, 3);

        var image = ImageLoader.Load(ImageInput.FromFile(path), 10 * 1024 * 1024, "Image");

        Assert.StartsWith("data:image/png;base64,", image.WireValue);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(new FileInfo(path).Length, image.Length);
    }

    [Fact]
    public void A_jpeg_is_recognised_by_its_bytes_whatever_its_name()
    {
        using var folder = new TempFolder();
        var path = folder.File("photo.dat");
        File.WriteAllBytes(path, SampleJpeg.Bytes(32, 16));

        Assert.Equal("image/jpeg", ImageLoader.Load(ImageInput.FromFile(path), 1024, "Image").MediaType);
    }

    [Fact]
    public void A_gif_named_jpg_is_refused()
    {
        using var folder = new TempFolder();
        var path = folder.File("fake.jpg");
        File.WriteAllBytes(path, System.Text.Encoding.ASCII.GetBytes("GIF89a....."));

        var error = Assert.Throws<SeedanceException>(() => ImageLoader.Load(ImageInput.FromFile(path), 1024, "Image"));

        Assert.Equal("ImageFormatNotSupported", error.ErrorId);
        Assert.Contains("not a JPEG or PNG", error.Message);
    }

    [Fact]
    public void An_image_over_the_limit_is_refused_with_both_sizes()
    {
        using var folder = new TempFolder();
        var path = folder.File("big.png");
        var bytes = new byte[2 * 1024 * 1024];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<SeedanceException>(() => ImageLoader.Load(ImageInput.FromFile(path), 1024 * 1024, "Image"));

        Assert.Equal("ImageTooLarge", error.ErrorId);
        Assert.Contains("2 MB", error.Message);
        Assert.Contains("the limit is 1 MB", error.Message);
    }

    [Fact]
    public void A_folder_is_refused_with_advice()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<SeedanceException>(() => ImageLoader.Load(ImageInput.FromFile(folder.Path), 1024, "Image"));

        Assert.Equal("ImageIsDirectory", error.ErrorId);
        Assert.Contains("Get-ChildItem", error.Message);
    }

    [Fact]
    public void Urls_pass_through_untouched()
    {
        var image = ImageLoader.Load(ImageInput.Parse("https://cdn.example.com/a.png?sig=abc"), 1024, "Image");

        Assert.Equal("https://cdn.example.com/a.png?sig=abc", image.WireValue);
        Assert.Null(image.MediaType);
    }

    [Theory]
    [InlineData("https://example.com/a.png", false)]
    [InlineData("data:image/png;base64,AAAA", false)]
    [InlineData("./shots/a.png", true)]
    [InlineData("a.png", true)]
    public void Parse_tells_files_from_urls(string text, bool isFile) =>
        Assert.Equal(isFile, ImageInput.Parse(text).IsFile);
}
