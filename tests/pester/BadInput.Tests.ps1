#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Runs every row of the README's "Bad input" table as the README says, and checks the error id, the PowerShell
# category and the message against the table, so the table cannot drift from what the module does.

BeforeDiscovery {
    $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
    $section = ($readme -split '(?m)^## ')[1..99] | Where-Object { $_ -like 'Bad input*' } | Select-Object -First 1
    $rows = foreach ($line in ($section -split "`n")) {
        # A row: | Input | `Try` ... | `ErrorId` | Category | Message |, with "\|" for a pipe inside a cell.
        if ($line -notmatch '^\| [^-|]') { continue }
        $cells = ($line.Trim().Trim('|') -replace '\\\|', "`u{1}") -split '\|' | ForEach-Object { $_.Trim() -replace "`u{1}", '|' }
        if ($cells[0] -eq 'Input') { continue }
        @{
            Check    = $cells[0]
            Try      = [regex]::Match($cells[1], '`([^`]+)`').Groups[1].Value
            ErrorId  = $cells[2].Trim('`')
            Category = $cells[3]
            Message  = $cells[4]
        }
    }
}

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Remove-Item Env:FAL_KEY, Env:SEEDANCE_API_KEY -ErrorAction Ignore
    Import-Module $manifest -Force

    $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'bad-input')
    Push-Location $folder
    $key = ConvertTo-SecureString rehearsal -AsPlainText -Force
    $emu = Start-SeedanceEmulator -ApiKey $key
    [Seedance.Emulator.Media.SampleImage]::WritePng((Join-Path $folder 'shot.png'), 640, 360, 1)
    [IO.File]::WriteAllBytes((Join-Path $folder 'fake.jpg'), [Text.Encoding]::ASCII.GetBytes('GIF89a' + ('x' * 100)))
    $big = [byte[]]::new(11MB)
    [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A) | ForEach-Object -Begin { $i = 0 } -Process { $big[$i++] = $_ }
    [IO.File]::WriteAllBytes((Join-Path $folder 'big.png'), $big)
    New-Item -ItemType Directory (Join-Path $folder 'videos') | Out-Null
}

AfterAll {
    Pop-Location
    Stop-SeedanceEmulator
}

Describe "The README's bad-input table" {
    It '<Check>' -ForEach $rows {
        if (($Try -like '*/proc/*' -or $Try -like '*/dev/*') -and -not $IsLinux) {
            Set-ItResult -Skipped -Because 'an unreadable file and an endless stream are made with /proc and /dev here, which only Linux has'
            return
        }

        $ErrorActionPreference = 'Stop'
        $failure = $null
        try {
            $null = Invoke-Expression $Try
        }
        catch {
            $failure = $_
        }

        $failure | Should -Not -BeNullOrEmpty -Because "'$Try' should fail"
        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($failure.CategoryInfo.Category)" | Should -Be $Category
        $failure.Exception.Message | Should -Match ('^' + ([regex]::Escape($Message) -replace '…', '.*') + '$')
    }
}

Describe 'Options a model does not take on Seedance 2.0' {
    BeforeAll {
        Stop-SeedanceEmulator
        $null = Start-SeedanceEmulator Ark -ApiKey $key
    }

    It 'refuses -CameraFixed on Ark''s Seedance 2.0, which has none, naming the Ark models that do, and sends nothing' {
        $failure = $null
        try { New-SeedanceVideo shot.png -Prompt 'slow pan' -CameraFixed } catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterNotSupported,*'
        $failure.Exception.Message | Should -BeLike '-CameraFixed is not offered by Ark model dreamina-seedance-2-0-fast-260128.*Ark (seedance-1-5-pro-251215*'
        Get-SeedanceEmulatorRecord -Kind Request | Should -BeNullOrEmpty
    }

    It 'offers no -MotionStrength, which no provider''s Seedance schema takes' {
        foreach ($cmdlet in 'New-SeedanceVideo', 'Invoke-SeedanceVideo', 'Measure-SeedanceCost') {
            (Get-Command $cmdlet).Parameters.Keys | Should -Not -Contain 'MotionStrength'
        }
    }
}
