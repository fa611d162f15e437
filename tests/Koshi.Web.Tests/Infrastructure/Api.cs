using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Koshi.Web.Identity;

namespace Koshi.Web.Tests.Infrastructure;

/// <summary>Signs people in and talks JSON to the API of one factory.</summary>
public sealed class Api(KoshiFactory factory)
{
    private static int counter;
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset IssuedAt)> tokens = new();

    public KoshiFactory Factory => factory;

    public HttpClient Anonymous() => factory.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>A client carrying a bearer token of the user (renewed when the test clock has moved on).</summary>
    public async Task<HttpClient> As(string email, string password = DemoData.Password)
    {
        var now = factory.Time.GetUtcNow();
        if (!tokens.TryGetValue(email, out var cached) || now - cached.IssuedAt > TimeSpan.FromMinutes(30))
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await Json(response);
            cached = (body.GetProperty("accessToken").GetString()!, now);
            tokens[email] = cached;
        }

        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cached.Token);
        return client;
    }

    public Task<HttpClient> Officer(string region = "KZ-71") =>
        As(region == "KZ-71" ? "officer.astana@demo.koshi.kz" : "officer.pavlodar@demo.koshi.kz");

    /// <summary>Registers a new applicant whose IIN ends its serial with <paramref name="signal"/> (drives the check simulators).</summary>
    public async Task<(HttpClient Client, string Email, string Iin)> NewApplicant(int signal = 1)
    {
        var n = Interlocked.Increment(ref counter);
        var iin = Iins.Make(new DateOnly(1990, 1, 1).AddDays(n * 37 % 3000), male: n % 2 == 0, serial: n * 10 + signal);
        var email = $"applicant{n}-{Guid.NewGuid().ToString("N")[..8]}@test.koshi.kz";
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Applicant-2026", fullName = $"Test Applicant {n}", iin });
        await Ok(response, HttpStatusCode.Created);
        return (await As(email, "Applicant-2026"), email, iin);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"Expected a JSON body from {response.RequestMessage?.RequestUri} ({(int)response.StatusCode}).");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Body(object value) => Body(JsonSerializer.Serialize(value, JsonSerializerOptions.Web));

    /// <summary>Asserts the response is problem details with the status, and returns it.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 problem that names <paramref name="field"/> among its errors.</summary>
    public static async Task<JsonElement> BadField(HttpResponseMessage response, string field)
    {
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.True(
            problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
            $"Expected an error naming '{field}': {problem}");
        return problem;
    }

    public static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>Makes valid BINs: registration year and month, legal-entity type 4, a serial, and the control digit.</summary>
public static class Bins
{
    public static string Make(int serial)
    {
        for (var s = serial; ; s++)
        {
            var body = $"25034{s % 1000000:D6}";
            if (Koshi.Web.Reference.KazakhControlDigit.Compute(body) is { } control)
            {
                return body + control.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}

/// <summary>Makes valid IINs: birth date, century/sex digit, a four-digit serial, and the control digit.</summary>
public static class Iins
{
    public static string Make(DateOnly birth, bool male, int serial)
    {
        var century = birth.Year switch { < 1900 => 1, < 2000 => 3, _ => 5 } + (male ? 0 : 1);
        for (var s = serial; ; s += 10)
        {
            var first = $"{birth:yyMMdd}{century}{s % 10000:D4}";
            var control = Control(first);
            if (control is not null)
            {
                return first + control;
            }
        }
    }

    public static int? Control(string eleven)
    {
        int[] w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        int[] w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
        var sum = Enumerable.Range(0, 11).Sum(i => (eleven[i] - '0') * w1[i]) % 11;
        if (sum != 10)
        {
            return sum;
        }

        sum = Enumerable.Range(0, 11).Sum(i => (eleven[i] - '0') * w2[i]) % 11;
        return sum == 10 ? null : sum;
    }
}

/// <summary>Questionnaire answers for the pack's permanent-residence scheme.</summary>
public static class Answers
{
    /// <summary>A master's graduate with good Kazakh and a job offer: well above the pass mark.</summary>
    public static JsonObject Strong() => new()
    {
        ["citizenship"] = "UZ",
        ["education"] = "master",
        ["kazakh_level"] = "b2",
        ["russian_level"] = "c1",
        ["english_level"] = "b2",
        ["work_experience_years"] = 8,
        ["qualification_level"] = "nqf_6_8",
        ["job_offer"] = true,
        ["in_demand_occupation"] = true,
        ["health_certificate"] = true,
        ["funds_kzt"] = 10000000,
        ["kandas_condition"] = "family_reunification",
        ["citizenship_consent"] = true,
    };

    /// <summary>Meets every gate but scores well below the pass mark.</summary>
    public static JsonObject Weak() => new()
    {
        ["citizenship"] = "CN",
        ["education"] = "secondary",
        ["kazakh_level"] = "a1",
        ["work_experience_years"] = 1,
        ["health_certificate"] = true,
        ["funds_kzt"] = 10000000,
        ["kandas_condition"] = "family_reunification",
        ["citizenship_consent"] = true,
    };
}
