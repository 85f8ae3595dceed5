using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;

namespace Seedance.Commands.Runtime;

/// <summary>
/// Request headers come as a dictionary (Azure Functions' $Request.Headers, a hashtable) or as a name/value
/// collection (HttpListener's and ASP.NET's request headers); the latter becomes a hashtable, so both bind.
/// </summary>
public sealed class HeadersArgumentAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is not NameValueCollection collection)
        {
            return inputData;
        }

        var headers = new Hashtable();
        foreach (string? name in collection.AllKeys)
        {
            if (name is not null)
            {
                headers[name] = collection[name];
            }
        }

        return headers;
    }
}
