#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Input the module takes, as users hand it over from PowerShell: -ExtraField values straight from commands, and
# images as data: URIs. (What it refuses is in BadInput.Tests.ps1, row by row from the README.)

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $env:SEEDANCE_JOURNAL = Join-Path $TestDrive 'journal.jsonl'
    Import-Module $manifest -Force

    $key = ConvertTo-SecureString 'pester-input-key' -AsPlainText -Force
    $null = Start-SeedanceEmulator -LatencySec 0.2 -ApiKey $key
    $shot = Join-Path $TestDrive 'shot.png'
    [Seedance.Emulator.Media.SampleImage]::WritePng($shot, 640, 360, 1)
}

AfterAll { Stop-SeedanceEmulator }

Describe 'New-SeedanceVideo input' {
    It 'sends -ExtraField values that come from commands as plain data, and says so in what it reports' {
        $tags = Join-Path $TestDrive 'tags.txt'
        Set-Content $tags -Value 'spring', 'catalogue'

        # Get-Content's lines are PSObjects carrying PSPath and the like; the provider must get just the strings.
        $verbose = New-SeedanceVideo $shot -Prompt 'slow pan' -ExtraField @{ client_tags = (Get-Content $tags) } -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        ($verbose.Message -like '*-ExtraField client_tags=`["spring","catalogue"`]*') | Should -Not -BeNullOrEmpty
    }

    It 'takes an image as a data: URI, however long, and makes the video from it' {
        $dataUri = 'data:image/png;base64,' + [Convert]::ToBase64String([IO.File]::ReadAllBytes($shot))
        $dataUri.Length | Should -BeGreaterThan 65519

        $task = New-SeedanceVideo -Image $dataUri -Prompt 'slow pan' | Wait-SeedanceTask -TimeoutSec 60

        $task.State | Should -Be 'Succeeded'
    }
}
