using Koshi.Web.Platform.Problems;
using Koshi.Web.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Koshi.Web.Identity;

public sealed record CreateUserRequest(string? Email, string? Password, string? FullName, string? Role, string? Region, string? Bin, string? Iin);

/// <summary>Administrators create staff and organisation accounts: officers with their region, employers and agencies with a BIN.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/admin/users", CreateUser).RequireAuthorization(Policies.ApiAdmin).WithTags("Identity")
            .WithName("CreateUser").WithSummary("Create an account with a role (officer needs a region; employer and agency a BIN)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Created<MeView>, ProblemHttpResult>> CreateUser(CreateUserRequest request, Accounts accounts, TimeProvider time)
    {
        var errors = new List<(string Field, string Message)>();
        if (string.IsNullOrWhiteSpace(request.Email) || request.Email.Length > 200 || !request.Email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add(("email", "Required: a valid e-mail address."));
        }

        if (string.IsNullOrWhiteSpace(request.FullName) || request.FullName.Length > 200)
        {
            errors.Add(("fullName", "Required: the person's or organisation's name (at most 200 characters)."));
        }

        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            errors.Add(("role", $"Required: one of {string.Join(", ", Roles.All)}."));
        }

        RegionCode? region = null;
        if (request.Role == Roles.Officer && !RegionCode.TryParse(request.Region, out region))
        {
            errors.Add(("region", "An officer works for one region: an ISO 3166-2 code such as KZ-71."));
        }
        else if (request.Role != Roles.Officer && request.Region is not null)
        {
            errors.Add(("region", "Only officers are bound to a region."));
        }

        Bin? bin = null;
        if (request.Role is Roles.Employer or Roles.Agency)
        {
            if (!Bin.TryParse(request.Bin, out bin, out var binError))
            {
                errors.Add(("bin", binError!));
            }
        }
        else if (request.Bin is not null)
        {
            errors.Add(("bin", "Only employers and agencies have a BIN."));
        }

        Iin? iin = null;
        if (request.Iin is not null && !ApplicantRegistration.TryReadIin(request.Iin, time, out iin, out var iinError))
        {
            errors.Add(("iin", iinError!));
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 200)
        {
            errors.Add(("password", "Required."));
        }

        if (errors.Count > 0)
        {
            return ProblemsExtensions.Invalid(errors);
        }

        var user = new KoshiUser
        {
            UserName = request.Email!.Trim(), Email = request.Email.Trim(), EmailConfirmed = true, FullName = request.FullName!.Trim(),
            Region = region?.Value, Bin = bin?.Value, Iin = iin?.Value,
        };
        var created = await accounts.CreateAsync(user, request.Password!, request.Role!, "identity.user-created");
        if (!created.Succeeded)
        {
            return ProblemsExtensions.Invalid(created.Errors.Select(e => (e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", e.Description)));
        }

        return TypedResults.Created($"/api/v1/admin/users/{user.Id}", MeView.Of(user, [request.Role!]));
    }
}
