#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# One-step convenience (Invoke-SeedanceVideo, New-SeedanceVideo -Wait) and cost you can total before spending
# (Measure-SeedanceCost, -WhatIf -MaxCost), against the emulator.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    Import-Module $manifest -Force
    $emulator = Start-SeedanceEmulator -LatencySec 0.3 -ApiKey (ConvertTo-SecureString 'pester-onestep-key' -AsPlainText -Force)
    $shots = Join-Path $TestDrive 'shots'
    $null = New-Item -ItemType Directory -Force $shots
    1..3 | ForEach-Object { [Seedance.Emulator.Media.SampleImage]::WritePng((Join-Path $shots "shot$_.png"), 640, 360, $_) }

    function Get-EmulatorTaskCount { (Invoke-RestMethod -Uri ([Uri]::new($emulator.Root, '_emulator/stats'))).tasks }
}

AfterAll { Stop-SeedanceEmulator }

Describe 'Invoke-SeedanceVideo' {
    It 'submits, waits and saves in one step, one verified video per input' {
        $files = Get-ChildItem (Join-Path $shots '*.png') | Invoke-SeedanceVideo -Prompt 'slow orbital pan' -Duration 5 -Destination (Join-Path $TestDrive 'one-step') -NameTemplate '{Image}.mp4'

        $files | Should -HaveCount 3
        $files | ForEach-Object { $_ | Should -BeOfType ([Seedance.VideoFile]) }
        ($files.Path | ForEach-Object { Split-Path -Leaf $_ } | Sort-Object) | Should -Be @('shot1.mp4', 'shot2.mp4', 'shot3.mp4')
    }

    It 'binds each CSV row by property name, as New-SeedanceVideo does' {
        $rows = @(
            [pscustomobject]@{ Image = (Join-Path $shots 'shot1.png'); Prompt = 'zoom in'; Duration = '10' }
            [pscustomobject]@{ Image = (Join-Path $shots 'shot2.png'); Prompt = 'pan left'; Duration = '' }
        )

        $files = $rows | Invoke-SeedanceVideo -Destination (Join-Path $TestDrive 'rows') -NameTemplate '{Image}.mp4'

        ($files | Sort-Object Path | ForEach-Object { [int]$_.DurationSeconds }) | Should -Be @(10, 5)
    }

    It 'submits nothing with -WhatIf' {
        $before = Get-EmulatorTaskCount

        $files = Get-ChildItem (Join-Path $shots '*.png') | Invoke-SeedanceVideo -Prompt 'slow pan' -Destination (Join-Path $TestDrive 'whatif') -WhatIf

        $files | Should -BeNullOrEmpty
        Get-EmulatorTaskCount | Should -Be $before
    }
}

Describe 'New-SeedanceVideo -Wait' {
    It 'emits each task once it has finished' {
        $tasks = Get-ChildItem (Join-Path $shots '*.png') | New-SeedanceVideo -Prompt 'slow pan' -Wait

        $tasks | Should -HaveCount 3
        $tasks.State | Sort-Object -Unique | Should -Be 'Succeeded'
    }
}

Describe 'Measure-SeedanceCost' {
    It 'prices each planned task and the total, and submits nothing' {
        $before = Get-EmulatorTaskCount

        $planned = @(Get-ChildItem (Join-Path $shots '*.png') | Measure-SeedanceCost -Prompt 'slow pan' -Duration 10)

        Get-EmulatorTaskCount | Should -Be $before
        $estimates = $planned | Where-Object { $_ -is [Seedance.CostEstimate] }
        $total = $planned[-1]
        $estimates | Should -HaveCount 3
        $total | Should -BeOfType ([Seedance.CostTotal])
        $total.Tasks | Should -Be 3
        $total.EstimatedCost | Should -Be (($estimates | Measure-Object EstimatedCost -Sum).Sum)
        $total.EstimatedCost | Should -BeGreaterThan 0
        $estimates[0].PriceSource | Should -Be "WaveSpeed's price quote (POST /api/v3/model/price)"
        $estimates.DurationSeconds | Sort-Object -Unique | Should -Be 10
    }

    It 'prices a model with no published price by the provider''s quote, which -MaxCost then counts' {
        $spicy = 'bytedance/seedance-2.0-fast/image-to-video-spicy'
        (Get-SeedanceModel -Provider WaveSpeed | Where-Object Id -eq $spicy).PricePerSecond.Count | Should -Be 0

        $planned = @(Get-ChildItem (Join-Path $shots 'shot1.png') | Measure-SeedanceCost -Model $spicy -Duration 10 -WarningAction SilentlyContinue)
        $submitted = @(Get-ChildItem (Join-Path $shots 'shot1.png') | New-SeedanceVideo -Model $spicy -Duration 10 -MaxCost 5 -WarningAction SilentlyContinue)

        $planned[0].EstimatedCost | Should -Be 1.20
        $planned[0].PriceSource | Should -BeLike "WaveSpeed's price quote*"
        $planned[-1].Unpriced | Should -Be 0
        $submitted | Should -HaveCount 1 -Because 'the quote gives -MaxCost a figure to count'
    }

    It 'prices a provider that gives no quotes by its published price list' {
        $key = ConvertTo-SecureString 'pester-onestep-key' -AsPlainText -Force
        $null = Connect-Seedance -Name quote-fal -Provider fal -BaseUri $emulator.BaseUris['fal'] -ApiKey $key
        try {
            $planned = @(Get-ChildItem (Join-Path $shots 'shot1.png') | Measure-SeedanceCost -Prompt 'slow pan' -Duration 5 -Connection quote-fal)
            $planned[0].PriceSource | Should -BeLike 'published price list (fal *'
            $planned[0].EstimatedCost | Should -BeGreaterThan 0
        }
        finally { Disconnect-Seedance -Name quote-fal }
    }

    It 'shows the same -MaxCost cut-off as New-SeedanceVideo -WhatIf and the real run' {
        $one = (Get-ChildItem (Join-Path $shots 'shot1.png') | Measure-SeedanceCost -Prompt 'slow pan' -Duration 5 | Select-Object -Last 1).EstimatedCost
        $cap = 2 * $one + 0.01

        $measured = @(Get-ChildItem (Join-Path $shots '*.png') | Measure-SeedanceCost -Prompt 'slow pan' -Duration 5 -MaxCost $cap -ErrorVariable measureErrors -ErrorAction SilentlyContinue)
        $null = Get-ChildItem (Join-Path $shots '*.png') | New-SeedanceVideo -Prompt 'slow pan' -Duration 5 -MaxCost $cap -WhatIf -ErrorVariable rehearsalErrors -ErrorAction SilentlyContinue 6>$null
        $real = @(Get-ChildItem (Join-Path $shots '*.png') | New-SeedanceVideo -Prompt 'slow pan' -Duration 5 -MaxCost $cap -ErrorVariable realErrors -ErrorAction SilentlyContinue)

        $measured[-1].Tasks | Should -Be 2
        $real | Should -HaveCount 2
        foreach ($errors in $measureErrors, $rehearsalErrors, $realErrors) {
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'CostLimitExceeded,*'
            "$($errors[0].TargetObject)" | Should -BeLike '*shot3.png*'
        }
    }
}
