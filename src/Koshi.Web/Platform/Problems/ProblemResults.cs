using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Koshi.Web.Platform.Problems;

/// <summary>
/// Problem results that name their status in the endpoint's signature (and so in the OpenAPI document), written
/// through the problem details service like every other problem: the same body, trace id and language.
/// </summary>
public abstract class ProblemResult(ProblemHttpResult problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public ProblemDetails ProblemDetails => problem.ProblemDetails;

    public int? StatusCode => problem.StatusCode;

    ProblemDetails? IValueHttpResult<ProblemDetails>.Value => problem.ProblemDetails;

    object? IValueHttpResult.Value => problem.ProblemDetails;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    protected static void Produces<T>(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(T), ["application/problem+json"]));
}

/// <summary>400: bad fields, each named with its rule.</summary>
public sealed class BadRequestProblem : ProblemResult, IEndpointMetadataProvider
{
    private BadRequestProblem(ProblemHttpResult problem)
        : base(problem)
    {
    }

    public static BadRequestProblem Invalid(IEnumerable<(string Field, string Message)> errors) => new(ProblemsExtensions.Invalid(errors));

    public static BadRequestProblem Invalid(string field, string message) => new(ProblemsExtensions.Invalid(field, message));

    /// <summary>A refusal that names the field at fault.</summary>
    public static BadRequestProblem From(Refusal refusal) =>
        refusal.Field is not null ? new(ProblemsExtensions.FromRefusal(refusal)) : throw new ArgumentException("The refusal names no field.", nameof(refusal));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces<HttpValidationProblemDetails>(builder, StatusCodes.Status400BadRequest);
}

/// <summary>404: nothing with that id is visible to the caller.</summary>
public sealed class NotFoundProblem : ProblemResult, IEndpointMetadataProvider
{
    private NotFoundProblem(ProblemHttpResult problem)
        : base(problem)
    {
    }

    public static NotFoundProblem Of(string what) => new(ProblemsExtensions.NotFound(what));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces<ProblemDetails>(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the state of things or a rule of the law refuses the action; the body carries the refusal's code.</summary>
public sealed class ConflictProblem : ProblemResult, IEndpointMetadataProvider
{
    private ConflictProblem(ProblemHttpResult problem)
        : base(problem)
    {
    }

    public static ConflictProblem From(Refusal refusal) =>
        refusal.Field is null && !refusal.ServiceUnavailable
            ? new(ProblemsExtensions.FromRefusal(refusal))
            : throw new ArgumentException("The refusal is not a conflict.", nameof(refusal));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces<ProblemDetails>(builder, StatusCodes.Status409Conflict);
}

/// <summary>503: another system did not answer; nothing is wrong with the request, try again later.</summary>
public sealed class UnavailableProblem : ProblemResult, IEndpointMetadataProvider
{
    private UnavailableProblem(ProblemHttpResult problem)
        : base(problem)
    {
    }

    public static UnavailableProblem From(Refusal refusal) =>
        refusal.ServiceUnavailable ? new(ProblemsExtensions.FromRefusal(refusal)) : throw new ArgumentException("The refusal is not an outage.", nameof(refusal));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces<ProblemDetails>(builder, StatusCodes.Status503ServiceUnavailable);
}
