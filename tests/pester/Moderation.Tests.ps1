#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# A moderation refusal names the input it is about, in the error record and on the task, and is never sent again.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force
    $shot = Join-Path $TestDrive 'face.png'
    [Seedance.Emulator.Media.SampleImage]::WritePng($shot, 640, 360, 1)
}

Describe 'Moderation refusals on Ark' {
    BeforeAll { Start-SeedanceEmulator -Provider Ark -LatencySec 0.3 | Out-Null }
    AfterAll { Stop-SeedanceEmulator }

    It 'names -Image when Ark refuses a real person''s likeness at submit, and sends it once' {
        Clear-SeedanceEmulatorRecord
        $failure = $null
        try { New-SeedanceVideo -Image $shot -Prompt 'turns to camera #real-person' -ErrorAction Stop | Out-Null }
        catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'ContentPolicyViolation,*'
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure.Exception.FlaggedInput | Should -Be 'Image'
        $failure.Exception.ProviderCode | Should -Be 'InputImageSensitiveContentDetected.PrivacyInformation'
        $failure.Exception.Message | Should -BeLike '*Flagged: -Image. Moderation refusals are final, so it was not retried: change -Image and submit again.*'
        @(Get-SeedanceEmulatorRecord | Where-Object Method -eq 'POST').Count | Should -Be 1
    }

    It 'says on the task that the generated audio was refused' {
        $task = New-SeedanceVideo -Prompt 'a street band plays #nsfw-audio' | Wait-SeedanceTask -WarningAction SilentlyContinue

        $task.State | Should -Be 'Failed'
        $task.FailureCategory | Should -Be 'ContentPolicy'
        $task.FlaggedInput | Should -Be 'GeneratedAudio'
    }
}
