# MAML help for a binary module, written from its cmdlets' doc comments (platyPS, which would do this, is not served
# by the package feeds this project builds from). The cmdlet's <summary> is its synopsis, <remarks> paras its
# description, <example>s its examples (<code> and paras); each parameter's <summary> is its description.

# Writes $Target (en-US/<Assembly>-Help.xml) for every cmdlet $Module exports, from the doc comments in $Documentation
# (the compiler's XML file). A parameter without a doc comment fails: its help would be empty.
function Write-CmdletHelp([psmoduleinfo] $Module, [string] $Documentation, [string] $Target) {
    $members = @{}
    foreach ($member in ([xml](Get-Content -Raw $Documentation)).doc.members.member) { $members[$member.name] = $member }
    $standard = @{
        WhatIf  = 'Shows what would happen (and, for New-SeedanceVideo, what it would cost) without doing it.'
        Confirm = 'Asks for confirmation before each action.'
    }

    New-Item -ItemType Directory -Force (Split-Path $Target) | Out-Null
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    # The writer and the namespaces are read by the functions below, which run inside this one.
    $xml = [System.Xml.XmlWriter]::Create($Target, $settings)
    $maml = 'http://schemas.microsoft.com/maml/2004/10'
    $command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    try {
        $xml.WriteStartElement('helpItems', 'http://msh'); $xml.WriteAttributeString('schema', 'maml')
        foreach ($cmdlet in $Module.ExportedCmdlets.Values | Sort-Object Name) {
            # Get-Command, unlike the module's own list, resolves dynamic parameters (the ones cmdlets share).
            Write-CommandHelp (Get-Command -Name $cmdlet.Name -Module $Module.Name -CommandType Cmdlet) $members $standard
        }
        $xml.WriteEndElement()
    }
    finally {
        $xml.Dispose()
    }
}

function Write-CommandHelp($Cmdlet, [hashtable] $Members, [hashtable] $Standard) {
    $doc = $Members["T:$($Cmdlet.ImplementingType.FullName)"]
    $xml.WriteStartElement('command', 'command', $command)
    $xml.WriteAttributeString('xmlns', 'maml', $null, $maml); $xml.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $xml.WriteStartElement('details', $command)
    $xml.WriteElementString('name', $command, $Cmdlet.Name)
    $xml.WriteElementString('verb', $command, $Cmdlet.Verb)
    $xml.WriteElementString('noun', $command, $Cmdlet.Noun)
    Write-Paragraphs 'description' $maml @(Get-Text $doc.SelectSingleNode('summary'))
    $xml.WriteEndElement()
    Write-Paragraphs 'description' $maml (Get-Paragraphs $doc.SelectSingleNode('remarks'))

    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $parameters = @{}
    $xml.WriteStartElement('syntax', $command)
    foreach ($set in $Cmdlet.ParameterSets) {
        $xml.WriteStartElement('syntaxItem', $command)
        $xml.WriteElementString('name', $maml, $Cmdlet.Name)
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $parameters[$p.Name] = $p
            Write-ParameterStart $p
            if ($p.ParameterType -ne [switch]) { $xml.WriteElementString('parameterValue', $command, (Get-TypeName $p.ParameterType)) }
            $xml.WriteEndElement()
        }
        $xml.WriteEndElement()
    }
    $xml.WriteEndElement()

    # Defaults are read off a fresh instance, so help shows what the code really starts from. A parameter the cmdlet
    # shares with another is declared on its dynamic-parameter object, and is read from there.
    $fresh = [Activator]::CreateInstance($Cmdlet.ImplementingType)
    $dynamic = if ($fresh -is [System.Management.Automation.IDynamicParameters]) { $fresh.GetDynamicParameters() }
    $xml.WriteStartElement('parameters', $command)
    foreach ($p in $parameters.Values | Sort-Object Name) {
        $owner = $fresh
        $property = $Cmdlet.ImplementingType.GetProperty($p.Name)
        if (-not $property -and $dynamic) {
            $owner = $dynamic
            $property = $dynamic.GetType().GetProperty($p.Name)
        }
        $member = if ($property) { $Members["P:$($property.DeclaringType.FullName).$($p.Name)"] }
        $description = if ($member) { Get-Text $member.SelectSingleNode('summary') } else { $Standard[$p.Name] }
        if (-not $description) { throw "$($Cmdlet.Name) -$($p.Name) has no doc comment; help would be empty." }
        $more = [ordered]@{ globbing = 'false' }
        if ($p.Aliases.Count) { $more.aliases = $p.Aliases -join ', ' }
        Write-ParameterStart $p $more
        Write-Paragraphs 'description' $maml @($description)
        $xml.WriteElementString('parameterValue', $command, (Get-TypeName $p.ParameterType))
        Write-TypeName (Get-TypeName $p.ParameterType)
        $default = if ($property) { Get-DefaultText $property.GetValue($owner) }
        if ($default) { $xml.WriteElementString('defaultValue', $dev, $default) }
        $xml.WriteEndElement()
    }
    $xml.WriteEndElement()

    # INPUTS: the type of each parameter that takes pipeline input, and how it binds.
    $xml.WriteStartElement('inputTypes', $command)
    foreach ($group in $parameters.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } | Group-Object { Get-TypeName $_.ParameterType } | Sort-Object Name) {
        $xml.WriteStartElement('inputType', $command)
        Write-TypeName $group.Name
        $binds = $group.Group | Sort-Object Name | ForEach-Object { if ($_.ValueFromPipeline) { "-$($_.Name) (by value)" } else { "-$($_.Name) (by property name)" } }
        Write-Paragraphs 'description' $maml @("Bound to $($binds -join ', ').")
        $xml.WriteEndElement()
    }
    $xml.WriteEndElement()

    # OUTPUTS: the cmdlet's [OutputType]s.
    $xml.WriteStartElement('returnValues', $command)
    foreach ($output in $Cmdlet.OutputType) {
        $xml.WriteStartElement('returnValue', $command); Write-TypeName $output.Name; $xml.WriteEndElement()
    }
    $xml.WriteEndElement()

    $xml.WriteStartElement('examples', $command)
    $number = 0
    foreach ($example in $(if ($doc) { $doc.SelectNodes('example') })) {
        $number++
        $xml.WriteStartElement('example', $command)
        $xml.WriteElementString('title', $maml, "-------------------------- Example $number --------------------------")
        $xml.WriteElementString('code', $dev, (Get-Text $example.SelectSingleNode('code')))
        Write-Paragraphs 'remarks' $dev @($example.SelectNodes('para') | ForEach-Object { Get-Text $_ })
        $xml.WriteEndElement()
    }
    $xml.WriteEndElement()

    # RELATED LINKS: the module's about topic, and the cmdlets this one's examples use with it.
    $related = @('about_Seedance') + @($(if ($doc) { $doc.SelectNodes('example/code') }) |
        ForEach-Object { [regex]::Matches($_.InnerText, '\b[A-Z][a-z]+-Seedance\w+') } | ForEach-Object Value |
        Where-Object { $_ -ne $Cmdlet.Name } | Sort-Object -Unique)
    $xml.WriteStartElement('relatedLinks', $maml)
    foreach ($link in $related) {
        $xml.WriteStartElement('navigationLink', $maml); $xml.WriteElementString('linkText', $maml, $link); $xml.WriteElementString('uri', $maml, ''); $xml.WriteEndElement()
    }
    $xml.WriteEndElement()
    $xml.WriteEndElement()
}

# A default worth showing: a value that is set (not null, false, zero or empty), as PowerShell would write it.
function Get-DefaultText($Value) {
    if ($null -eq $Value -or $Value -is [System.Management.Automation.SwitchParameter] -or ($Value -is [array] -and $Value.Count -eq 0)) { return $null }
    if ($Value -is [bool] -or ($Value -is [ValueType] -and $Value -eq 0)) { return $null }
    "$Value"
}

# A parameter's element as the syntax and the parameter list both start it, $More attributes and all; the caller
# closes it.
function Write-ParameterStart($Parameter, [System.Collections.IDictionary] $More = @{}) {
    $xml.WriteStartElement('parameter', $command)
    $xml.WriteAttributeString('required', "$($Parameter.IsMandatory)".ToLower())
    $xml.WriteAttributeString('position', $(if ($Parameter.Position -ge 0) { $Parameter.Position } else { 'named' }))
    $kinds = @(if ($Parameter.ValueFromPipeline) { 'ByValue' }) + @(if ($Parameter.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
    $xml.WriteAttributeString('pipelineInput', $(if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }))
    foreach ($attribute in $More.Keys) { $xml.WriteAttributeString($attribute, $More[$attribute]) }
    $xml.WriteElementString('name', $maml, $Parameter.Name)
}

function Write-Paragraphs([string] $Element, [string] $Namespace, [string[]] $Lines) {
    $xml.WriteStartElement($Element, $Namespace)
    foreach ($line in $Lines) { $xml.WriteElementString('para', $maml, $line) }
    $xml.WriteEndElement()
}

function Write-TypeName([string] $Name) {
    $xml.WriteStartElement('type', $dev); $xml.WriteElementString('name', $maml, $Name); $xml.WriteEndElement()
}

function Get-TypeName([type] $Type) {
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { $inner.Name } else { $Type.Name }
}

# A doc comment's text on one line. XPath rather than PowerShell's XML adapter, which fails under strict mode on a
# missing element.
function Get-Text($Node) {
    if ($Node) { ($Node.InnerText -replace '\s+', ' ').Trim() }
}

function Get-Paragraphs($Node) {
    if (-not $Node) { return @() }
    $paras = @($Node.SelectNodes('para'))
    if ($paras.Count) { @($paras | ForEach-Object { Get-Text $_ }) } else { @(Get-Text $Node) }
}
