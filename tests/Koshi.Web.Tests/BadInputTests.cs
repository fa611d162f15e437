using System.Net;
using System.Net.Http.Json;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>Bad input is answered with problem details naming the field, never with a 500.</summary>
public abstract class BadInputTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private readonly Api api;

    protected BadInputTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        api = new Api(factory);
    }

    private async Task<(HttpClient Client, string Id)> ApplicationAtLanguageTest()
    {
        var (client, _, _) = await api.NewApplicant();
        var created = await Api.Ok(await client.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);
        return (client, created.GetProperty("id").GetString()!);
    }

    [Theory]
    [InlineData("""{"kind":"tourist","region":"KZ-71"}""", "kind")]
    [InlineData("""{"kind":3,"region":"KZ-71"}""", "kind")]
    [InlineData("""{"kind":"permanent-residence","region":"KZ-99"}""", "region")]
    [InlineData("""{"kind":"permanent-residence","region":71}""", "region")]
    [InlineData("""{"region":"KZ-71"}""", "kind")]
    [InlineData("""{"kind":"permanent-residence"}""", "region")]
    [InlineData("""{"kind":"permanent-residence","region":"KZ-71","extra":true}""", "extra")]
    [InlineData("""{"kind":"permanent-residence","region":""", "region")]
    [InlineData("""[1,2,3]""", "body")]
    [InlineData("", "body")]
    public async Task Lodging_refuses_bad_fields_by_name(string json, string field)
    {
        var (client, _, _) = await api.NewApplicant();
        await Api.BadField(await client.PostAsync("/api/v1/residence/applications", Api.Body(json)), field);
    }

    [Theory]
    [InlineData("""{"listeningPercent":"fifty","readingPercent":50,"takenOn":"2026-03-01","certificate":"KT"}""", "listeningPercent")]
    [InlineData("""{"listeningPercent":50.5,"readingPercent":50,"takenOn":"2026-03-01","certificate":"KT"}""", "listeningPercent")]
    [InlineData("""{"listeningPercent":150,"readingPercent":50,"takenOn":"2026-03-01","certificate":"KT"}""", "listeningPercent")]
    [InlineData("""{"listeningPercent":50,"readingPercent":-1,"takenOn":"2026-03-01","certificate":"KT"}""", "readingPercent")]
    [InlineData("""{"listeningPercent":50,"readingPercent":50,"takenOn":"1 March","certificate":"KT"}""", "takenOn")]
    [InlineData("""{"listeningPercent":50,"readingPercent":50,"takenOn":"2030-01-01","certificate":"KT"}""", "takenOn")]
    [InlineData("""{"listeningPercent":50,"readingPercent":50,"takenOn":"2026-03-01"}""", "certificate")]
    [InlineData("""{"listeningPercent":99999999999,"readingPercent":50,"takenOn":"2026-03-01","certificate":"KT"}""", "listeningPercent")]
    public async Task A_kaztest_result_with_a_bad_field_is_refused_by_name(string json, string field)
    {
        var (client, id) = await ApplicationAtLanguageTest();
        await Api.BadField(await client.PostAsync($"/api/v1/residence/applications/{id}/kaztest", Api.Body(json)), field);
    }

    [Theory]
    [InlineData("education", "5")]
    [InlineData("education", "\"phd\"")]
    [InlineData("work_experience_years", "99")]
    [InlineData("work_experience_years", "\"ten\"")]
    [InlineData("citizenship", "\"Uzbekistan\"")]
    [InlineData("certificates", "[\"cambridge\"]")]
    [InlineData("favourite_colour", "\"green\"")]
    [InlineData("lodgement_date", "\"2020-01-01\"")]
    public async Task Questionnaire_answers_are_checked_against_the_pack_naming_each_field(string field, string value)
    {
        var (client, id) = await ApplicationAtLanguageTest();
        await Api.Ok(await client.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 50, readingPercent = 50, takenOn = "2026-03-01", certificate = "KT" }));
        var answers = Answers.Strong();
        answers[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        await Api.BadField(await client.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(answers.ToJsonString())), field);
        await Api.BadField(await client.PostAsync($"/api/v1/residence/applications/{id}/score-preview", Api.Body(answers.ToJsonString())), field);
    }

    [Fact]
    public async Task A_missing_required_answer_is_named()
    {
        var (client, id) = await ApplicationAtLanguageTest();
        await Api.Ok(await client.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 50, readingPercent = 50, takenOn = "2026-03-01", certificate = "KT" }));
        var answers = Answers.Strong();
        answers.Remove("education");
        await Api.BadField(await client.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(answers.ToJsonString())), "education");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_problem_details()
    {
        var (client, id) = await ApplicationAtLanguageTest();
        var huge = "{\"reason\":\"" + new string('x', 100_000) + "\"}";
        var problem = await Api.Problem(await client.PostAsync($"/api/v1/residence/applications/{id}/withdraw", Api.Body(huge)), HttpStatusCode.RequestEntityTooLarge);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
        var still = await Api.Ok(await client.GetAsync($"/api/v1/residence/applications/{id}"));
        Assert.Equal("language-test", still.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_wrong_content_type_is_refused_with_problem_details()
    {
        var (client, _) = await ApplicationAtLanguageTest();
        var response = await client.PostAsync("/api/v1/residence/applications", new StringContent("kind=x", System.Text.Encoding.UTF8, "text/plain"));
        await Api.Problem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("""{"email":"x@y.kz","password":"Secret-2026x","fullName":"X","iin":"900315401234"}""", "iin")]
    [InlineData("""{"email":"x@y.kz","password":"Secret-2026x","fullName":"X","iin":"9003154012"}""", "iin")]
    [InlineData("""{"email":"x@y.kz","password":"Secret-2026x","fullName":"X","iin":900315401233}""", "iin")]
    [InlineData("""{"email":"x@y.kz","password":"Secret-2026x","fullName":"X"}""", "iin")]
    [InlineData("""{"email":"not-an-email","password":"Secret-2026x","fullName":"X","iin":"920202400234"}""", "email")]
    [InlineData("""{"email":"x@y.kz","password":"short","fullName":"X","iin":"920202400234"}""", "password")]
    [InlineData("""{"email":"x@y.kz","password":"Secret-2026x","iin":"920202400234"}""", "fullName")]
    public async Task Registration_refuses_bad_fields_by_name(string json, string field) =>
        await Api.BadField(await api.Anonymous().PostAsync("/api/v1/auth/register", Api.Body(json)), field);

    [Fact]
    public async Task An_iin_with_a_birth_date_in_the_future_is_refused()
    {
        var future = Iins.Make(new DateOnly(2027, 6, 1), male: true, serial: 11);
        var response = await api.Anonymous().PostAsync("/api/v1/auth/register",
            Api.Body($$"""{"email":"future@test.koshi.kz","password":"Secret-2026x","fullName":"X","iin":"{{future}}"}"""));
        var problem = await Api.BadField(response, "iin");
        Assert.Contains("future", problem.GetProperty("errors").GetProperty("iin")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"email":"e1@test.koshi.kz","password":"Secret-2026x","fullName":"E","role":"employer","bin":"150270001232"}""", "bin")]
    [InlineData("""{"email":"e2@test.koshi.kz","password":"Secret-2026x","fullName":"E","role":"employer","bin":"150240001233"}""", "bin")]
    [InlineData("""{"email":"e3@test.koshi.kz","password":"Secret-2026x","fullName":"E","role":"agency"}""", "bin")]
    [InlineData("""{"email":"o1@test.koshi.kz","password":"Secret-2026x","fullName":"O","role":"officer"}""", "region")]
    [InlineData("""{"email":"o2@test.koshi.kz","password":"Secret-2026x","fullName":"O","role":"officer","region":"KZ-00"}""", "region")]
    [InlineData("""{"email":"o3@test.koshi.kz","password":"Secret-2026x","fullName":"O","role":"superuser"}""", "role")]
    [InlineData("""{"email":"o4@test.koshi.kz","password":"Secret-2026x","fullName":"O","role":"analyst","bin":"150240001232"}""", "bin")]
    public async Task Staff_accounts_need_a_valid_bin_or_region_for_their_role(string json, string field)
    {
        var admin = await api.As("admin@demo.koshi.kz");
        await Api.BadField(await admin.PostAsync("/api/v1/admin/users", Api.Body(json)), field);
    }

    [Fact]
    public async Task A_new_officer_works_only_in_their_region()
    {
        var admin = await api.As("admin@demo.koshi.kz");
        var email = $"officer-{Guid.NewGuid().ToString("N")[..8]}@test.koshi.kz";
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password = "Officer-2026", fullName = "Ulytau Officer", role = "officer", region = "KZ-62" }), HttpStatusCode.Created);
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email = "steppe-" + email, password = "Employer-2026", fullName = "Steppe LLP", role = "employer", bin = "201150007891" }), HttpStatusCode.Created);

        var (applicant, _, _) = await api.NewApplicant();
        var inUlytau = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "kandas-status", region = "KZ-62" }), HttpStatusCode.Created))
            .GetProperty("id").GetString();
        var officer = await api.As(email, "Officer-2026");
        var queue = await Api.Ok(await officer.GetAsync("/api/v1/residence/queue"));
        Assert.Equal([inUlytau], queue.EnumerateArray().Select(q => q.GetProperty("id").GetString()).ToList());
    }

    [Fact]
    public async Task Officer_inputs_are_checked_by_name()
    {
        var officer = await api.Officer();
        var (_, id) = await ApplicationAtLanguageTest();
        await Api.BadField(await officer.PostAsync($"/api/v1/residence/applications/{id}/interview", Api.Body("""{"at":"tomorrow","place":"Astana"}""")), "at");
        await Api.BadField(await officer.PostAsync($"/api/v1/residence/applications/{id}/interview", Api.Body("""{"at":"2026-12-01T10:00:00+05:00"}""")), "place");
        await Api.BadField(await officer.PostAsync($"/api/v1/residence/applications/{id}/interview/outcome", Api.Body("""{"passed":"yes"}""")), "passed");
        await Api.BadField(await officer.PostAsync($"/api/v1/residence/applications/{id}/decision", Api.Body("""{"outcome":"maybe","reasons":"x"}""")), "outcome");
        await Api.BadField(await officer.PostAsync($"/api/v1/residence/applications/{id}/decision", Api.Body("""{"outcome":"refuse","reasons":"x"}""")), "ground");
        await Api.BadField(await officer.PostAsync($"/api/v1/residence/applications/{id}/decision", Api.Body("""{"outcome":"approve"}""")), "reasons");
    }

    [Fact]
    public async Task Unknown_ids_and_routes_are_404_problems()
    {
        var (client, _) = await ApplicationAtLanguageTest();
        await Api.Problem(await client.GetAsync($"/api/v1/residence/applications/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Api.Problem(await client.GetAsync("/api/v1/residence/applications/not-a-guid"), HttpStatusCode.NotFound);
    }
}

public sealed class BadInputSqliteTests(SqliteFactory factory) : BadInputTests<SqliteFactory>(factory);

public sealed class BadInputPostgresTests(PostgresFactory factory) : BadInputTests<PostgresFactory>(factory);
