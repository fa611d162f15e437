using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>The API reference page: a way back to the portal, the bearer instructions, none of the vendor's offers.</summary>
public sealed class ApiReferenceTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    [Theory]
    [InlineData("kk", "Koshi порталына оралу")]
    [InlineData("ru", "Вернуться на портал Koshi")]
    [InlineData("en", "Back to the Koshi portal")]
    public async Task The_reference_links_back_to_the_portal_in_the_readers_language(string language, string back)
    {
        var client = factory.CreateClient(new() { HandleCookies = true });
        await client.GetAsync($"/language/{language}");
        var response = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<a class=\"koshi-back\" id=\"back-to-portal\" href=\"/\">← {back}</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_vendors_deploy_ai_sdk_and_client_offers_are_switched_off()
    {
        var html = await (await factory.CreateClient().GetAsync("/scalar/v1")).Content.ReadAsStringAsync();
        var configuration = Configuration(html);
        Assert.True(configuration.GetProperty("hideClientButton").GetBoolean(), configuration.ToString());
        Assert.True(configuration.GetProperty("hiddenClients").GetBoolean(), configuration.ToString());
        Assert.Equal("never", configuration.GetProperty("showDeveloperTools").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.True(configuration.GetProperty("agent").GetProperty("disabled").GetBoolean(), configuration.ToString());
        Assert.True(configuration.GetProperty("mcp").GetProperty("disabled").GetBoolean(), configuration.ToString());
        Assert.True(configuration.GetProperty("hideDarkModeToggle").GetBoolean(), configuration.ToString());
    }

    [Fact]
    public async Task The_bearer_token_instructions_stay_in_the_document()
    {
        var document = await Api.Ok(await factory.CreateClient().GetAsync("/openapi/v1.json"));
        Assert.Contains("Authorization: Bearer", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Contains("/api/v1/auth/token", bearer.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The configuration object the page hands to the reference script.</summary>
    private static JsonElement Configuration(string html)
    {
        var json = Regex.Match(html, @"initialize\(\s*'[^']*',\s*(?:true|false),\s*(\{.*?\}),\s*'", RegexOptions.Singleline);
        Assert.True(json.Success, "No configuration found in the page: " + html);
        return JsonDocument.Parse(json.Groups[1].Value).RootElement.Clone();
    }
}
