using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using Seedance.Commands.Cmdlets;

namespace Seedance.Tests.Contracts;

/// <summary>
/// What PowerShell users rely on, read from the cmdlet classes' attributes: approved verbs, pipeline binding,
/// ShouldProcess where money, files or tasks are at stake, and the manifest exporting exactly these cmdlets.
/// </summary>
public sealed class CmdletContractTests
{
    private static readonly Assembly Cmdlets = typeof(NewSeedanceVideoCommand).Assembly;

    public static IEnumerable<object[]> CmdletTypes() =>
        Cmdlets.GetTypes().Where(AttributeMetadata.IsCmdlet).Select(type => new object[] { type });

    [Theory]
    [MemberData(nameof(CmdletTypes))]
    public void Every_cmdlet_uses_an_approved_verb_and_the_Seedance_noun_prefix(Type type)
    {
        var (verb, noun, _) = AttributeMetadata.Cmdlet(type);
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(verbs => verbs.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(field => (string)field.GetRawConstantValue()!);

        Assert.Contains(verb, approved);
        Assert.StartsWith("Seedance", noun);
        Assert.Equal($"{verb}{noun}Command", type.Name);
    }

    [Theory]
    [InlineData(typeof(NewSeedanceVideoCommand))]
    [InlineData(typeof(SaveSeedanceVideoCommand))]
    [InlineData(typeof(StopSeedanceTaskCommand))]
    [InlineData(typeof(DisconnectSeedanceCommand))]
    public void Commands_that_spend_money_write_files_cancel_or_disconnect_support_WhatIf(Type type) =>
        Assert.True(AttributeMetadata.Cmdlet(type).SupportsShouldProcess);

    [Theory]
    [InlineData(typeof(NewSeedanceVideoCommand), "Image", true, true, "FullName,Path")]
    [InlineData(typeof(NewSeedanceVideoCommand), "Prompt", false, true, "")]
    [InlineData(typeof(GetSeedanceTaskCommand), "Id", true, true, "TaskId")]
    [InlineData(typeof(GetSeedanceTaskCommand), "InputObject", true, false, "Task")]
    [InlineData(typeof(WaitSeedanceTaskCommand), "InputObject", true, false, "Task")]
    [InlineData(typeof(WaitSeedanceTaskCommand), "Id", true, true, "TaskId")]
    [InlineData(typeof(SaveSeedanceVideoCommand), "InputObject", true, false, "Task")]
    [InlineData(typeof(SaveSeedanceVideoCommand), "Id", true, true, "TaskId")]
    [InlineData(typeof(StopSeedanceTaskCommand), "InputObject", true, false, "Task")]
    [InlineData(typeof(StopSeedanceTaskCommand), "Id", true, true, "TaskId")]
    [InlineData(typeof(DisconnectSeedanceCommand), "Name", true, true, "")]
    public void Pipeline_bindings_are_as_documented(Type type, string parameter, bool byValue, bool byPropertyName, string aliases)
    {
        var property = type.GetProperty(parameter)!;
        var attributes = AttributeMetadata.Parameters(property).ToList();

        Assert.NotEmpty(attributes);
        Assert.Contains(attributes, attribute => attribute.ByValue == byValue && attribute.ByPropertyName == byPropertyName);
        var declared = AttributeMetadata.Aliases(property).ToList();
        Assert.All(aliases.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries), alias => Assert.Contains(alias, declared));
    }

    [Theory]
    [InlineData(typeof(NewSeedanceVideoCommand), typeof(VideoTask))]
    [InlineData(typeof(WaitSeedanceTaskCommand), typeof(VideoTask))]
    [InlineData(typeof(GetSeedanceTaskCommand), typeof(VideoTask))]
    [InlineData(typeof(SaveSeedanceVideoCommand), typeof(VideoFile))]
    [InlineData(typeof(ConnectSeedanceCommand), typeof(Seedance.Connections.ConnectionInfo))]
    [InlineData(typeof(GetSeedanceConnectionCommand), typeof(Seedance.Connections.ConnectionInfo))]
    public void Output_types_are_declared(Type type, Type output) =>
        Assert.Contains(output, AttributeMetadata.OutputTypes(type));

    [Fact]
    public void The_cmdlet_assembly_references_neither_System_Text_Json_nor_Polly()
    {
        var references = Cmdlets.GetReferencedAssemblies().Select(name => name.Name).ToList();

        Assert.DoesNotContain("System.Text.Json", references);
        Assert.DoesNotContain(references, name => name!.StartsWith("Polly", StringComparison.Ordinal));
        Assert.Contains("Seedance.Engine", references);
    }

    [Fact]
    public void The_engine_assembly_has_no_PowerShell_types() =>
        Assert.DoesNotContain("System.Management.Automation", typeof(VideoTask).Assembly.GetReferencedAssemblies().Select(name => name.Name));

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_the_assembly_defines()
    {
        var manifest = File.ReadAllText(Path.Combine(RepositoryRoot(), "Seedance.psd1"));
        var block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)").Groups["list"].Value;
        var exported = Regex.Matches(block, "'([^']+)'").Select(match => match.Groups[1].Value).OrderBy(name => name);
        var defined = Cmdlets.GetTypes()
            .Where(AttributeMetadata.IsCmdlet)
            .Select(AttributeMetadata.Cmdlet)
            .Select(cmdlet => $"{cmdlet.Verb}-{cmdlet.Noun}")
            .OrderBy(name => name);

        Assert.Equal(defined, exported);
    }

    [Fact]
    public void Every_parameter_of_every_cmdlet_is_documented()
    {
        // The help file is generated from these comments, so an undocumented parameter means an empty help entry.
        var documentation = DocumentationComments();
        // Every type: a cmdlet's own parameters, and those on the dynamic-parameter objects cmdlets share.
        var missing = Cmdlets.GetTypes()
            .SelectMany(type => type.GetProperties().Where(property => AttributeMetadata.Parameters(property).Any()).Select(property => (type, property)))
            .Where(pair => !documentation.Contains($"P:{pair.property.DeclaringType!.FullName}.{pair.property.Name}"))
            .Select(pair => $"{pair.type.Name}.{pair.property.Name}")
            .ToList();

        Assert.Empty(missing);
    }

    private static HashSet<string> DocumentationComments()
    {
        var path = Path.ChangeExtension(Cmdlets.Location, ".xml");
        var document = System.Xml.Linq.XDocument.Load(path);
        return new HashSet<string>(document.Descendants("member")
            .Where(member => !string.IsNullOrWhiteSpace(member.Element("summary")?.Value))
            .Select(member => member.Attribute("name")!.Value));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Seedance.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (with Seedance.sln) was not found above " + AppContext.BaseDirectory);
    }
}
