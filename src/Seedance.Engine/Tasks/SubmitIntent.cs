using System.Security.Cryptography;
using System.Text;
using Seedance.Providers;
using Seedance.Requests;

namespace Seedance.Tasks;

/// <summary>
/// What one submit carried, journalled before it goes out: where it went and enough of what it asked for to
/// recognise its task in the provider's list if the answer never comes (a timeout, a dropped connection, a
/// killed process). Images are kept as their URLs, or as a digest of the data: URI (or signed URL) they travelled in.
/// </summary>
public sealed class SubmitIntent
{
    private const string DigestPrefix = "sha256:";

    public SubmitIntent(string id, string provider, string model, DateTimeOffset sentAt)
    {
        Id = id;
        Provider = provider;
        Model = model;
        SentAt = sentAt;
    }

    public string Id { get; }

    public string Provider { get; }

    /// <summary>The model id in the module's spelling.</summary>
    public string Model { get; }

    /// <summary>When the submit went out, by this machine's clock.</summary>
    public DateTimeOffset SentAt { get; }

    public string? Connection { get; init; }

    /// <summary>The API base the submit went to: the intent is settled there, never at another address.</summary>
    public string? BaseUri { get; init; }

    public string? Prompt { get; init; }

    /// <summary>SHA-256 of the prompt (hex), what a listed task's prompt is compared by.</summary>
    public string? PromptDigest { get; init; }

    /// <summary>The seconds asked for; null when the model chooses the length (-Duration -1).</summary>
    public int? DurationSeconds { get; init; }

    /// <summary>The resolution sent, or null when the model's default applied (then any listed one fits).</summary>
    public string? Resolution { get; init; }

    /// <summary>The aspect ratio sent, or null when none was.</summary>
    public string? AspectRatio { get; init; }

    /// <summary>Each image as sent: its URL, or <c>sha256:</c> and the digest of its data: URI (or of a URL with a query).</summary>
    public IReadOnlyList<string> Images { get; init; } = Array.Empty<string>();

    /// <summary>The reference sent with the submit where the provider takes one and lists it (Ark's safety_identifier).</summary>
    public string? ClientReference { get; init; }

    public decimal? EstimatedCost { get; init; }

    /// <summary>
    /// The intent of <paramref name="request"/>, about to be sent through <paramref name="connection"/>. A provider
    /// that lists a client reference gets a fresh one, so its own task can be told from an identical stranger's.
    /// </summary>
    internal static SubmitIntent For(PreparedRequest request, ProviderInfo provider, string connection, Uri baseUri)
    {
        var id = Guid.NewGuid().ToString("N");
        return new SubmitIntent(id, provider.Name, request.Model.Id, DateTimeOffset.UtcNow)
        {
            Connection = connection,
            BaseUri = baseUri.AbsoluteUri,
            Prompt = request.Prompt,
            PromptDigest = request.Prompt is null ? null : Digest(request.Prompt),
            DurationSeconds = request.ModelChoosesDuration ? null : request.DurationSeconds,
            Resolution = request.Resolution,
            AspectRatio = request.AspectRatio,
            Images = request.Images.Concat(request.LastImage is null ? Enumerable.Empty<Media.PreparedImage>() : new[] { request.LastImage }).Select(image => Fingerprint(image.WireValue)).ToList(),
            ClientReference = ReferenceSent(request, provider, id),
            EstimatedCost = request.EstimatedCost,
        };
    }

    /// <summary>
    /// Whether <paramref name="listed"/> can be this submit's task: every field both sides show must agree.
    /// <see cref="ListedFit.Same"/> needs at least one that identifies a submit (its prompt, its images or its
    /// reference) to have been compared; a task that agrees only on what many submits share is
    /// <see cref="ListedFit.Undecided"/>.
    /// </summary>
    internal ListedFit Fit(ListedTask listed, ProviderInfo provider)
    {
        var model = provider.FindModel(Model);
        if (model is null || !model.IsKnownAs(listed.Task.Model) || listed.Task.CreatedAt < SentAt - LostSubmitRecovery.ClockSlack)
        {
            return ListedFit.Other;
        }

        var identified = false;
        if (listed.Prompt is not null)
        {
            if (Digest(listed.Prompt) != PromptDigest)
            {
                return ListedFit.Other;
            }

            identified = true;
        }

        if (listed.ClientReference is not null)
        {
            if (listed.ClientReference != ClientReference)
            {
                return ListedFit.Other;
            }

            // A reference the user chose (-ExtraField) may be on many of their tasks; only this submit's own tells it apart.
            identified |= ClientReference == OwnReference(Id);
        }

        if (listed.Images is { } images)
        {
            if (!images.Select(Fingerprint).OrderBy(image => image, StringComparer.Ordinal).SequenceEqual(Images.OrderBy(image => image, StringComparer.Ordinal)))
            {
                return ListedFit.Other;
            }

            identified |= images.Count > 0;
        }

        var disagrees = (listed.DurationSeconds is { } duration && DurationSeconds is not null && duration != DurationSeconds)
            // What was left unsent, or sent as "the provider chooses", the provider fills in: anything fits it.
            || (listed.Resolution is { } resolution && Resolution is not null && !string.Equals(resolution, Resolution, StringComparison.OrdinalIgnoreCase))
            || (listed.AspectRatio is { } ratio && AspectRatio is not null && AspectRatio.Contains(':') && ratio != AspectRatio);
        return disagrees ? ListedFit.Other : identified ? ListedFit.Same : ListedFit.Undecided;
    }

    /// <summary>The submit in words, for warnings: where it went, when, and what it asked for.</summary>
    public string Describe()
    {
        var prompt = Prompt is null ? "no prompt" : Prompt.Length > 80 ? $"prompt '{Prompt.Substring(0, 77)}...'" : $"prompt '{Prompt}'";
        var images = Images.Count switch { 0 => string.Empty, 1 => ", 1 image", _ => $", {Images.Count} images" };
        return $"The submit to {Provider} ({BaseUri}) sent at {SentAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({Model}, {(DurationSeconds is { } seconds ? $"{seconds} s" : "length chosen by the model")}, {prompt}{images})";
    }

    /// <summary>
    /// The reference the submit carries where the provider keeps one: this submit's own, unless the user sent a value
    /// of their own in that field (-ExtraField), which then goes out instead and is what the list will show.
    /// </summary>
    private static string? ReferenceSent(PreparedRequest request, ProviderInfo provider, string id) =>
        provider.ClientReferenceField is not { } field ? null
        : request.Source.ExtraFields.TryGetValue(field, out var chosen) ? Convert.ToString(chosen, System.Globalization.CultureInfo.InvariantCulture)
        : OwnReference(id);

    private static string OwnReference(string id) => "seedance-" + id;

    /// <summary>SHA-256 of <paramref name="text"/> in UTF-8, as lowercase hex.</summary>
    public static string Digest(string text)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(value => value.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// An image as the journal keeps it: a plain URL as it is; a data: URI (megabytes of base64) or a URL with a query
    /// (which may carry a signature or token, e.g. a SAS URL) by its digest, which compares as well and shows nothing.
    /// </summary>
    private static string Fingerprint(string wireValue) =>
        wireValue.StartsWith("data:", StringComparison.Ordinal) || wireValue.IndexOf('?') >= 0 ? DigestPrefix + Digest(wireValue) : wireValue;
}
