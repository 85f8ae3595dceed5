# The module manifest, and its source of truth: build.ps1 stamps ModuleVersion from Directory.Build.props
# and copies this file into out/Seedance/<version>/.
@{
    RootModule           = 'Seedance.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f3c52-8a57-4e0e-9d5c-3f6f1f0a2c41'
    Author               = 'Seedance contributors'
    CompanyName          = 'Seedance contributors'
    Copyright            = '(c) Seedance contributors. MIT License.'
    Description          = 'Turns images and prompts into videos with ByteDance Seedance 2.0 Fast through the HTTP APIs that sell it, with every step as pipeline objects: submit, wait, save. Safe with money (validation and cost estimates before anything is spent, no double submits, a journal of every paid task) and includes an offline emulator of the providers.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('Seedance.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Seedance'
        'Disconnect-Seedance'
        'Get-SeedanceConnection'
        'Get-SeedanceModel'
        'New-SeedanceVideo'
        'Invoke-SeedanceVideo'
        'Measure-SeedanceCost'
        'Get-SeedanceTask'
        'Wait-SeedanceTask'
        'Save-SeedanceVideo'
        'New-SeedanceStoryboard'
        'Stop-SeedanceTask'
        'Start-SeedanceEmulator'
        'Stop-SeedanceEmulator'
        'Get-SeedanceEmulatorRecord'
        'Clear-SeedanceEmulatorRecord'
        'Test-SeedanceWebhook'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags = @('Seedance', 'ByteDance', 'Video', 'AI', 'GenerativeAI', 'WaveSpeed', 'fal', 'Replicate', 'BytePlus',
                'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'The engine and its libraries load apart from other modules (PowerShell 7). The task journal compacts itself and keeps what is owed. A bad value in one CSV row fails that row only; blank cells are not given. Views name real properties and fit 120 columns. Packages for the PowerShell Gallery and Azure Automation. Invoke-SeedanceVideo and New-SeedanceVideo -Wait; Measure-SeedanceCost.'
        }
    }
}
