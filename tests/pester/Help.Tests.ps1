#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Help that answers a new user's questions, from Get-Help.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    Import-Module $manifest -Force
}

Describe 'about_Seedance' {
    BeforeAll { $about = Get-Help about_Seedance | Out-String }

    It 'answers <Question>' -ForEach @(
        @{ Question = 'which providers there are'; Heading = 'PROVIDERS'; Says = '*WaveSpeed, AIMLAPI*Ark*fal, Replicate*AtlasCloud*' }
        @{ Question = 'where the key comes from'; Heading = 'KEYS'; Says = '*FAL_KEY*SEEDANCE_API_KEY*never printed*' }
        @{ Question = 'what it costs before it is spent'; Heading = 'COSTS'; Says = '*-WhatIf*-MaxCost*' }
        @{ Question = 'how a crashed batch is finished'; Heading = 'THE JOURNAL AND RECOVERY'; Says = '*Get-SeedanceTask -Pending | Wait-SeedanceTask | Save-SeedanceVideo*' }
        @{ Question = 'how to rehearse offline'; Heading = 'THE EMULATOR'; Says = '*Start-SeedanceEmulator*#fail*' }
        @{ Question = 'how to run it in a runbook'; Heading = 'RUNBOOKS'; Says = '*Azure Automation*-Task Package*' }
    ) {
        $about | Should -BeLike "*$Heading*"
        ($about -replace '\s+', ' ') | Should -BeLike ($Says -replace '\s+', ' ')
    }
}

Describe 'The saving parameters Save-SeedanceVideo and Invoke-SeedanceVideo share' {
    It '<Cmdlet> -<Parameter> is in its syntax, its help and tab completion, with its default' -ForEach @(
        foreach ($cmdlet in 'Save-SeedanceVideo', 'Invoke-SeedanceVideo') {
            @{ Cmdlet = $cmdlet; Parameter = 'NameTemplate'; Default = '{Id}.mp4' }
            @{ Cmdlet = $cmdlet; Parameter = 'TimeoutSec'; Default = '3600' }
            @{ Cmdlet = $cmdlet; Parameter = 'Force'; Default = $null }
            @{ Cmdlet = $cmdlet; Parameter = 'CancelOnTimeout'; Default = $null }
        }
    ) {
        (Get-Command $Cmdlet -Syntax) | Should -BeLike "*-$Parameter*"
        $help = Get-Help $Cmdlet -Parameter $Parameter
        "$($help.description.Text)" | Should -Not -BeNullOrEmpty
        if ($Default) { $help.defaultValue | Should -Be $Default }
        $line = "$Cmdlet -$($Parameter.Substring(0, 4))"
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Contain "-$Parameter"
    }
}
