#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The default tables as a user reads them in a 120-column console: every header names a real property, and the
# columns that matter are never cut.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    Import-Module $manifest -Force
    $null = Start-SeedanceEmulator -LatencySec 0.2 -ApiKey (ConvertTo-SecureString 'pester-views-key' -AsPlainText -Force)
    $shot = Join-Path $TestDrive 'shot.png'
    [Seedance.Emulator.Media.SampleImage]::WritePng($shot, 640, 360, 1)
    $task = New-SeedanceVideo $shot -Prompt 'slow pan' | Wait-SeedanceTask
    # A path as long as a runbook's share: the table must still show all of it.
    $deepFolder = Join-Path $TestDrive 'automation-account/renders/2026-12/product-catalogue/spring-collection'
    $file = $task | Save-SeedanceVideo -Path $deepFolder
    $storyboard = New-SeedanceStoryboard -Image $shot -Prompt 'she opens the door', 'she walks out' -Path (Join-Path $TestDrive 'film')

    function Get-TableHeaders($InputObject) {
        $lines = ($InputObject | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() }
        $ruler = [array]::IndexOf($lines, ($lines | Where-Object { $_ -match '^[-\s]+$' } | Select-Object -First 1))
        -split $lines[$ruler - 1]
    }

    function Get-TableText($InputObject) { ($InputObject | Format-Table | Out-String -Width 120) -replace '\s', '' }
}

AfterAll { Stop-SeedanceEmulator }

Describe 'Default views at 120 columns' {
    It 'names in each header of the <Name> table a property a script can filter on' -ForEach @(
        @{ Name = 'task'; Sample = { $task } }
        @{ Name = 'saved video'; Sample = { $file } }
        @{ Name = 'model'; Sample = { Get-SeedanceModel -Provider WaveSpeed | Select-Object -First 1 } }
        @{ Name = 'cost'; Sample = { Measure-SeedanceCost $shot -Prompt 'slow pan' | Select-Object -First 1 } }
        @{ Name = 'storyboard'; Sample = { $storyboard } }
    ) {
        $object = & $Sample
        $headers = Get-TableHeaders $object

        $headers | Should -Not -BeNullOrEmpty
        foreach ($header in $headers) {
            $object.PSObject.Properties.Name | Should -Contain $header -Because "the '$header' column must be a property of $($object.GetType().Name)"
        }
    }

    It 'lets a script filter on what the task table shows' {
        @($task | Where-Object State -eq 'Succeeded') | Should -HaveCount 1
        @($task | Where-Object DurationSeconds -eq 5) | Should -HaveCount 1
    }

    It 'writes the state and failure kind by name in ConvertTo-Json' {
        $failed = New-SeedanceVideo $shot -Prompt 'pan #fail' | Wait-SeedanceTask -WarningAction SilentlyContinue

        $json = $task, $failed | ConvertTo-Json | ConvertFrom-Json
        $json[0].State | Should -Be 'Succeeded'
        $json[1].State | Should -Be 'Failed'
        $json[1].FailureCategory | Should -Be 'Server'
        @($json[0].PSObject.Properties.Name) | Should -Not -Contain 'Lifecycle' -Because 'the engine enum stays out of the public surface'
    }

    It 'shows how many clips a storyboard has, its length, its cost and the joined video' {
        Get-TableText $storyboard | Should -BeLike ('*2{0:0.0}${1:0.00}{2}*' -f $storyboard.DurationSeconds, $storyboard.EstimatedCost, ($storyboard.Path -replace '\s', ''))
    }

    It 'shows the whole path of a saved video' {
        $file.Path.Length | Should -BeGreaterThan 80
        Get-TableText $file | Should -BeLike "*$($file.Path -replace '\s', '')*"
    }

    It 'writes what a model does with images and the options it takes by name in ConvertTo-Json' {
        $json = Get-SeedanceModel -Provider fal | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.ImageUse | Should -Contain 'References'
        @($json | Where-Object ImageUse -eq 'FirstFrame') | Should -Not -BeNullOrEmpty
        @($json.Options) | Should -Contain 'GenerateAudio'
        @($json | Where-Object { $_.Options -contains 'LastImage' }) | Should -Not -BeNullOrEmpty
        @($json[0].PSObject.Properties.Name) | Should -Not -Contain 'OptionFlags' -Because 'the engine enum stays out of the public surface'
    }

    It 'shows the whole input and the cost of each planned task' {
        $estimate = Measure-SeedanceCost $shot -Prompt 'slow pan' -Duration 10 | Select-Object -First 1

        # A long input wraps inside its column rather than being cut, so its end is on the table too.
        Get-TableText $estimate | Should -BeLike '*shot.png*'
        Get-TableText $estimate | Should -BeLike ('*${0:0.00}${0:0.00}*' -f $estimate.EstimatedCost)
    }

    It 'shows every published price of every model' {
        foreach ($model in Get-SeedanceModel) {
            $text = Get-TableText $model
            foreach ($price in $model.PricePerSecond.GetEnumerator()) {
                $text | Should -BeLike ('*{0}${1:0.###}*' -f $price.Key, $price.Value) -Because "$($model.Id) costs $($price.Value) a second at $($price.Key)"
            }
        }
    }
}

Describe 'The charge a provider reports' {
    BeforeAll {
        # AI/ML API reports what it charged (meta.usage.usd_spent) with the task.
        Stop-SeedanceEmulator
        $null = Start-SeedanceEmulator -Provider AIMLAPI -LatencySec 0.2 -ApiKey (ConvertTo-SecureString 'pester-views-key' -AsPlainText -Force)
        $charged = New-SeedanceVideo https://images.example.com/shot.jpg -Prompt 'slow pan' | Wait-SeedanceTask
    }

    It 'is a task property, shown in the default table' {
        $charged.ReportedCost | Should -BeGreaterThan 0
        Get-TableHeaders $charged | Should -Contain 'ReportedCost'
        Get-TableText $charged | Should -BeLike ('*${0:0.00}*' -f $charged.ReportedCost)
    }

    It 'is kept in the journal' {
        (Get-SeedanceTask -Recent | Where-Object Id -eq $charged.Id).ReportedCost | Should -Be $charged.ReportedCost
    }
}
