#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Seedance 2.0's model data as users meet it: a length the model chooses, options and fields 2.0 does not take,
# and prices that say where they come from.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force
}

Describe '-Duration -1 (the model chooses the length)' {
    AfterEach { Stop-SeedanceEmulator }

    It 'sends duration -1 to Ark and prices the longest clip the model may choose' {
        Start-SeedanceEmulator -Provider Ark -LatencySec 0.2 | Out-Null
        $estimate = Measure-SeedanceCost -Prompt 'a lighthouse at dusk' -Duration -1 | Select-Object -First 1
        $task = New-SeedanceVideo -Prompt 'a lighthouse at dusk' -Duration -1

        $sent = (Get-SeedanceEmulatorRecord | Where-Object Method -eq 'POST' | Select-Object -Last 1).Body | ConvertFrom-Json
        $sent.duration | Should -Be -1
        $estimate.DurationSeconds | Should -Be 15
        $estimate.EstimatedCost | Should -Be ([decimal]::Round((Get-SeedanceModel -Provider Ark)[0].PricePerSecond['720p'] * 15, 2))
        $task.DurationSeconds | Should -BeNullOrEmpty
        ($task | Wait-SeedanceTask).State | Should -Be 'Succeeded'
    }

    It 'sends "auto" to fal' {
        Start-SeedanceEmulator -Provider fal -LatencySec 0.2 | Out-Null
        New-SeedanceVideo -Prompt 'a lighthouse at dusk' -Duration -1 | Out-Null

        ((Get-SeedanceEmulatorRecord | Where-Object Method -eq 'POST' | Select-Object -Last 1).Body | ConvertFrom-Json).duration | Should -Be 'auto'
    }

    It 'is refused on WaveSpeed before anything is sent, naming the models that offer it' {
        Start-SeedanceEmulator -Provider WaveSpeed | Out-Null
        $failure = $null
        try { New-SeedanceVideo https://images.example.com/a.jpg -Prompt 'pan' -Duration -1 -ErrorAction Stop } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'DurationNotSupported,*'
        $failure.Exception.Message | Should -BeLike '-Duration -1 (the model chooses the length) is not offered by WaveSpeed model *. Models that offer it: Ark (*'
        @(Get-SeedanceEmulatorRecord).Count | Should -Be 0
    }
}

Describe 'Fields Seedance 2.0 on Ark does not take' {
    BeforeAll { Start-SeedanceEmulator -Provider Ark | Out-Null }
    AfterAll { Stop-SeedanceEmulator }

    It 'refuses -ExtraField service_tier (offline inference) before anything is sent' {
        $failure = $null
        try { New-SeedanceVideo -Prompt 'pan' -ExtraField @{ service_tier = 'flex' } -ErrorAction Stop } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterNotSupported,*'
        $failure.Exception.Message | Should -BeLike "-ExtraField 'service_tier' is not taken by Ark model dreamina-seedance-2-0-fast-260128: Seedance 2.x on Ark has no offline inference*seedance-1-5-pro-251215*"
        @(Get-SeedanceEmulatorRecord).Count | Should -Be 0
    }

    It 'still sends it to Seedance 1.5 Pro' {
        $task = New-SeedanceVideo -Prompt 'pan' -Model seedance-1-5-pro-251215 -ExtraField @{ service_tier = 'flex' } -WarningAction SilentlyContinue

        $task.Id | Should -Not -BeNullOrEmpty
    }
}

Describe 'The newer Seedance 2.x models' {
    It 'lists Ark''s 2.0 Mini and 2.5 and fal''s Mini endpoints, and never picks them unasked' {
        $mini = Get-SeedanceModel dreamina-seedance-2-0-mini-260615 -Provider Ark
        $next = Get-SeedanceModel dreamina-seedance-2-5-260628 -Provider Ark

        $mini.Family | Should -Be 'Seedance 2.0 Mini'
        $mini.PriceSource | Should -BeLike '*$3.50 per million tokens*'
        $next.Durations | Should -Contain 30
        $next.MaxImages | Should -Be 50
        (Get-SeedanceModel 'bytedance/seedance-2.0/mini/*' -Provider fal).Count | Should -Be 3

        Start-SeedanceEmulator -Provider Ark | Out-Null
        try { (New-SeedanceVideo -Prompt 'a pier at dawn' -WhatIf:$false).Model | Should -Be 'dreamina-seedance-2-0-fast-260128' }
        finally { Stop-SeedanceEmulator }
    }
}

Describe 'Prices that say where they come from' {
    It 'Get-SeedanceModel gives each priced model its PriceSource, and the rate with a reference video where one is published' {
        $ark = Get-SeedanceModel dreamina-seedance-2-0-fast-260128 -Provider Ark

        $ark.PriceSource | Should -BeLike "Vercel AI Gateway's `$5.60 per million tokens*"
        $ark.PriceWithReferenceVideo.BillsInputSeconds | Should -BeTrue
        $ark.PriceWithReferenceVideo.PricePerSecond['720p'] | Should -BeLessThan $ark.PricePerSecond['720p']
        (Get-SeedanceModel bytedance/seedance-2-0 -Provider AIMLAPI).PriceSource | Should -BeNullOrEmpty
    }

    It 'Measure-SeedanceCost names the price list''s own source' {
        Start-SeedanceEmulator -Provider Ark | Out-Null
        try {
            $estimate = Measure-SeedanceCost -Prompt 'pan' -Duration 5 | Select-Object -First 1
        }
        finally { Stop-SeedanceEmulator }

        $estimate.PriceSource | Should -BeLike '*published price list (Ark dreamina-seedance-2-0-fast-260128, per second at 720p: Vercel AI Gateway*'
    }
}

Describe '-Shot in the form Seedance 2.0 reads' {
    BeforeAll { Start-SeedanceEmulator -Provider Ark | Out-Null }
    AfterAll { Stop-SeedanceEmulator }

    It 'sends the shots as labelled lines after the prompt, Chinese labels for a Chinese prompt' {
        $task = New-SeedanceVideo -Prompt 'a bakery at dawn' -Shot 'wide shot of the street', 'Shot 2: close-up of bread'
        $chinese = New-SeedanceVideo -Prompt '清晨的面包店' -Shot '街道全景', '面包特写'

        $task.Prompt | Should -Be "a bakery at dawn`nShot 1: wide shot of the street`nShot 2: close-up of bread"
        ((Get-SeedanceEmulatorRecord | Where-Object Method -eq 'POST' | Select-Object -Last 1).Body | ConvertFrom-Json).content[0].text | Should -Be "清晨的面包店`n镜头1：街道全景`n镜头2：面包特写"
        $chinese.Prompt | Should -BeLike '*镜头2：面包特写'
    }

    It 'warns that Seedance 2.0 does not hold to times written into a shot, and sends them as written' {
        $task = New-SeedanceVideo -Prompt 'a bakery' -Shot '0-3s: wide shot', 'bread' -WarningVariable warned -WarningAction SilentlyContinue

        $warned | Should -HaveCount 1
        "$($warned[0])" | Should -BeLike "-Shot 1 starts with a time ('0-3s'), which Ark model dreamina-seedance-2-0-fast-260128 does not hold to: *"
        $task.Prompt | Should -Be "a bakery`nShot 1: 0-3s: wide shot`nShot 2: bread"
    }
}
