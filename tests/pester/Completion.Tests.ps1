#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Tab completion that knows the context, as TabExpansion2 (what the console calls on Tab) returns it.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    Import-Module $manifest -Force
    # fal's emulator, connected as the default: what a command line without -Provider completes from.
    $null = Start-SeedanceEmulator -Provider fal -LatencySec 0.2 -ApiKey (ConvertTo-SecureString 'pester-completion-key' -AsPlainText -Force)

    function Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText) -replace "^'|'$", ''
    }

    $falModels = @(Get-SeedanceModel -Provider fal).Id
    $waveSpeedModels = @(Get-SeedanceModel -Provider WaveSpeed).Id
}

AfterAll { Stop-SeedanceEmulator }

Describe 'Completion' {
    It 'offers -Model from the provider on the command line' {
        $models = Complete 'New-SeedanceVideo -Provider WaveSpeed -Model '

        $models | Should -Be $waveSpeedModels
    }

    It "offers -Model from the default connection's provider when none is named" {
        $models = Complete 'New-SeedanceVideo ./shot.png -Model '

        $models | Should -Be $falModels
    }

    It 'offers the durations, resolutions and ratios the chosen model takes' {
        $model = 'bytedance/seedance-2.0-fast/image-to-video'
        $chosen = Get-SeedanceModel $model -Provider WaveSpeed

        Complete "New-SeedanceVideo -Provider WaveSpeed -Model $model -Duration " | Should -Be @($chosen.Durations | ForEach-Object { "$_" })
        Complete "New-SeedanceVideo -Provider WaveSpeed -Model $model -Resolution " | Should -Be @($chosen.Resolutions + $chosen.DefaultResolution | Select-Object -Unique)
        Complete "Measure-SeedanceCost -Provider fal -Model bytedance/seedance-2.0/fast/text-to-video -AspectRatio " |
            Should -Be @((Get-SeedanceModel bytedance/seedance-2.0/fast/text-to-video -Provider fal).AspectRatios)
    }

    It 'offers connection names, regions and journalled task ids' {
        $task = New-SeedanceVideo https://images.example.com/shot.jpg -Prompt 'completion'
        # A second connection, never used: only its name is completed.
        $null = Connect-Seedance -Provider Ark -Name pester-ark -ApiKey (ConvertTo-SecureString 'pester-ark-key-value' -AsPlainText -Force) -BaseUri http://127.0.0.1:9/ark -WarningAction SilentlyContinue

        Complete 'Get-SeedanceConnection -Name pester-' | Should -Be 'pester-ark'
        Complete 'New-SeedanceVideo ./shot.png -Connection pester-' | Should -Be 'pester-ark'
        Complete 'Connect-Seedance -Provider Ark -Region ' | Should -Be @('BytePlus', 'Volcengine')
        Complete 'Get-SeedanceTask -Id ' | Should -Contain $task.Id
        Disconnect-Seedance pester-ark
    }
}

Describe 'Get-SeedanceModel -Provider' {
    It 'takes several providers' {
        $providers = Get-SeedanceModel -Provider fal, Ark | ForEach-Object Provider | Sort-Object -Unique

        $providers | Should -Be @('Ark', 'fal')
    }
}
