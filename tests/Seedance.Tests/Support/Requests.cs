namespace Seedance.Tests.Support;

/// <summary>Small builders for requests tests use often.</summary>
internal static class Requests
{
    public static VideoRequest ImageToVideo(string imagePath, string prompt = "slow orbital pan", int? duration = 5)
    {
        var request = new VideoRequest { Prompt = prompt, DurationSeconds = duration };
        request.Images.Add(ImageInput.FromFile(imagePath));
        return request;
    }

    public static VideoRequest FromUrl(string url = "https://images.example.com/shot.jpg", string prompt = "slow orbital pan")
    {
        var request = new VideoRequest { Prompt = prompt };
        request.Images.Add(ImageInput.FromUri(new Uri(url)));
        return request;
    }
}
