<#
.SYNOPSIS
    A runbook: turns every image in a folder (or a mounted storage share) into a video, and can be run again.

.DESCRIPTION
    Made to run unattended, on a schedule, in Azure Automation or a CI job:
    - it first finishes what an earlier run left (a job cut short by its time limit, a crashed worker), from the
      task journal, so nothing already paid for is lost;
    - it skips images whose video is already in the destination, so a second run costs nothing;
    - it stops before the batch would spend more than -MaxCost;
    - it returns one object per saved video, and writes a summary to the verbose stream.

    In Azure Automation, mount the share (or sync the blob container) to a folder first, keep the provider's key in
    an automation credential, and pass it:

        $key = (Get-AutomationPSCredential -Name 'SeedanceKey').Password
        ./Convert-ImageFolder.ps1 -Source $share -Destination $videos -Prompt 'slow orbital pan' -Provider fal -ApiKey $key

    With no -Provider, the current connection is used (Connect-Seedance, or Start-SeedanceEmulator to rehearse).

.EXAMPLE
    Start-SeedanceEmulator; ./Convert-ImageFolder.ps1 -Source ./shots -Destination ./videos -Prompt 'slow pan' -MaxCost 5
    A rehearsal against the local emulator: no key, no cost.
#>
[CmdletBinding()]
param(
    # The folder (or mounted share) of .jpg, .jpeg and .png images.
    [Parameter(Mandatory)] [string] $Source,
    # Where the videos go: one <image name>.mp4 per image.
    [Parameter(Mandatory)] [string] $Destination,
    [Parameter(Mandatory)] [string] $Prompt,
    [int] $Duration = 5,
    # The most this run may spend, in US dollars by the published prices.
    [decimal] $MaxCost = 20,
    [string] $Provider,
    [securestring] $ApiKey
)

$ErrorActionPreference = 'Stop'
Import-Module Seedance

if ($Provider) {
    $connect = @{ Provider = $Provider }
    if ($ApiKey) { $connect.ApiKey = $ApiKey }
    Connect-Seedance @connect | Out-Null
}

$null = New-Item -ItemType Directory -Force $Destination

# What an earlier run paid for and did not save comes first. A task that cannot be followed (its connection is gone)
# is reported and stays in the journal; it must not stop today's run.
$recovered = @(Get-SeedanceTask -Pending |
    Wait-SeedanceTask -ErrorAction Continue |
    Save-SeedanceVideo -Path $Destination -NameTemplate '{Image}.mp4' -ErrorAction Continue)
Write-Verbose "Recovered $($recovered.Count) video(s) from an earlier run."

$images = Get-ChildItem -File $Source | Where-Object Extension -in '.jpg', '.jpeg', '.png'
$todo = @($images | Where-Object { -not (Test-Path (Join-Path $Destination "$($_.BaseName).mp4")) })
Write-Verbose "$($images.Count) image(s) in '$Source', $($todo.Count) without a video yet."

# A bad image fails on its own (the error names it); the others go on.
$saved = @($todo |
    New-SeedanceVideo -Prompt $Prompt -Duration $Duration -MaxCost $MaxCost -ErrorAction Continue |
    Wait-SeedanceTask |
    Save-SeedanceVideo -Path $Destination -NameTemplate '{Image}.mp4')

Write-Verbose "Saved $($saved.Count) new video(s) to '$Destination'."
$recovered + $saved
