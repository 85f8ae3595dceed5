#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Clips longer than one: the last frame a provider returns (-ReturnLastFrame), a clip that continues another
# (-ContinueFrom) and a storyboard of chained clips joined into one MP4, checked by ffprobe.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force

    $door = Join-Path $TestDrive 'door.png'
    [Seedance.Emulator.Media.SampleImage]::WritePng($door, 640, 360, 7)

    # ffprobe is the independent judge of the joined video; the CI installs it (.ci/run), and a run without it fails here.
    function Get-Probe([string] $Path) {
        if (-not (Get-Command ffprobe -ErrorAction Ignore)) { throw 'ffprobe is not on PATH: install ffmpeg (apt-get install ffmpeg) to run these tests.' }
        ffprobe -v error -show_entries 'stream=codec_type,codec_name,width,height:format=duration' -of json $Path | ConvertFrom-Json
    }

    function Get-Submits { @(Get-SeedanceEmulatorRecord | Where-Object { $_.Method -eq 'POST' -and $_.Body -match '"prompt"|"content"' }) }

    # The PNG's width and height, from its IHDR chunk.
    function Get-PngSize([string] $Path) {
        $bytes = [IO.File]::ReadAllBytes($Path)
        [pscustomobject]@{
            Width  = [Buffers.Binary.BinaryPrimitives]::ReadInt32BigEndian([ArraySegment[byte]]::new($bytes, 16, 4))
            Height = [Buffers.Binary.BinaryPrimitives]::ReadInt32BigEndian([ArraySegment[byte]]::new($bytes, 20, 4))
        }
    }

    function Get-Failure([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }

    # The error of a command run with nothing on PATH, so no ffmpeg can be found.
    function Get-FailureWithoutFfmpeg([scriptblock] $Command) {
        $path = $env:PATH
        try {
            $env:PATH = ''
            Get-Failure $Command
        }
        finally { $env:PATH = $path }
    }
}

Describe '-ReturnLastFrame' {
    AfterEach { Stop-SeedanceEmulator }

    It 'asks Ark for the last frame, and Save-SeedanceVideo keeps it beside the video as a PNG of its size' {
        Start-SeedanceEmulator -Provider Ark -LatencySec 0.2 | Out-Null
        $saved = New-SeedanceVideo -Prompt 'a lighthouse at dusk' -Duration 5 -ReturnLastFrame | Wait-SeedanceTask | Save-SeedanceVideo -Path (Join-Path $TestDrive 'frames')

        ((Get-Submits)[0].Body | ConvertFrom-Json).return_last_frame | Should -BeTrue
        $saved.Task.LastFrameUrl | Should -Not -BeNullOrEmpty
        $saved.LastFramePath | Should -Be (Join-Path $TestDrive "frames/$($saved.Task.Id).last-frame.png")
        $size = Get-PngSize $saved.LastFramePath
        "$($size.Width)x$($size.Height)" | Should -Be "$($saved.Width)x$($saved.Height)"
    }

    It 'is refused on WaveSpeed before anything is sent, naming the Ark models that have it' {
        Start-SeedanceEmulator -Provider WaveSpeed | Out-Null
        $failure = Get-Failure { New-SeedanceVideo $door -Prompt 'pan' -ReturnLastFrame -ErrorAction Stop }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterNotSupported,*'
        $failure.Exception.Message | Should -BeLike '-ReturnLastFrame is not offered by WaveSpeed model *. Models that offer it: Ark (dreamina-seedance-2-0-fast-260128*'
        @(Get-SeedanceEmulatorRecord).Count | Should -Be 0
    }
}

Describe '-ContinueFrom' {
    AfterEach { Stop-SeedanceEmulator }

    It "starts from the last frame of an Ark task, sent as the clip's first frame" {
        Start-SeedanceEmulator -Provider Ark -LatencySec 0.2 | Out-Null
        $first = New-SeedanceVideo -Prompt 'she opens the door' -Duration 5 -ReturnLastFrame | Wait-SeedanceTask
        $next = New-SeedanceVideo -Prompt 'she walks into the garden' -Duration 5 -ContinueFrom $first

        $sent = (Get-Submits)[1].Body | ConvertFrom-Json
        $image = $sent.content | Where-Object type -eq 'image_url'
        $image.role | Should -Be 'first_frame'
        $image.image_url.url | Should -Be $first.LastFrameUrl.AbsoluteUri
        ($next | Wait-SeedanceTask).State | Should -Be 'Succeeded'
    }

    It "takes a saved video's final frame with ffmpeg where the provider returns none" {
        Start-SeedanceEmulator -Provider WaveSpeed -LatencySec 0.2 | Out-Null
        $saved = New-SeedanceVideo $door -Prompt 'she opens the door' -Duration 5 | Save-SeedanceVideo -Path (Join-Path $TestDrive 'wave')
        $next = New-SeedanceVideo -Prompt 'she walks into the garden' -Duration 5 -ContinueFrom $saved

        $frame = [IO.Path]::ChangeExtension($saved.Path, $null) + 'last-frame.png'
        Test-Path $frame | Should -BeTrue
        $size = Get-PngSize $frame
        "$($size.Width)x$($size.Height)" | Should -Be "$($saved.Width)x$($saved.Height)"
        @(Get-Submits).Count | Should -Be 2
        ($next | Wait-SeedanceTask).State | Should -Be 'Succeeded'
    }

    It 'takes a path to a saved video too, from a CSV row' {
        Start-SeedanceEmulator -Provider WaveSpeed -LatencySec 0.2 | Out-Null
        $saved = New-SeedanceVideo $door -Prompt 'she opens the door' -Duration 5 | Save-SeedanceVideo -Path (Join-Path $TestDrive 'csv')
        $task = [pscustomobject]@{ Prompt = 'she walks on'; ContinueFrom = $saved.Path } | New-SeedanceVideo -Duration 5

        $task.SourceImage | Should -Be ([IO.Path]::GetFileName(([IO.Path]::ChangeExtension($saved.Path, $null) + 'last-frame.png')))
    }

    It 'refuses an unfinished task, and -Image beside it, before anything is sent' {
        Start-SeedanceEmulator -Provider Ark -LatencySec 30 | Out-Null
        $running = New-SeedanceVideo -Prompt 'she opens the door'

        $failure = Get-Failure { New-SeedanceVideo -Prompt 'on' -ContinueFrom $running -ErrorAction Stop }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ContinueFromNotFinished,*'
        $failure.Exception.Message | Should -Be "-ContinueFrom task $($running.Id) is still queued: its last frame exists once it has finished. Pipe it through Wait-SeedanceTask first."
        (Get-Failure { New-SeedanceVideo $door -Prompt 'on' -ContinueFrom $door -ErrorAction Stop }).Exception.Message |
            Should -Be '-ContinueFrom gives the clip its first frame (where the other clip ended), so -Image cannot be given with it. Leave -Image out, or leave -ContinueFrom out and give the first frame as -Image.'
        @(Get-Submits).Count | Should -Be 1
    }

    It 'says a finished task without a last frame must be saved first, and a failed one has nothing to continue' {
        Start-SeedanceEmulator -Provider Ark -LatencySec 0.2 | Out-Null
        $done = New-SeedanceVideo -Prompt 'she opens the door' | Wait-SeedanceTask
        $refused = New-SeedanceVideo -Prompt 'she sings #nsfw-audio' | Wait-SeedanceTask

        $failure = Get-Failure { New-SeedanceVideo -Prompt 'on' -ContinueFrom $done -ErrorAction Stop }
        $failure.FullyQualifiedErrorId | Should -BeLike 'ContinueFromNoLastFrame,*'
        $failure.Exception.Message | Should -BeLike "-ContinueFrom task $($done.Id) has no last-frame image: *Save the video (Save-SeedanceVideo) and give the saved file to -ContinueFrom*"
        (Get-Failure { New-SeedanceVideo -Prompt 'on' -ContinueFrom $refused -ErrorAction Stop }).Exception.Message |
            Should -Be "-ContinueFrom task $($refused.Id) ended failed: it made no video to continue from."
        @(Get-Submits).Count | Should -Be 2
    }

    It 'says ffmpeg is needed, and how to get it, when it is not on PATH' {
        Start-SeedanceEmulator -Provider WaveSpeed -LatencySec 0.2 | Out-Null
        $saved = New-SeedanceVideo $door -Prompt 'she opens the door' | Save-SeedanceVideo -Path (Join-Path $TestDrive 'noff')
        $failure = Get-FailureWithoutFfmpeg { New-SeedanceVideo -Prompt 'on' -ContinueFrom $saved.Path -ErrorAction Stop }

        $failure.FullyQualifiedErrorId | Should -BeLike 'FfmpegNotFound,*'
        $failure.Exception.Message | Should -BeLike "-ContinueFrom '$($saved.Path)' needs the video's final frame, and taking it needs ffmpeg, which is not on PATH. Install ffmpeg (*"
        @(Get-Submits).Count | Should -Be 1
    }
}

Describe 'New-SeedanceStoryboard' {
    AfterEach { Stop-SeedanceEmulator }

    It 'chains three Ark clips by their last frames and joins them without re-encoding, as ffprobe reads it' {
        Start-SeedanceEmulator -Provider Ark -LatencySec 0.2 | Out-Null
        $film = Join-Path $TestDrive 'film'
        $board = New-SeedanceStoryboard -Image $door -Prompt 'she opens the door', 'she walks into the garden', 'she looks up at the sky' -Duration 5 -Path $film

        $board.Clips.Name | Should -Be 'storyboard-01.mp4', 'storyboard-02.mp4', 'storyboard-03.mp4'
        $board.Path | Should -Be (Join-Path $film 'storyboard.mp4')
        $submits = @(Get-Submits | ForEach-Object { $_.Body | ConvertFrom-Json })
        $submits.Count | Should -Be 3
        $submits[0].return_last_frame | Should -BeTrue
        $submits[2].PSObject.Properties.Name | Should -Not -Contain 'return_last_frame'
        ($submits[1].content | Where-Object role -eq 'first_frame').image_url.url | Should -Be $board.Clips[0].Task.LastFrameUrl.AbsoluteUri
        ($submits[2].content | Where-Object role -eq 'first_frame').image_url.url | Should -Be $board.Clips[1].Task.LastFrameUrl.AbsoluteUri

        $joined = Get-Probe $board.Path
        $clip = Get-Probe $board.Clips[0].Path
        [double]$joined.format.duration | Should -BeGreaterThan 14.5
        [double]$joined.format.duration | Should -BeLessThan 15.5
        ($joined.streams | Where-Object codec_type -eq 'video').codec_name | Should -Be ($clip.streams | Where-Object codec_type -eq 'video').codec_name
        ($joined.streams | Where-Object codec_type -eq 'video').width | Should -Be $board.Clips[0].Width
        @($joined.streams.codec_type) | Should -Be @($clip.streams.codec_type)
        $board.DurationSeconds | Should -BeGreaterThan 14.5
    }

    It 'chains clips on WaveSpeed through the saved clips, one row a clip' {
        Start-SeedanceEmulator -Provider WaveSpeed -LatencySec 0.2 | Out-Null
        $rows = 'she opens the door', 'she walks into the garden', 'she looks up' | ForEach-Object { [pscustomobject]@{ Prompt = $_; Duration = 5 } }
        $board = $rows | New-SeedanceStoryboard -Image $door -Name walk -Path (Join-Path $TestDrive 'wave-film')

        @(Get-Submits).Count | Should -Be 3
        $board.Clips | ForEach-Object { Test-Path ([IO.Path]::ChangeExtension($_.Path, $null) + 'last-frame.png') } | Should -Be $true, $true, $false
        [double](Get-Probe $board.Path).format.duration | Should -BeGreaterThan 14.5
    }

    It 'refuses a storyboard over -MaxCost, and files in the way, before anything is submitted' {
        Start-SeedanceEmulator -Provider Ark -LatencySec 0.2 | Out-Null
        $overCap = Get-Failure { New-SeedanceStoryboard -Prompt 'a', 'b', 'c' -Duration 10 -MaxCost 1 -Path $TestDrive -ErrorAction Stop }
        $overCap.FullyQualifiedErrorId | Should -BeLike 'CostLimitExceeded,*'

        New-Item -ItemType Directory (Join-Path $TestDrive 'taken') | Out-Null
        Set-Content (Join-Path $TestDrive 'taken/storyboard-02.mp4') 'mine'
        $taken = Get-Failure { New-SeedanceStoryboard -Prompt 'a', 'b' -Path (Join-Path $TestDrive 'taken') -ErrorAction Stop }
        $taken.FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        $taken.Exception.Message | Should -BeLike "*storyboard-02.mp4' already exists; nothing was submitted. Use -Force*"

        New-SeedanceStoryboard -Prompt 'a', 'b' -Path $TestDrive -WhatIf
        @(Get-Submits).Count | Should -Be 0
    }

    It 'refuses a chain that needs ffmpeg when there is none, before anything is submitted' {
        Start-SeedanceEmulator -Provider WaveSpeed | Out-Null
        $failure = Get-FailureWithoutFfmpeg { New-SeedanceStoryboard -Image $door -Prompt 'a', 'b' -Path $TestDrive -ErrorAction Stop }

        $failure.FullyQualifiedErrorId | Should -BeLike 'FfmpegNotFound,*'
        $failure.Exception.Message | Should -BeLike '*returns no last frame, so it is taken from the saved clip with ffmpeg, which is not on PATH. Install ffmpeg*Nothing was submitted.'
        @(Get-Submits).Count | Should -Be 0
    }
}
