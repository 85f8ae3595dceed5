#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Reference videos and audio as users meet them: sent in each provider's own fields end to end against the emulator,
# bound from CSV rows, refused where a model takes none, and listed by Get-SeedanceModel.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force

    $video = 'https://media.example.com/clips/dance.mp4'
    $audio = 'https://media.example.com/clips/beat.mp3'
    $image = 'https://media.example.com/stills/dancer.png'

    function Get-SentBody {
        (Get-SeedanceEmulatorRecord -Kind Request | Where-Object Method -eq 'POST' | Select-Object -Last 1).Body | ConvertFrom-Json
    }
}

Describe 'Reference videos and audio reach each provider in its own fields' {
    AfterEach { Stop-SeedanceEmulator }

    It 'sends Ark content items with roles reference_image, reference_video and reference_audio, and the task succeeds' {
        Start-SeedanceEmulator -Provider Ark -LatencySec 0.2 | Out-Null
        $task = New-SeedanceVideo -Image $image -ReferenceVideo $video -ReferenceAudio $audio -Prompt '@Image1 dances @Video1 to @Audio1'

        $content = (Get-SentBody).content
        ($content | Where-Object type -eq 'image_url').role | Should -Be 'reference_image'
        ($content | Where-Object type -eq 'video_url').video_url.url | Should -Be $video
        ($content | Where-Object type -eq 'video_url').role | Should -Be 'reference_video'
        ($content | Where-Object type -eq 'audio_url').audio_url.url | Should -Be $audio
        ($content | Where-Object type -eq 'audio_url').role | Should -Be 'reference_audio'
        ($task | Wait-SeedanceTask).State | Should -Be 'Succeeded'
    }

    It 'passes an Ark asset id as it is' {
        Start-SeedanceEmulator -Provider Ark | Out-Null
        New-SeedanceVideo -ReferenceVideo 'asset://asset-20261203-dance' -Prompt 'the moves of @Video1' | Out-Null

        ((Get-SentBody).content | Where-Object type -eq 'video_url').video_url.url | Should -Be 'asset://asset-20261203-dance'
    }

    It 'sends AI/ML API video_urls and audio_urls' {
        Start-SeedanceEmulator -Provider AIMLAPI | Out-Null
        New-SeedanceVideo -ReferenceVideo $video, "${video}?take=2" -ReferenceAudio $audio -Prompt '@Video1 then @Video2 to @Audio1' | Out-Null

        $sent = Get-SentBody
        $sent.video_urls | Should -Be @($video, "${video}?take=2")
        $sent.audio_urls | Should -Be @($audio)
        $sent.PSObject.Properties.Name | Should -Not -Contain 'image_urls'
    }

    It 'sends Replicate reference_videos and reference_audios, an image then going in reference_images' {
        Start-SeedanceEmulator -Provider Replicate | Out-Null
        New-SeedanceVideo -Image $image -ReferenceAudio $audio -Prompt '@Image1 sings @Audio1' | Out-Null

        $input = (Get-SentBody).input
        $input.reference_audios | Should -Be @($audio)
        $input.reference_images | Should -Be @($image)
        $input.PSObject.Properties.Name | Should -Not -Contain 'image'
    }

    It 'binds ReferenceVideo and ReferenceAudio from CSV rows, one task per row' {
        Start-SeedanceEmulator -Provider Ark | Out-Null
        $csv = Join-Path $TestDrive 'references.csv'
        @(
            [pscustomobject]@{ Prompt = 'first: @Video1'; ReferenceVideo = $video; ReferenceAudio = $audio }
            [pscustomobject]@{ Prompt = 'second: @Video1'; ReferenceVideo = "${video}?take=2"; ReferenceAudio = '' }
        ) | Export-Csv $csv -NoTypeInformation

        $tasks = Import-Csv $csv | New-SeedanceVideo

        $tasks | Should -HaveCount 2
        $tasks.Prompt | Should -Be 'first: @Video1', 'second: @Video1'
        # The rows' submits are on the wire together, so each body is found by its prompt, not by when it arrived.
        $bodies = Get-SeedanceEmulatorRecord -Kind Request | Where-Object Method -eq 'POST' | ForEach-Object { $_.Body | ConvertFrom-Json }
        $first = $bodies | Where-Object { $_.content.text -like 'first*' }
        $second = $bodies | Where-Object { $_.content.text -like 'second*' }
        ($first.content | Where-Object type -eq 'video_url').video_url.url | Should -Be $video
        ($first.content | Where-Object type -eq 'audio_url').audio_url.url | Should -Be $audio
        ($second.content | Where-Object type -eq 'video_url').video_url.url | Should -Be "${video}?take=2"
        $second.content.type | Should -Not -Contain 'audio_url'
    }

    It 'estimates a reference video of unknown length as 15 s of input video at the rate with a video input' {
        Start-SeedanceEmulator -Provider Ark | Out-Null
        $model = (Get-SeedanceModel -Provider Ark)[0]

        $withVideo = (Measure-SeedanceCost -ReferenceVideo $video -Prompt 'the moves of @Video1' -Duration 5)[0]
        $plain = (Measure-SeedanceCost -Prompt 'the moves' -Duration 5)[0]

        $withVideo.EstimatedCost | Should -Be ([decimal]::Round($model.PriceWithReferenceVideo.PricePerSecond['720p'] * (5 + 15), 2))
        $withVideo.EstimatedCost | Should -Not -Be $plain.EstimatedCost
    }
}

Describe 'Reference images' {
    AfterEach { Stop-SeedanceEmulator }

    It 'sends one -ReferenceImage as a reference, where one -Image is the first frame' {
        $null = Start-SeedanceEmulator -Provider Ark
        New-SeedanceVideo -ReferenceImage $image -Prompt '@Image1 waves' | Out-Null
        ((Get-SentBody).content | Where-Object type -eq 'image_url').role | Should -Be 'reference_image'

        New-SeedanceVideo -Image $image -Prompt 'slow pan' | Out-Null
        ((Get-SentBody).content | Where-Object type -eq 'image_url').role | Should -Be 'first_frame'
    }

    It 'picks fal''s reference-to-video model for reference images, from a CSV column too' {
        $null = Start-SeedanceEmulator -Provider fal
        $csv = Join-Path $TestDrive 'reference-images.csv'
        [pscustomobject]@{ Prompt = '@Image1 waves'; ReferenceImage = $image } | Export-Csv $csv -NoTypeInformation

        $task = Import-Csv $csv | New-SeedanceVideo

        $task.Model | Should -Be 'bytedance/seedance-2.0/fast/reference-to-video'
        (Get-SentBody).image_urls | Should -Be @($image)
    }

    It 'is refused by a model that takes only a first frame, naming those that take reference images' {
        $null = Start-SeedanceEmulator -Provider Ark
        $failure = $null
        try { New-SeedanceVideo -ReferenceImage $image -Prompt '@Image1' -Model seedance-1-5-pro-251215 -ErrorAction Stop } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ReferenceImagesNotSupported,*'
        $failure.Exception.Message | Should -BeLike '-ReferenceImage is not offered by Ark model seedance-1-5-pro-251215, which takes an image only as the first frame (-Image). Models that take reference images: *'
        Get-SeedanceEmulatorRecord -Kind Request | Should -BeNullOrEmpty
    }
}

Describe 'Local reference clips' {
    BeforeAll {
        $clips = New-Item -ItemType Directory (Join-Path $TestDrive 'clips')
        $moves = Join-Path $clips 'moves.mp4'
        $file = [IO.File]::Create($moves)
        try { [Seedance.Emulator.Media.SyntheticVideo]::WriteMp4($file, [Seedance.Emulator.Media.SyntheticVideoSpec]@{ Width = 864; Height = 496; DurationSeconds = 3; FramesPerSecond = 24 }) }
        finally { $file.Dispose() }
        $beat = Join-Path $clips 'beat.mp3'
        [Seedance.Emulator.Media.SampleAudio]::WriteMp3($beat, 4)
        $voice = Join-Path $clips 'voice.wav'
        [Seedance.Emulator.Media.SampleAudio]::WriteWav($voice, 2.5)
        $ffprobe = Get-Command ffprobe -ErrorAction Stop
    }
    AfterEach { Stop-SeedanceEmulator }

    It 'are real media, priced by the length ffprobe reads too' {
        foreach ($clip in $moves, $beat, $voice) {
            [double](& $ffprobe -v error -show_entries format=duration -of csv=p=0 $clip) | Should -BeGreaterThan 2
        }
        $null = Start-SeedanceEmulator -Provider fal
        $seconds = [decimal][double](& $ffprobe -v error -show_entries format=duration -of csv=p=0 $moves)
        $model = Get-SeedanceModel -Provider fal | Where-Object Id -eq 'bytedance/seedance-2.0/fast/reference-to-video'

        $estimate = (Measure-SeedanceCost -ReferenceVideo $moves -Prompt 'the moves of @Video1' -Duration 5)[0]

        $estimate.Model | Should -Be $model.Id
        $estimate.EstimatedCost | Should -Be ([decimal]::Round($model.PriceWithReferenceVideo.PricePerSecond['720p'] * (5 + $seconds), 2))
    }

    It 'are uploaded to fal and sent as their upload URLs, and the task succeeds' {
        $emu = Start-SeedanceEmulator -Provider fal -LatencySec 0.2
        $task = New-SeedanceVideo -Image $image -ReferenceVideo $moves -ReferenceAudio $beat -Prompt '@Image1 dances @Video1 to @Audio1'

        $sent = Get-SentBody
        $sent.video_urls | Should -HaveCount 1
        $sent.video_urls[0] | Should -BeLike "$($emu.BaseUris['fal'].GetLeftPart('Authority'))/*"
        $sent.audio_urls[0] | Should -BeLike "$($emu.BaseUris['fal'].GetLeftPart('Authority'))/*"
        $sent.video_urls[0] | Should -Not -Be $sent.audio_urls[0]
        ($task | Wait-SeedanceTask).State | Should -Be 'Succeeded'
    }

    It 'go inline to Ark when they are audio, which Ark takes as base64' {
        $null = Start-SeedanceEmulator -Provider Ark
        New-SeedanceVideo -Image $image -ReferenceAudio $voice -Prompt '@Image1 sings @Audio1' | Out-Null

        ((Get-SentBody).content | Where-Object type -eq 'audio_url').audio_url.url | Should -BeLike 'data:audio/wav;base64,*'
    }

    It 'are uploaded to WaveSpeed for its Fast text-to-video page and to Replicate' {
        $key = ConvertTo-SecureString rehearsal -AsPlainText -Force
        $emu = Start-SeedanceEmulator -Provider WaveSpeed -ApiKey $key
        $local = $emu.BaseUris['WaveSpeed'].GetLeftPart('Authority')
        $wave = New-SeedanceVideo -ReferenceVideo $moves -ReferenceAudio $beat -Prompt 'the moves of @Video1 to @Audio1'
        $wave.Model | Should -Be 'bytedance/seedance-2.0-fast/text-to-video'
        $sent = Get-SentBody
        $sent.reference_videos[0] | Should -BeLike "$local/*"
        $sent.reference_audios[0] | Should -BeLike "$local/*"

        $null = Connect-Seedance Replicate -Name replicate -BaseUri $emu.BaseUris['Replicate'] -ApiKey $key
        New-SeedanceVideo -Image $image -ReferenceAudio $voice -Prompt '@Image1 sings @Audio1' -Connection replicate | Out-Null
        (Get-SentBody).input.reference_audios[0] | Should -BeLike "$local/*"
        ($wave | Wait-SeedanceTask).State | Should -Be 'Succeeded'
    }

    It 'are refused before any request when they are too long, naming the clip and the limit' {
        $long = Join-Path $clips 'long.wav'
        [Seedance.Emulator.Media.SampleAudio]::WriteWav($long, 16)
        $null = Start-SeedanceEmulator -Provider Replicate
        $failure = $null
        try { New-SeedanceVideo -Image $image -ReferenceAudio $long -Prompt '@Audio1' -ErrorAction Stop } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ReferenceClipLengthOutOfRange,*'
        $failure.Exception.Message | Should -BeLike "-ReferenceAudio '$long' lasts 16 s; Replicate model bytedance/seedance-2.0-fast takes reference clips of 2 to 15 s.*"
        Get-SeedanceEmulatorRecord -Kind Request | Should -BeNullOrEmpty
    }
}

Describe 'Refusals before anything is sent' {
    BeforeAll {
        $key = ConvertTo-SecureString rehearsal -AsPlainText -Force
        $emu = Start-SeedanceEmulator -Provider WaveSpeed -ApiKey $key
    }
    AfterAll { Stop-SeedanceEmulator }

    It 'refuses a reference video on a model that takes none, naming those that take them' {
        $failure = $null
        try { New-SeedanceVideo $image -ReferenceVideo $video -Prompt 'the moves of @Video1' -ErrorAction Stop } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ReferenceMediaNotSupported,*'
        $failure.Exception.Message | Should -BeLike '-ReferenceVideo is not offered by WaveSpeed model bytedance/seedance-2.0-fast/image-to-video. Models that take reference videos and audio: WaveSpeed (bytedance/seedance-2.0-fast/text-to-video), AIMLAPI (*), Ark (*), fal (*), Replicate (*).'
        Get-SeedanceEmulatorRecord -Kind Request | Should -BeNullOrEmpty
    }

    It 'refuses a last frame with reference clips' {
        $null = Connect-Seedance Ark -Name ark -BaseUri $emu.BaseUris['Ark'] -ApiKey $key
        $failure = $null
        try { New-SeedanceVideo $image -LastImage "${image}?last" -ReferenceVideo $video -Prompt 'x' -Connection ark -ErrorAction Stop } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'LastImageWithReferences,*'
        $failure.Exception.Message | Should -BeLike '-LastImage cannot be combined with -ReferenceVideo or -ReferenceAudio on Ark model *'
    }
}

Describe 'Get-SeedanceModel' {
    It 'shows per model how many reference videos and audio it takes and how long they may be' {
        $ark = Get-SeedanceModel -Provider Ark
        $fast = $ark | Where-Object Id -eq 'dreamina-seedance-2-0-fast-260128'
        $fast.MaxReferenceVideos | Should -Be 3
        $fast.MaxReferenceAudios | Should -Be 3
        $fast.ReferenceClipSeconds | Should -Be 'each 2-15 s, 15 s in all'
        $fast.References | Should -Be '3 videos, 3 audio; each 2-15 s, 15 s in all'
        $fast.ReferenceMedia.MaxVideoBytes | Should -Be 50MB
        $fast.ReferenceMedia.MinVideoPixels | Should -Be 409600
        $fast.ReferenceMedia.MaxFramesPerSecond | Should -Be 60
        ($ark | Where-Object Id -eq 'seedance-1-5-pro-251215').MaxReferenceVideos | Should -Be 0
        (Get-SeedanceModel -Provider WaveSpeed)[0].ReferenceClipSeconds | Should -BeNullOrEmpty
    }

    It 'has a References column in its default table' {
        $table = Get-SeedanceModel -Provider Ark | Out-String -Width 250

        $table | Should -Match 'References'
        $table | Should -Match 'dreamina-seedance-2-0-fast-260128\s.*3 video, 3 audio'
        $table | Should -Match 'seedance-1-5-pro-251215\s.*\s-\s'
    }
}
