using Koshi.Web.Reference;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Koshi.Web.Platform.Storage;

/// <summary>
/// Lets <c>dotnet ef dbcontext optimize</c> write the compiled model: it must write each property's sentinel (the value
/// meaning "not set") as C#, and knows no literal for the platform's own value types.
/// </summary>
internal sealed class DesignTimeServices : IDesignTimeServices
{
    public void ConfigureDesignTimeServices(IServiceCollection services) => services.AddSingleton<ICSharpHelper, KoshiCSharpHelper>();
}

#pragma warning disable EF1001 // CSharpHelper is EF Core's own code writer; only its fallback for unknown values is extended.
internal sealed class KoshiCSharpHelper(ITypeMappingSource typeMappingSource) : CSharpHelper(typeMappingSource)
{
    public override string UnknownLiteral(object? value) => value switch
    {
        RegionCode { Value: not null } code => $"global::Koshi.Web.Reference.RegionCode.Parse({Literal(code.Value)})",
        // The sentinel of a value type of ours (RegionCode, Iin, Bin…) is its default.
        ValueType when value.GetType().Namespace?.StartsWith("Koshi.", StringComparison.Ordinal) == true && value.Equals(Activator.CreateInstance(value.GetType())) =>
            $"default({Reference(value.GetType(), fullName: true)})",
        _ => base.UnknownLiteral(value),
    };
}
#pragma warning restore EF1001
