using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// Authorisation has one style: every endpoint and page names a policy from the one catalogue (Identity/Policies.cs),
/// none names roles, schemes or an inline policy of its own, and only the pages and endpoints listed here are open to anyone.
/// </summary>
public sealed class AuthorizationCatalogueTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    /// <summary>What anyone may open, signed in or not (the request metrics only in development, as the tests run).</summary>
    private static readonly HashSet<string> Public =
    [
        "/", "/account/denied", "/account/login", "/account/logout", "/account/register", "/agencies", "/error/{code:int}", "/labour/rounds",
        "/verify/{code?}", "/language/{lang}", "/healthz", "/metrics", "/openapi/{documentName}.json", "/scalar/{documentName?}", "/scalar/scalar.js",
        "/scalar/scalar.aspnetcore.js", "/scalar/favicon.svg",
        "POST /api/v1/auth/token", "POST /api/v1/auth/register", "GET /api/v1/reference/regions", "GET /api/v1/reference/occupations",
        "GET /api/v1/reference/iin/{value}", "GET /api/v1/reference/bin/{value}", "GET /api/v1/audit/checkpoints",
        "GET /api/v1/audit/entries/{sequence:long}/proof", "GET /api/v1/audit/consistency", "GET /api/v1/verify/{code}", "GET /api/v1/agencies/public",
        "GET /api/v1/agencies/public/{bin}", "GET /api/v1/agencies/standards", "POST /api/v1/agencies/complaints", "GET /api/v1/labour/rounds",
        "GET /api/v1/labour/rounds/measures",
    ];

    [Fact]
    public void Every_endpoint_and_page_names_a_policy_from_the_catalogue_or_is_listed_as_public()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.Contains(endpoints, e => Route(e) == "/admin");
        Assert.Contains(endpoints, e => Route(e) == "/api/v1/admin/users");
        var violations = endpoints.SelectMany(Violations).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Roles_named_directly_an_inline_policy_an_unknown_policy_or_none_are_each_caught()
    {
        Assert.Empty(Violations(Endpoint("/admin", new AuthorizeAttribute(Policies.PageAdmin))));
        Assert.Empty(Violations(Endpoint("/api/v1/labour/rounds", new HttpMethodMetadata(["GET"]), new AuthorizeAttribute(Policies.ApiUser), new AllowAnonymousAttribute())));
        Assert.Contains("names roles", Assert.Single(Violations(Endpoint("/admin", new AuthorizeAttribute(Policies.PageAdmin) { Roles = Roles.Admin }))));
        Assert.Contains("not in the catalogue", Assert.Single(Violations(Endpoint("/admin", new AuthorizeAttribute("admins-only")))));
        Assert.Contains("names no policy", Assert.Single(Violations(Endpoint("/admin", new AuthorizeAttribute()))));
        Assert.Contains("names no policy", Assert.Single(Violations(Endpoint("/admin"))));
        Assert.Contains("names no policy", Assert.Single(Violations(Endpoint("/admin", new AuthorizeAttribute(Policies.PageAdmin), new AllowAnonymousAttribute()))));
        Assert.Contains("inline policy", Assert.Single(Violations(Endpoint("/admin", new AuthorizeAttribute(Policies.PageAdmin),
            new AuthorizationPolicyBuilder().RequireRole(Roles.Admin).Build()))));
        Assert.Contains("listed as public", Assert.Single(Violations(Endpoint("/labour/rounds", new AuthorizeAttribute(Policies.PageAdmin)))));
        Assert.Contains("names no policy", Assert.Single(Violations(Endpoint("/api/v1/labour/rounds", new HttpMethodMetadata(["POST"])))));
        Assert.Empty(Violations(Endpoint("/api/v1/labour/rounds", new HttpMethodMetadata(["GET"]))));
    }

    private static IEnumerable<string> Violations(RouteEndpoint endpoint)
    {
        var route = Route(endpoint);
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
        var listed = Public.Contains(route) || methods.Any(m => Public.Contains($"{m} {route}"));
        var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        foreach (var item in data)
        {
            if (!string.IsNullOrEmpty(item.Roles))
            {
                yield return $"{route} names roles ({item.Roles}) instead of a policy";
            }

            if (!string.IsNullOrEmpty(item.AuthenticationSchemes))
            {
                yield return $"{route} names schemes ({item.AuthenticationSchemes}) instead of a policy";
            }

            if (item.Policy is { } policy && !Policies.All.Contains(policy))
            {
                yield return $"{route} names the policy {policy}, which is not in the catalogue";
            }
        }

        if (endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null)
        {
            yield return $"{route} carries an inline policy instead of one from the catalogue";
        }

        var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || data.Count == 0;
        if (listed)
        {
            if (!open)
            {
                yield return $"{route} is listed as public but asks for a sign-in";
            }
        }
        else if (open || !data.Any(d => d.Policy is not null))
        {
            yield return $"{route} names no policy from the catalogue and is not listed as public";
        }
    }

    private static string Route(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');

    private static RouteEndpoint Endpoint(string route, params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, new EndpointMetadataCollection(metadata), route);
}
