using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// The resettlement officer's queue at volume, through the page and the API on each database: case numbers from the
/// database counter (raced), search by number, IIN and name, the status, waiting-for-me, overdue and programme filters,
/// the sort orders, pages that keep the filters, and who may list at all.
/// </summary>
public abstract partial class ResettlementQueueTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string Region = "KZ-55";
    private const string OfficerEmail = "officer.pavlodar@demo.koshi.kz";
    private const string Password = "Applicant-2026";
    private static int people;

    protected ResettlementQueueTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    [Fact]
    public async Task Case_numbers_follow_each_other_and_show_on_the_case_page_the_queue_and_the_API()
    {
        var token = Token();
        var first = await Apply(await NewPerson($"Aruzhan {token}"));
        var second = await Apply(await NewPerson($"Bauyrzhan {token}"));
        Assert.Matches($"^{first.Year}-\\d{{6}}$", first.Number);
        if (first.Year == second.Year)
        {
            Assert.Equal(Sequence(first.Number) + 1, Sequence(second.Number));
        }

        var applicant = await SignedIn(first.Person.Email, Password);
        Assert.Contains($"id=\"case-number\">{first.Number}<", await applicant.GetStringAsync($"/resettlement/cases/{first.Id}"), StringComparison.Ordinal);
        Assert.Contains($">{first.Number}</a>", await applicant.GetStringAsync("/resettlement"), StringComparison.Ordinal);

        var officer = await SignedIn(OfficerEmail);
        Assert.Equal([second.Number, first.Number], Rows(await officer.GetStringAsync($"/resettlement/officer?q={token}&sort=newest")));
        var got = await Api.Ok(await (await Api.As(first.Person.Email, Password)).GetAsync($"/api/v1/resettlement/applications/{first.Id}"));
        Assert.Equal(first.Number, got.GetProperty("caseNumber").GetString());
        Assert.Equal(JsonValueKind.String, got.GetProperty("dueOn").ValueKind);
    }

    [Fact]
    public async Task Sixteen_applications_at_once_get_sixteen_different_numbers_in_one_unbroken_run()
    {
        var token = Token();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 16; i++)
        {
            clients.Add(await Api.As((await NewPerson($"Race{i} {token}")).Email, Password));
        }

        using var start = new ManualResetEventSlim();
        var applications = clients.Select(client => Task.Run(async () =>
        {
            start.Wait();
            return await client.PostAsJsonAsync("/api/v1/resettlement/applications", Families.Family(Region, size: 1));
        })).ToList();
        start.Set();
        var numbers = new List<string>();
        foreach (var response in await Task.WhenAll(applications))
        {
            numbers.Add((await Api.Ok(response, HttpStatusCode.Created)).GetProperty("caseNumber").GetString()!);
        }

        Assert.Equal(16, numbers.Distinct().Count());
        var year = int.Parse(numbers[0][..4], CultureInfo.InvariantCulture);
        Assert.All(numbers, n => Assert.StartsWith($"{year}-", n, StringComparison.Ordinal));
        var sequence = numbers.Select(Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range((int)sequence[0], 16).Select(n => (long)n), sequence);
        long counter = 0;
        await Factory.WithDbAsync(async db => counter = await db.Set<CaseNumberCounter>()
            .Where(c => c.Series == "resettlement" && c.Year == year).Select(c => c.Last).SingleAsync());
        Assert.True(counter >= sequence[^1], $"The counter ({counter}) is behind the numbers given ({sequence[^1]}).");
    }

    [Fact]
    public async Task The_queue_finds_a_case_by_its_number_as_said_on_the_phone_by_IIN_and_by_part_of_a_name()
    {
        var token = Token();
        var aigerim = await Apply(await NewPerson($"Айгерім Сәрсенова {token}"));
        var other = await Apply(await NewPerson($"Dmitry Ivanov {token}"));
        var officer = await SignedIn(OfficerEmail);
        var officerApi = await Api.As(OfficerEmail);
        var sequence = Sequence(aigerim.Number).ToString(CultureInfo.InvariantCulture);

        foreach (var q in new[] { aigerim.Number, $"{aigerim.Number[..4]}-{sequence}", sequence, aigerim.Person.Iin, Uri.EscapeDataString("сәрсенова " + token) })
        {
            Assert.Equal([aigerim.Number], Rows(await officer.GetStringAsync($"/resettlement/officer?q={q}")));
            Assert.Equal([aigerim.Number], Numbers(await Api.Ok(await officerApi.GetAsync($"/api/v1/resettlement/queue?q={q}"))));
        }

        Assert.Equal([other.Number], Rows(await officer.GetStringAsync($"/resettlement/officer?q={Uri.EscapeDataString("IVANOV " + token)}")));
        var none = await officer.GetStringAsync($"/resettlement/officer?q={token}-nobody");
        Assert.Empty(Rows(none));
        Assert.Contains("id=\"rs-queue-none\"", none, StringComparison.Ordinal);

        // A withdrawn case leaves the open queue, but a caller quoting its number still finds it.
        await Api.Ok(await (await Api.As(other.Person.Email, Password)).PostAsJsonAsync($"/api/v1/resettlement/applications/{other.Id}/withdraw", new { reason = "Moved" }));
        Assert.Equal([aigerim.Number], Rows(await officer.GetStringAsync($"/resettlement/officer?q={token}&stage=open")));
        Assert.Equal([other.Number], Rows(await officer.GetStringAsync($"/resettlement/officer?q={other.Number}")));
        Assert.Equal([other.Number], Rows(await officer.GetStringAsync($"/resettlement/officer?q={token}&stage=withdrawn")));
    }

    [Fact]
    public async Task Status_programme_waiting_and_overdue_filters_narrow_the_page_and_the_API_alike()
    {
        var token = Token();
        var waiting = await Apply(await NewPerson($"Waiting {token}"));
        var approved = await Apply(await NewPerson($"Approved {token}"));
        var kandas = await Apply(await NewPerson($"Kandas {token}"), kandas: true);
        var officerApi = await Api.As(OfficerEmail);
        await Api.Ok(await officerApi.PostAsync($"/api/v1/resettlement/applications/{approved.Id}/approve", null));

        var officer = await SignedIn(OfficerEmail);
        async Task Both(string query, params string[] expected)
        {
            Assert.Equal(expected.Order().ToList(), Rows(await officer.GetStringAsync($"/resettlement/officer?q={token}&{query}")).Order().ToList());
            Assert.Equal(expected.Order().ToList(), Numbers(await Api.Ok(await officerApi.GetAsync($"/api/v1/resettlement/queue?q={token}&{query}"))).Order().ToList());
        }

        await Both("stage=open", waiting.Number, approved.Number, kandas.Number);
        await Both("stage=approved", approved.Number);
        await Both("stage=submitted", waiting.Number, kandas.Number);
        await Both("programme=kandas", kandas.Number);
        await Both("programme=resettler", waiting.Number, approved.Number);
        await Both("mine=true", waiting.Number, kandas.Number);
        await Both("overdue=true");
        Assert.Contains("<option value=\"kandas\" selected=\"selected\">", await officer.GetStringAsync($"/resettlement/officer?q={token}&programme=kandas"), StringComparison.Ordinal);

        // Past the decision day the pack set (read from the case, not assumed here), the undecided ones are overdue and first.
        var due = DateOnly.Parse((await Api.Ok(await officerApi.GetAsync($"/api/v1/resettlement/applications/{waiting.Id}"))).GetProperty("dueOn").GetString()!, CultureInfo.InvariantCulture);
        var late = await Apply(await NewPerson($"Late {token}"));
        Assert.Empty(Numbers(await Api.Ok(await officerApi.GetAsync($"/api/v1/resettlement/queue?q={token}&overdue=true"))));
        var days = due.DayNumber - Koshi.Policy.LegalClock.DateOf(Factory.Time.GetUtcNow()).DayNumber + 1;
        Factory.Time.Advance(TimeSpan.FromDays(Math.Max(1, days)));
        var fresh = await Apply(await NewPerson($"Fresh {token}"));
        officerApi = await Api.As(OfficerEmail);
        officer = await SignedIn(OfficerEmail);
        await Both("overdue=true", waiting.Number, kandas.Number, late.Number);
        var page = await officer.GetStringAsync($"/resettlement/officer?q={token}");
        Assert.Contains($"data-case=\"{waiting.Number}\"", page, StringComparison.Ordinal);
        Assert.Matches($"data-case=\"{waiting.Number}\"[^>]*data-overdue=\"true\"", page);
        Assert.Matches($"data-case=\"{fresh.Number}\"[^>]*data-overdue=\"false\"", page);
        var order = Rows(page);
        Assert.True(order.IndexOf(waiting.Number) < order.IndexOf(fresh.Number), string.Join(", ", order));
        Assert.True(order.IndexOf(fresh.Number) < order.IndexOf(approved.Number), "A case waiting for a decision comes before one already decided: " + string.Join(", ", order));
    }

    [Fact]
    public async Task The_queue_sorts_by_application_newest_first_and_by_name()
    {
        var token = Token();
        var lodged = new List<string>();
        foreach (var name in new[] { "Cc", "Aa", "Bb" })
        {
            lodged.Add((await Apply(await NewPerson($"{name} {token}"))).Number);
            Factory.Time.Advance(TimeSpan.FromHours(1));
        }

        var officer = await SignedIn(OfficerEmail);
        Assert.Equal(lodged, Rows(await officer.GetStringAsync($"/resettlement/officer?q={token}&sort=applied")));
        Assert.Equal(Enumerable.Reverse(lodged).ToList(), Rows(await officer.GetStringAsync($"/resettlement/officer?q={token}&sort=newest")));
        Assert.Equal([lodged[1], lodged[2], lodged[0]], Rows(await officer.GetStringAsync($"/resettlement/officer?q={token}&sort=name")));
        Assert.Contains("<option value=\"name\" selected=\"selected\">", await officer.GetStringAsync($"/resettlement/officer?q={token}&sort=name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_of_the_queue_keep_the_search_and_sort_and_together_show_every_case_once_on_the_page_and_the_API()
    {
        var token = Token();
        var lodged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            lodged.Add((await Apply(await NewPerson($"Paged{i} {token}"))).Number);
            Factory.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var newest = Enumerable.Reverse(lodged).ToList();
        var officer = await SignedIn(OfficerEmail);
        var seen = new List<string>();
        var url = $"/resettlement/officer?q={token}&sort=newest&pageSize=2";
        for (var pageNumber = 1; url is not null; pageNumber++)
        {
            Assert.True(pageNumber <= 3, "More pages than 5 cases in pages of 2 make.");
            var page = await officer.GetStringAsync(url);
            var rows = Rows(page);
            Assert.True((pageNumber < 3 ? 2 : 1) == rows.Count, $"page {pageNumber} ({url}): {string.Join(", ", rows)}");
            seen.AddRange(rows);
            url = NextPage().Match(page) is { Success: true } next ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
            if (url is not null)
            {
                Assert.Contains($"q={token}", url, StringComparison.Ordinal);
                Assert.Contains("sort=newest", url, StringComparison.Ordinal);
            }
        }

        Assert.Equal(newest, seen);

        var officerApi = await Api.As(OfficerEmail);
        var apiSeen = new List<string>();
        string? apiUrl = $"/api/v1/resettlement/queue?q={token}&sort=newest&pageSize=2";
        while (apiUrl is not null)
        {
            var response = await officerApi.GetAsync(apiUrl);
            Assert.Equal("5", response.Headers.GetValues("X-Total-Count").Single());
            apiSeen.AddRange(Numbers(await Api.Ok(response)));
            apiUrl = response.Headers.TryGetValues("Link", out var links) ? Regex.Match(links.Single(), "<([^>]+)>").Groups[1].Value : null;
            Assert.True(apiSeen.Count <= 5, string.Join(", ", apiSeen));
        }

        Assert.Equal(newest, apiSeen);
    }

    [Fact]
    public async Task A_case_stored_before_decision_days_were_kept_gets_its_day_from_the_pack_at_start_up()
    {
        var token = Token();
        var stored = await Apply(await NewPerson($"Legacy {token}"));
        var officer = await Api.As(OfficerEmail);
        var due = (await Api.Ok(await officer.GetAsync($"/api/v1/resettlement/applications/{stored.Id}"))).GetProperty("dueOn").GetString();
        var id = Guid.Parse(stored.Id);
        await Factory.WithDbAsync(db => db.ResettlementCases.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DueOn, (DateOnly?)null)));
        Assert.Equal(JsonValueKind.Null, (await Api.Ok(await officer.GetAsync($"/api/v1/resettlement/applications/{stored.Id}"))).GetProperty("dueOn").ValueKind);

        const string action = Koshi.Web.Resettlement.ResettlementService.FillDueDaysAction;
        var entriesBefore = 0;
        await Factory.WithDbAsync(async db => entriesBefore = await db.AuditEntries.CountAsync(e => e.Action == action));
        using (var scope = Factory.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Koshi.Web.Resettlement.ResettlementService>().FillDueDaysAsync(CancellationToken.None) >= 1);
        }

        Assert.Equal(due, (await Api.Ok(await officer.GetAsync($"/api/v1/resettlement/applications/{stored.Id}"))).GetProperty("dueOn").GetString());

        // The backfill is in the audit log: by the system, the case's day before and after, and the pack's term it came from.
        await Factory.WithDbAsync(async db =>
        {
            var entries = await db.AuditEntries.Where(e => e.Action == action).OrderBy(e => e.Id).Skip(entriesBefore).ToListAsync();
            var entry = Assert.Single(entries);
            Assert.Equal("system", entry.Actor);
            var before = JsonNode.Parse(entry.Before)!.AsObject();
            var after = JsonNode.Parse(entry.After)!.AsObject();
            Assert.Null(before[$"ResettlementCase/{id}"]!["DueOn"]);
            Assert.Equal(due, after[$"ResettlementCase/{id}"]!["DueOn"]!.GetValue<string>());
            var term = Assert.Single(after, p => p.Key.StartsWith("PolicyParameter/resettlement.decision_days/", StringComparison.Ordinal)).Value!;
            var appliedOn = DateOnly.Parse(due!, CultureInfo.InvariantCulture).AddDays(-term["Days"]!.GetValue<int>());
            Assert.True(DateOnly.Parse(term["From"]!.GetValue<string>(), CultureInfo.InvariantCulture) <= appliedOn);
            // Sourced, or marked provisional as the pack says.
            Assert.True(term["Source"] is not null || term["Provisional"]!.GetValue<bool>(), term.ToJsonString());
        });

        // The next start finds nothing missing and writes nothing.
        using (var scope = Factory.Services.CreateScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<Koshi.Web.Resettlement.ResettlementService>().FillDueDaysAsync(CancellationToken.None));
        }

        await Factory.WithDbAsync(async db => Assert.Equal(entriesBefore + 1, await db.AuditEntries.CountAsync(e => e.Action == action)));
    }

    [Fact]
    public async Task The_queue_API_names_a_bad_parameter()
    {
        var officer = await Api.As(OfficerEmail);
        await Api.BadField(await officer.GetAsync("/api/v1/resettlement/queue?stage=pending"), "stage");
        await Api.BadField(await officer.GetAsync("/api/v1/resettlement/queue?sort=size"), "sort");
        await Api.BadField(await officer.GetAsync("/api/v1/resettlement/queue?overdue=maybe"), "overdue");
        await Api.BadField(await officer.GetAsync("/api/v1/resettlement/queue?mine=2"), "mine");
        await Api.BadField(await officer.GetAsync("/api/v1/resettlement/queue?programme=nomad"), "programme");
        await Api.BadField(await officer.GetAsync("/api/v1/resettlement/queue?region=KZ-00"), "region");
        await Api.BadField(await officer.GetAsync("/api/v1/resettlement/queue?pageSize=501"), "pageSize");
        await Api.BadField(await officer.GetAsync($"/api/v1/resettlement/queue?q={new string('x', 201)}"), "q");
    }

    [Fact]
    public async Task Another_regions_officer_sees_none_of_the_cases_and_an_applicant_cannot_list()
    {
        var token = Token();
        var mine = await Apply(await NewPerson($"Regional {token}"));

        var astana = await Api.As("officer.astana@demo.koshi.kz");
        var elsewhere = await astana.GetAsync($"/api/v1/resettlement/queue?q={token}");
        Assert.Empty(Numbers(await Api.Ok(elsewhere)));
        Assert.Equal("0", elsewhere.Headers.GetValues("X-Total-Count").Single());
        Assert.Empty(Numbers(await Api.Ok(await astana.GetAsync($"/api/v1/resettlement/queue?q={mine.Number}&region={Region}"))));
        Assert.Empty(Rows(await (await SignedIn("officer.astana@demo.koshi.kz")).GetStringAsync($"/resettlement/officer?q={mine.Number}")));

        var applicant = await Api.As(mine.Person.Email, Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/resettlement/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Anonymous().GetAsync("/api/v1/resettlement/queue")).StatusCode);
        var page = await (await SignedIn(mine.Person.Email, Password)).GetAsync("/resettlement/officer");
        Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)page.StatusCode}");
        Assert.DoesNotContain(mine.Number, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The administrator reads every region and narrows by one.
        var admin = await Api.As("admin@demo.koshi.kz");
        Assert.Equal([mine.Number], Numbers(await Api.Ok(await admin.GetAsync($"/api/v1/resettlement/queue?q={token}&region={Region}"))));
        Assert.Empty(Numbers(await Api.Ok(await admin.GetAsync($"/api/v1/resettlement/queue?q={token}&region=KZ-71"))));
    }

    private static string Token() => "t" + Guid.NewGuid().ToString("N")[..10];

    private static long Sequence(string caseNumber) => long.Parse(caseNumber[5..], CultureInfo.InvariantCulture);

    private static List<string> Rows(string html) => CaseRow().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static List<string> Numbers(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("caseNumber").GetString()!).ToList();

    private sealed record Person(string Email, string Iin);

    private sealed record Case(string Id, string Number, int Year, Person Person);

    private async Task<Person> NewPerson(string fullName)
    {
        var n = Interlocked.Increment(ref people);
        var iin = Iins.Make(new DateOnly(1978, 1, 1).AddDays(n * 13), male: n % 2 == 0, serial: 3000 + n * 10 + 1);
        var email = $"rsqueue{n}-{Guid.NewGuid().ToString("N")[..8]}@test.koshi.kz";
        await Api.Ok(await Api.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, fullName, iin }), HttpStatusCode.Created);
        return new Person(email, iin);
    }

    private async Task<Case> Apply(Person person, bool kandas = false)
    {
        var client = await Api.As(person.Email, Password);
        object body = kandas
            ? new
            {
                programme = "kandas", destinationRegion = Region, kandasCondition = "regional_quota", payoutAccount = "KZ000000000000001234",
                members = Array.Empty<object>(),
            }
            : Families.Family(Region, size: 1);
        var created = await Api.Ok(await client.PostAsJsonAsync("/api/v1/resettlement/applications", body), HttpStatusCode.Created);
        var number = created.GetProperty("caseNumber").GetString()!;
        return new Case(created.GetProperty("id").GetString()!, number, int.Parse(number[..4], CultureInfo.InvariantCulture), person);
    }

    private async Task<HttpClient> SignedIn(string email, string password = DemoData.Password)
    {
        var client = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = FormToken(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language/en?returnUrl=/")).StatusCode);
        return client;
    }

    private static string FormToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("<tr [^>]*data-case=\"([^\"]+)\"")]
    private static partial Regex CaseRow();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextPage();
}

public sealed class ResettlementQueueSqliteTests(SqliteFactory factory) : ResettlementQueueTests<SqliteFactory>(factory);

public sealed class ResettlementQueuePostgresTests(PostgresFactory factory) : ResettlementQueueTests<PostgresFactory>(factory);
