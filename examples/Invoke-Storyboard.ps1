<#
.SYNOPSIS
    Makes one video per row of a storyboard CSV (columns Image, Prompt, Duration, Resolution, AspectRatio...).

.DESCRIPTION
    Columns bind to New-SeedanceVideo's parameters by name; a blank cell means "not given", so the model's default
    applies. A bad value in one row (a duration the model does not offer) fails that row only, with an error that
    names its image; the other rows are still made and saved. Image paths are relative to the CSV's folder here,
    since the script runs from there.

.EXAMPLE
    Start-SeedanceEmulator; ./Invoke-Storyboard.ps1 -Storyboard ./storyboard.csv -Destination ./videos -WhatIf
    Shows each row's task and estimated cost, and submits nothing.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Storyboard,
    [Parameter(Mandatory)] [string] $Destination,
    [decimal] $MaxCost = 20
)

$ErrorActionPreference = 'Stop'
Import-Module Seedance

Push-Location (Split-Path -Parent (Resolve-Path $Storyboard))
try {
    Import-Csv (Split-Path -Leaf $Storyboard) |
        New-SeedanceVideo -MaxCost $MaxCost -ErrorAction Continue -WhatIf:$WhatIfPreference |
        Wait-SeedanceTask |
        Save-SeedanceVideo -Path $Destination -NameTemplate '{Image}.mp4'
}
finally {
    Pop-Location
}
