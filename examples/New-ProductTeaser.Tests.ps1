# A Pester test of New-ProductTeaser.ps1 as its author would write it: the runbook runs against the local emulator,
# and the test asserts on what the emulator received. Run it with: Invoke-Pester ./New-ProductTeaser.Tests.ps1

BeforeAll {
    Import-Module Seedance
    $runbook = Join-Path $PSScriptRoot 'New-ProductTeaser.ps1'
    $keyText = 'rehearsal-key-not-a-real-one'
    $null = Start-SeedanceEmulator fal -LatencySec 0.2 -ApiKey (ConvertTo-SecureString $keyText -AsPlainText -Force)

    $products = New-Item -ItemType Directory (Join-Path $TestDrive 'products')
    $teasers = Join-Path $TestDrive 'teasers'
    # Any real images do; the emulator's sample images are at hand.
    [Seedance.Emulator.Media.SampleImage]::WritePng((Join-Path $products 'summer-dress.png'), 640, 360, 1)
    [Seedance.Emulator.Media.SampleImage]::WritePng((Join-Path $products 'leather_boots.png'), 640, 360, 2)
}

AfterAll { Stop-SeedanceEmulator }

Describe 'New-ProductTeaser.ps1' {
    BeforeAll {
        $saved = & $runbook -Source $products -Destination $teasers -WithSound
        $tasks = Get-SeedanceEmulatorRecord -Kind Task
        $submits = Get-SeedanceEmulatorRecord -Kind Request | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*/image-to-video' }
    }

    It 'submits one teaser per product, named in its prompt with the house style' {
        $tasks | Should -HaveCount 2
        $tasks.Prompt | Sort-Object | Should -Be @('leather boots, slow orbital pan, soft studio light', 'summer dress, slow orbital pan, soft studio light')
        $tasks.DurationSeconds | Should -Be @(5, 5)
    }

    It 'asks for sound when told to' {
        $submits | ForEach-Object { ($_.Body | ConvertFrom-Json).generate_audio } | Should -Be @($true, $true)
    }

    It 'saves each teaser under its product''s name' {
        $saved.Path | ForEach-Object { Split-Path -Leaf $_ } | Sort-Object | Should -Be @('leather_boots.mp4', 'summer-dress.mp4')
        $tasks.State | Should -Be @('Succeeded', 'Succeeded')
    }

    It 'sends the key only in the Authorization header, never in a body or query' {
        $submits.AuthScheme | Should -Be @('Key', 'Key')
        Get-SeedanceEmulatorRecord | ConvertTo-Json -Depth 4 | Should -Not -BeLike "*$keyText*"
    }

    It 'submits nothing when run again: every product has its teaser' {
        Clear-SeedanceEmulatorRecord

        & $runbook -Source $products -Destination $teasers | Should -BeNullOrEmpty

        Get-SeedanceEmulatorRecord -Kind Task | Should -BeNullOrEmpty
    }
}
