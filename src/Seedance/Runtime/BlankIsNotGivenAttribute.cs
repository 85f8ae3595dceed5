using System.Management.Automation;

namespace Seedance.Commands.Runtime;

/// <summary>
/// A blank value means "not given": Import-Csv hands an empty cell over as an empty string, which PowerShell would
/// otherwise turn into 0 for a number (-Duration 0) or send as an empty option. The model's default applies instead.
/// </summary>
public sealed class BlankIsNotGivenAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is string text && string.IsNullOrWhiteSpace(text) ? null : inputData;
    }
}
