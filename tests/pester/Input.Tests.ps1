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

Describe 'A storyboard CSV' {
    BeforeAll {
        $rows = Join-Path $TestDrive 'storyboard'
        New-Item -ItemType Directory -Force $rows | Out-Null
        1..3 | ForEach-Object { [Seedance.Emulator.Media.SampleImage]::WritePng((Join-Path $rows "scene$_.png"), 640, 360, $_) }
        $csv = Join-Path $rows 'storyboard.csv'
        @(
            [pscustomobject]@{ Image = (Join-Path $rows 'scene1.png'); Prompt = 'slow pan'; Duration = '10'; Resolution = '' }
            [pscustomobject]@{ Image = (Join-Path $rows 'scene2.png'); Prompt = 'zoom in'; Duration = '7'; Resolution = '' }
            [pscustomobject]@{ Image = (Join-Path $rows 'scene3.png'); Prompt = 'orbit'; Duration = ''; Resolution = '' }
        ) | Export-Csv -Path $csv -NoTypeInformation
    }

    It 'fails only the row with a bad value, and the rows before and after it still reach Save' {
        $videos = Join-Path $TestDrive 'storyboard-videos'

        $files = Import-Csv $csv | New-SeedanceVideo -ErrorVariable rowErrors -ErrorAction SilentlyContinue |
            Wait-SeedanceTask | Save-SeedanceVideo -Path $videos -NameTemplate '{Image}-{Id}.mp4'

        $files | Should -HaveCount 2
        ($files.Path | ForEach-Object { (Split-Path -Leaf $_) -replace '-.*$' } | Sort-Object) | Should -Be @('scene1', 'scene3')
        $rowErrors | Should -HaveCount 1
        $rowErrors[0].FullyQualifiedErrorId | Should -BeLike 'DurationNotSupported,*'
        "$($rowErrors[0].TargetObject)" | Should -BeLike '*scene2.png*'
    }

    It 'makes a row without an Image column a text-to-video task, not an image named after the row' {
        $csvText = Join-Path $TestDrive 'text-only.csv'
        [pscustomobject]@{ Prompt = 'a lighthouse at dusk'; Duration = '5' } | Export-Csv -Path $csvText -NoTypeInformation

        $task = Import-Csv $csvText | New-SeedanceVideo

        $task.Model | Should -BeLike '*text-to-video'
        $task.Prompt | Should -Be 'a lighthouse at dusk'
    }

    It 'reads a blank cell as not given, so the model default applies' {
        $task = Import-Csv $csv | Select-Object -Last 1 | New-SeedanceVideo

        $task.DurationSeconds | Should -Be 5
        $task.Resolution | Should -Be '720p'
    }

    It 'still stops at once for a bad value given on the command line, which every row would share' {
        { Import-Csv $csv | Select-Object -First 1 | New-SeedanceVideo -Duration 7 -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'DurationNotSupported,Seedance.Commands.Cmdlets.NewSeedanceVideoCommand'
    }

    It 'keeps the image name in the journal, so a recovered task is saved under it' {
        $submitted = New-SeedanceVideo (Join-Path $rows 'scene3.png') -Prompt 'recovered later' | Wait-SeedanceTask

        $recovered = Get-SeedanceTask -Recent | Where-Object Id -eq $submitted.Id
        $file = $recovered | Save-SeedanceVideo -Path (Join-Path $TestDrive 'recovered') -NameTemplate '{Image}-{Id}.mp4'

        $recovered.SourceImage | Should -Be 'scene3.png'
        Split-Path -Leaf $file.Path | Should -Be "scene3-$($submitted.Id).mp4"
    }
}
