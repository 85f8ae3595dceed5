namespace Seedance;

/// <summary>
/// Every error id the module raises: the stable words scripts match <c>FullyQualifiedErrorId</c> on, so each is
/// spelled once. Provider codes (Ark's <c>InputImageRiskDetection</c>...) are the providers' own and live with them.
/// </summary>
public static class ErrorIds
{
    public const string ApiKeyEmpty = nameof(ApiKeyEmpty);

    public const string ApiKeyHasWhitespace = nameof(ApiKeyHasWhitespace);

    public const string ApiKeyMissing = nameof(ApiKeyMissing);

    public const string ApiKeyNotAscii = nameof(ApiKeyNotAscii);

    public const string AspectRatioNotSupported = nameof(AspectRatioNotSupported);

    public const string AuthenticationFailed = nameof(AuthenticationFailed);

    public const string BaseUriHasCredentials = nameof(BaseUriHasCredentials);

    public const string BaseUriHasDotSegments = nameof(BaseUriHasDotSegments);

    public const string BaseUriHasFragment = nameof(BaseUriHasFragment);

    public const string BaseUriHasQuery = nameof(BaseUriHasQuery);

    public const string BaseUriInsecure = nameof(BaseUriInsecure);

    public const string BaseUriNotAbsolute = nameof(BaseUriNotAbsolute);

    public const string ClipsNotJoinable = nameof(ClipsNotJoinable);

    public const string ConnectionNotFound = nameof(ConnectionNotFound);

    public const string ContentPolicyViolation = nameof(ContentPolicyViolation);

    public const string ContinueFromNoLastFrame = nameof(ContinueFromNoLastFrame);

    public const string ContinueFromNotFinished = nameof(ContinueFromNotFinished);

    public const string ContinueFromNotFound = nameof(ContinueFromNotFound);

    public const string ContinueFromNotVideo = nameof(ContinueFromNotVideo);

    public const string ContinueFromNoVideo = nameof(ContinueFromNoVideo);

    public const string ContinueFromWithImage = nameof(ContinueFromWithImage);

    public const string CostLimitExceeded = nameof(CostLimitExceeded);

    public const string CostUnknown = nameof(CostUnknown);

    public const string DownloadCorrupt = nameof(DownloadCorrupt);

    public const string DownloadFailed = nameof(DownloadFailed);

    public const string DownloadRefused = nameof(DownloadRefused);

    public const string DurationNotSupported = nameof(DurationNotSupported);

    public const string EmulatorNotRunning = nameof(EmulatorNotRunning);

    public const string EmulatorRunning = nameof(EmulatorRunning);

    public const string EmulatorSettingInvalid = nameof(EmulatorSettingInvalid);

    public const string EnvironmentSettingInvalid = nameof(EnvironmentSettingInvalid);

    public const string ExtraFieldModelled = nameof(ExtraFieldModelled);

    public const string ExtraFieldUnchecked = nameof(ExtraFieldUnchecked);

    public const string ExtraFieldValueNotJson = nameof(ExtraFieldValueNotJson);

    public const string FaultPlanInvalid = nameof(FaultPlanInvalid);

    public const string FfmpegFailed = nameof(FfmpegFailed);

    public const string FfmpegNotFound = nameof(FfmpegNotFound);

    public const string FileExists = nameof(FileExists);

    public const string ImageAspectRatioOutOfRange = nameof(ImageAspectRatioOutOfRange);

    public const string ImageDamaged = nameof(ImageDamaged);

    public const string ImageDataUriInvalid = nameof(ImageDataUriInvalid);

    public const string ImageEmpty = nameof(ImageEmpty);

    public const string ImageFormatNotSupported = nameof(ImageFormatNotSupported);

    public const string ImageIsDirectory = nameof(ImageIsDirectory);

    public const string ImageNotFound = nameof(ImageNotFound);

    public const string ImageSideOutOfRange = nameof(ImageSideOutOfRange);

    public const string ImageTooLarge = nameof(ImageTooLarge);

    public const string ImageTooLargeToSend = nameof(ImageTooLargeToSend);

    public const string ImageTruncated = nameof(ImageTruncated);

    public const string ImageUnreadable = nameof(ImageUnreadable);

    public const string ImageUriSchemeNotSupported = nameof(ImageUriSchemeNotSupported);

    public const string ImageUrlInsecure = nameof(ImageUrlInsecure);

    public const string InsecureUri = nameof(InsecureUri);

    public const string InsufficientBalance = nameof(InsufficientBalance);

    public const string LastImageWithReferences = nameof(LastImageWithReferences);

    public const string LastImageWithoutFirst = nameof(LastImageWithoutFirst);

    public const string ModelNotKnown = nameof(ModelNotKnown);

    public const string NetworkFailure = nameof(NetworkFailure);

    public const string NoVideo = nameof(NoVideo);

    public const string NotConnected = nameof(NotConnected);

    public const string NotFound = nameof(NotFound);

    public const string ParameterNotSupported = nameof(ParameterNotSupported);

    public const string PathTakenInBatch = nameof(PathTakenInBatch);

    public const string PromptInvisible = nameof(PromptInvisible);

    public const string PromptRequired = nameof(PromptRequired);

    public const string PromptTooLong = nameof(PromptTooLong);

    public const string ProviderError = nameof(ProviderError);

    public const string ProviderNotEmulated = nameof(ProviderNotEmulated);

    public const string ProviderNotKnown = nameof(ProviderNotKnown);

    public const string ProviderTimeout = nameof(ProviderTimeout);

    public const string RateLimited = nameof(RateLimited);

    public const string ReferenceAudioWithoutVisual = nameof(ReferenceAudioWithoutVisual);

    public const string ReferenceClipLengthOutOfRange = nameof(ReferenceClipLengthOutOfRange);

    public const string ReferenceClipsTooLong = nameof(ReferenceClipsTooLong);

    public const string ReferenceImagesNotSupported = nameof(ReferenceImagesNotSupported);

    public const string ReferenceImageWithImage = nameof(ReferenceImageWithImage);

    public const string ReferenceMediaEmpty = nameof(ReferenceMediaEmpty);

    public const string ReferenceMediaFileNotSent = nameof(ReferenceMediaFileNotSent);

    public const string ReferenceMediaFileNotFound = nameof(ReferenceMediaFileNotFound);

    public const string ReferenceMediaNotSupported = nameof(ReferenceMediaNotSupported);

    public const string ReferenceMediaNotAudio = nameof(ReferenceMediaNotAudio);

    public const string ReferenceMediaNotVideo = nameof(ReferenceMediaNotVideo);

    public const string ReferenceMediaTooLarge = nameof(ReferenceMediaTooLarge);

    public const string ReferenceMediaUrlNotSupported = nameof(ReferenceMediaUrlNotSupported);

    public const string ReferenceVideoFrameRateOutOfRange = nameof(ReferenceVideoFrameRateOutOfRange);

    public const string ReferenceVideoSizeOutOfRange = nameof(ReferenceVideoSizeOutOfRange);

    public const string RegionNotKnown = nameof(RegionNotKnown);

    public const string RegionNotSupported = nameof(RegionNotSupported);

    public const string RequestRejected = nameof(RequestRejected);

    public const string ResolutionNotSupported = nameof(ResolutionNotSupported);

    public const string SeedOutOfRange = nameof(SeedOutOfRange);

    public const string ShotEmpty = nameof(ShotEmpty);

    public const string StoryboardClipFailed = nameof(StoryboardClipFailed);

    public const string StoryboardEmpty = nameof(StoryboardEmpty);

    public const string SubmitNotCreated = nameof(SubmitNotCreated);

    public const string SubmitOutcomeUnknown = nameof(SubmitOutcomeUnknown);

    public const string TaskStuck = nameof(TaskStuck);

    public const string TooFewImages = nameof(TooFewImages);

    public const string TooManyImages = nameof(TooManyImages);

    public const string TooManyReferenceAudios = nameof(TooManyReferenceAudios);

    public const string TooManyReferenceVideos = nameof(TooManyReferenceVideos);

    public const string TooManyShots = nameof(TooManyShots);

    public const string UnexpectedFailure = nameof(UnexpectedFailure);

    public const string UnexpectedResponse = nameof(UnexpectedResponse);

    public const string VideoUrlExpired = nameof(VideoUrlExpired);

    public const string WaitTimedOut = nameof(WaitTimedOut);

    public const string WebhookBodyInvalid = nameof(WebhookBodyInvalid);

    public const string WebhookKeysUnavailable = nameof(WebhookKeysUnavailable);

    public const string WebhookNotOffered = nameof(WebhookNotOffered);

    public const string WebhookSecretInvalid = nameof(WebhookSecretInvalid);

    public const string WebhookSecretRequired = nameof(WebhookSecretRequired);

    public const string WebhookSignatureInvalid = nameof(WebhookSignatureInvalid);

    public const string WebhookSignatureMissing = nameof(WebhookSignatureMissing);

    public const string WebhookTimestampInvalid = nameof(WebhookTimestampInvalid);

    public const string WebhookTimestampStale = nameof(WebhookTimestampStale);

    public const string WebhookUrlHasCredentials = nameof(WebhookUrlHasCredentials);

    public const string WebhookUrlInsecure = nameof(WebhookUrlInsecure);
}
