using System.Linq;
using System.Management.Automation;

namespace Seedance.Commands.Runtime;

/// <summary>
/// A row piped in (a PSCustomObject, as Import-Csv makes) gives a pipeline parameter its column, never the text
/// PowerShell would make of the whole row: without this, a row with no Image column became -Image '@{Prompt=…}'.
/// PowerShell offers the row itself to the parameter before it looks at the row's columns, so the column is read
/// here, by the parameter's name and aliases; a row without one leaves the parameter not given.
/// </summary>
public sealed class RowIsNotAValueAttribute : ArgumentTransformationAttribute
{
    private readonly string[] _columns;

    /// <param name="columns">The parameter's name and aliases, in the order a row's columns are looked for.</param>
    public RowIsNotAValueAttribute(params string[] columns) => _columns = columns;

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        inputData is PSObject { BaseObject: PSCustomObject } row
            ? _columns.Select(column => row.Properties[column]).FirstOrDefault(property => property is not null)?.Value
            : inputData;
}
