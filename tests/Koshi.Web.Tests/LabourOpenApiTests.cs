using System.Reflection;
using System.Text.Json;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>The foreign-labour endpoints say in the OpenAPI document which problems they answer with, and what they return.</summary>
public sealed class LabourOpenApiTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Theory]
    [InlineData("/api/v1/labour/employer", "get", "EmployerView", new[] { "404" })]
    [InlineData("/api/v1/labour/employer", "put", "EmployerView", new[] { "400", "409" })]
    [InlineData("/api/v1/labour/vacancies", "post", "VacancyView", new[] { "400", "409" })]
    [InlineData("/api/v1/labour/permits", "post", "PermitView", new[] { "400", "409", "503" })]
    [InlineData("/api/v1/labour/permits/{id}", "get", "PermitView", new[] { "404" })]
    [InlineData("/api/v1/labour/permits/{id}/approve", "post", "PermitView", new[] { "400", "404", "409", "503" })]
    [InlineData("/api/v1/labour/permits/{id}/pay", "post", "PermitView", new[] { "400", "404", "409", "503" })]
    [InlineData("/api/v1/labour/permits/{id}/issue", "post", "PermitView", new[] { "404", "409" })]
    [InlineData("/api/v1/labour/permits/{id}/evidence/{item}", "post", "PermitView", new[] { "400", "404", "409" })]
    [InlineData("/api/v1/labour/quota/{year}/{region}/{pool}", "put", "QuotaView", new[] { "400", "409" })]
    [InlineData("/api/v1/labour/quota/{year}/moves", "post", "QuotaMoveView", new[] { "400", "409" })]
    [InlineData("/api/v1/labour/rounds", "get", "RoundView", new[] { "400" })]
    [InlineData("/api/v1/labour/rounds/measures", "get", "RoundMeasures", new[] { "400" })]
    [InlineData("/api/v1/labour/rounds/pool", "get", "PoolFile", new[] { "400" })]
    [InlineData("/api/v1/labour/rounds", "post", "RoundView", new[] { "400", "409" })]
    public async Task Each_endpoint_documents_its_success_and_its_problems(string path, string method, string success, string[] problems)
    {
        var document = await Api.Ok(await factory.CreateClient().GetAsync("/openapi/v1.json"));
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var responses = operation.GetProperty("responses");
        // Lodging answers 201 for a new permit and 200 for a replay of the same key: both carry the view.
        var successes = responses.EnumerateObject().Where(r => r.Name is "200" or "201").ToList();
        Assert.NotEmpty(successes);
        Assert.All(successes, ok =>
            Assert.EndsWith("/" + success, Reference(ok.Value.GetProperty("content").GetProperty("application/json").GetProperty("schema")), StringComparison.Ordinal));
        foreach (var status in problems)
        {
            Assert.True(responses.TryGetProperty(status, out var problem), $"{method} {path} does not document {status}: {responses}");
            Assert.True(problem.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {status} is not a problem: {problem}");
        }
    }

    [Fact]
    public async Task Reading_a_permit_does_not_claim_a_conflict_it_cannot_have()
    {
        var document = await Api.Ok(await factory.CreateClient().GetAsync("/openapi/v1.json"));
        var responses = document.GetProperty("paths").GetProperty("/api/v1/labour/permits/{id}").GetProperty("get").GetProperty("responses");
        Assert.False(responses.TryGetProperty("409", out _), responses.ToString());
        Assert.False(responses.TryGetProperty("503", out _), responses.ToString());
    }

    /// <summary>
    /// Every foreign-labour endpoint names each problem it answers with in its signature (BadRequestProblem,
    /// NotFoundProblem, ConflictProblem, UnavailableProblem), never a bare ProblemHttpResult that hides the status.
    /// </summary>
    [Fact]
    public void No_labour_endpoint_answers_with_a_problem_of_unknown_status()
    {
        var handlers = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/labour/", StringComparison.Ordinal) == true)
            .Select(e => (Route: e.RoutePattern.RawText!, Method: e.Metadata.GetMetadata<MethodInfo>()))
            .ToList();
        Assert.Contains(handlers, h => h.Route == "/api/v1/labour/rounds");
        var untyped = handlers.Where(h => h.Method is null || Mentions(h.Method.ReturnType, typeof(ProblemHttpResult))).Select(h => h.Route).ToList();
        Assert.True(untyped.Count == 0, "Untyped problems: " + string.Join(", ", untyped));
    }

    private static bool Mentions(Type type, Type wanted) =>
        type == wanted || type.IsGenericType && type.GetGenericArguments().Any(t => Mentions(t, wanted));

    private static string Reference(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) ? reference.GetString()!
        : schema.TryGetProperty("items", out var items) ? Reference(items)
        : schema.ToString();
}
