#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# build/CmdletHelp.ps1, the MAML writer the build runs, against the laid-out module and its doc comments.

BeforeAll {
    $manifest = $env:SEEDANCE_MODULE_MANIFEST
    if (-not $manifest) { $manifest = (Resolve-Path "$PSScriptRoot/../../out/Seedance/*/Seedance.psd1" | Select-Object -Last 1).Path }
    $module = Import-Module $manifest -Force -PassThru
    . (Join-Path $PSScriptRoot '../../build/CmdletHelp.ps1')

    $documentation = Join-Path $module.ModuleBase 'bin/net8.0/Seedance.xml'
    $namespaces = [System.Xml.XmlNamespaceManager]::new([System.Xml.NameTable]::new())
    $namespaces.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $namespaces.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $namespaces.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')

    function Read-Help([string] $Path) {
        $help = [xml](Get-Content -Raw $Path)
        $help.SelectNodes('//command:command', $namespaces)
    }

    function Select-Text($Node, [string] $XPath) { @($Node.SelectNodes($XPath, $namespaces) | ForEach-Object InnerText) }
}

Describe 'Write-CmdletHelp' {
    BeforeAll {
        $target = Join-Path $TestDrive 'en-US/Seedance.dll-Help.xml'
        Write-CmdletHelp $module $documentation $target
        $commands = Read-Help $target
        $comments = ([xml](Get-Content -Raw $documentation)).doc.members.member
    }

    It 'writes one command per exported cmdlet' {
        Select-Text ([xml](Get-Content -Raw $target)) '//command:details/command:name' | Sort-Object |
            Should -Be @($module.ExportedCmdlets.Keys | Sort-Object)
    }

    It 'gives <Name> its summary as synopsis, every parameter a description, and its examples' -ForEach @(
        @{ Name = 'Disconnect-Seedance'; Type = 'Seedance.Commands.Cmdlets.DisconnectSeedanceCommand' }
        @{ Name = 'New-SeedanceVideo'; Type = 'Seedance.Commands.Cmdlets.NewSeedanceVideoCommand' }
    ) {
        $entry = $commands | Where-Object { (Select-Text $_ 'command:details/command:name') -eq $Name }
        $comment = $comments | Where-Object name -EQ "T:$Type"

        Select-Text $entry 'command:details/maml:description/maml:para' | Should -Be (($comment.summary -replace '\s+', ' ').Trim())
        foreach ($parameter in $entry.SelectNodes('command:parameters/command:parameter', $namespaces)) {
            Select-Text $parameter 'maml:description/maml:para' | Should -Not -BeNullOrEmpty -Because "-$(Select-Text $parameter 'maml:name') needs a description"
        }
        Select-Text $entry 'command:examples/command:example/dev:code' | Should -Be @($comment.example | ForEach-Object { ($_.code -replace '\s+', ' ').Trim() })
    }

    It 'writes pipeline input and aliases as Get-Help shows them' {
        $wait = $commands | Where-Object { (Select-Text $_ 'command:details/command:name') -eq 'Wait-SeedanceTask' }
        $inputObject = $wait.SelectSingleNode("command:parameters/command:parameter[maml:name='InputObject']", $namespaces)

        $inputObject.pipelineInput | Should -Be 'True (ByValue)'
        $inputObject.aliases | Should -Be 'Task'
        $inputObject.required | Should -Be 'true'
    }

    It 'refuses a parameter without a doc comment, naming it' {
        $stripped = [xml](Get-Content -Raw $documentation)
        $member = $stripped.SelectSingleNode("//member[@name='P:Seedance.Commands.Cmdlets.DisconnectSeedanceCommand.Name']")
        $null = $member.ParentNode.RemoveChild($member)
        $strippedPath = Join-Path $TestDrive 'stripped.xml'
        $stripped.Save($strippedPath)

        { Write-CmdletHelp $module $strippedPath (Join-Path $TestDrive 'stripped/help.xml') } |
            Should -Throw 'Disconnect-Seedance -Name has no doc comment; help would be empty.'
    }
}
