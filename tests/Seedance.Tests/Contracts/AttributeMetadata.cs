using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;

namespace Seedance.Tests.Contracts;

/// <summary>
/// Reads PowerShell attributes as the compiler recorded them (constructor and named arguments), so a contract
/// names exactly what the source declares, not what a default filled in.
/// </summary>
internal static class AttributeMetadata
{
    public static bool IsCmdlet(Type type) => Of<CmdletAttribute>(type).Any();

    public static (string Verb, string Noun, bool SupportsShouldProcess) Cmdlet(Type type)
    {
        var data = Of<CmdletAttribute>(type).Single();
        return ((string)data.ConstructorArguments[0].Value!, (string)data.ConstructorArguments[1].Value!, Named<bool>(data, nameof(CmdletAttribute.SupportsShouldProcess)));
    }

    public static IEnumerable<(bool ByValue, bool ByPropertyName, string? Set)> Parameters(PropertyInfo property) =>
        Of<ParameterAttribute>(property).Select(data => (
            Named<bool>(data, nameof(ParameterAttribute.ValueFromPipeline)),
            Named<bool>(data, nameof(ParameterAttribute.ValueFromPipelineByPropertyName)),
            (string?)Named<string>(data, nameof(ParameterAttribute.ParameterSetName))));

    public static IEnumerable<string> Aliases(PropertyInfo property) =>
        Of<AliasAttribute>(property).SelectMany(data => Values<string>(data.ConstructorArguments[0]));

    public static IEnumerable<Type> OutputTypes(Type type) =>
        Of<OutputTypeAttribute>(type).SelectMany(data => Values<Type>(data.ConstructorArguments[0]));

    private static IEnumerable<CustomAttributeData> Of<T>(MemberInfo member) =>
        member.GetCustomAttributesData().Where(data => data.AttributeType == typeof(T));

    private static T Named<T>(CustomAttributeData data, string name) =>
        data.NamedArguments.Where(argument => argument.MemberName == name).Select(argument => (T)argument.TypedValue.Value!).FirstOrDefault()!;

    private static IEnumerable<T> Values<T>(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(item => (T)item.Value!) : new[] { (T)argument.Value! };
}
