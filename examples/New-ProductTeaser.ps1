<#
.SYNOPSIS
    A runbook: one short teaser video per product shot, the product's name in the prompt, saved beside the others.

.DESCRIPTION
    Each image in -Source is a product, named by its file (summer-dress.jpg is "summer dress"). Its teaser is made
    with the house style in the prompt, 5 seconds long, with sound only when asked for, and saved to -Destination
    as <image name>.mp4. A product that already has its teaser is skipped, so a second run costs nothing.

    examples/New-ProductTeaser.Tests.ps1 is its Pester test against the local emulator: it asserts on what the
    emulator received (Get-SeedanceEmulatorRecord), which is what the provider would have been sent and billed.

.EXAMPLE
    Start-SeedanceEmulator fal; ./New-ProductTeaser.ps1 -Source ./products -Destination ./teasers -WithSound
    A rehearsal against the local emulator's fal: no key, no cost.
#>
[CmdletBinding()]
param(
    # The folder of product shots (.jpg, .jpeg, .png), each named after its product.
    [Parameter(Mandatory)] [string] $Source,
    # Where the teasers go: one <image name>.mp4 per product.
    [Parameter(Mandatory)] [string] $Destination,
    # The house style, after the product's name in every prompt.
    [string] $Style = 'slow orbital pan, soft studio light',
    # Generate a soundtrack too.
    [switch] $WithSound
)

$ErrorActionPreference = 'Stop'
Import-Module Seedance

$null = New-Item -ItemType Directory -Force $Destination
$products = Get-ChildItem -File $Source | Where-Object Extension -in '.jpg', '.jpeg', '.png'
$todo = @($products | Where-Object { -not (Test-Path (Join-Path $Destination "$($_.BaseName).mp4")) })
Write-Verbose "$($products.Count) product(s), $($todo.Count) without a teaser yet."

# Sound is asked for only when wanted: not every model offers the choice (WaveSpeed's image-to-video does not).
$sound = if ($WithSound) { @{ GenerateAudio = $true } } else { @{} }
foreach ($product in $todo) {
    $name = $product.BaseName -replace '[-_]+', ' '
    New-SeedanceVideo -Image $product.FullName -Prompt "$name, $Style" -Duration 5 @sound |
        Wait-SeedanceTask |
        Save-SeedanceVideo -Path $Destination -NameTemplate '{Image}.mp4'
}
