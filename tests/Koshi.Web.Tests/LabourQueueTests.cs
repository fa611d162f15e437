using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Reference;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// The labour officer's queue at volume, through the page and the API on each database: case numbers from the database
/// counter (raced), search by case number, passport, worker and employer, the status and waiting-for-me filters, the
/// sort orders, pages with their headers, and who sees which permits.
/// </summary>
public abstract partial class LabourQueueTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string Region = "KZ-55";
    private const string PavlodarOfficer = "officer.pavlodar@demo.koshi.kz";
    private const string AstanaOfficer = "officer.astana@demo.koshi.kz";
    private const string DemoEmployer = "employer@demo.koshi.kz";
    private static int serials;

    protected LabourQueueTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    [Fact]
    public async Task Case_numbers_follow_each_other_and_show_on_the_permit_page_the_queue_and_the_API()
    {
        var token = Token();
        var first = await Lodge($"Aibek {token}", Passport(), token);
        var second = await Lodge($"Bolat {token}", Passport(), token);
        Assert.Matches("^\\d{4}-\\d{6}$", first.CaseNumber);
        if (first.CaseNumber[..4] == second.CaseNumber[..4])
        {
            Assert.Equal(Sequence(first.CaseNumber) + 1, Sequence(second.CaseNumber));
        }

        var officer = await Api.As(PavlodarOfficer);
        var view = await Api.Ok(await officer.GetAsync($"/api/v1/labour/permits/{first.Id}"));
        Assert.Equal(first.CaseNumber, view.GetProperty("caseNumber").GetString());
        Assert.True(view.GetProperty("needsOfficer").GetBoolean());

        Assert.Equal([first.Id], Ids(await Api.Ok(await officer.GetAsync($"/api/v1/labour/permits?q={first.CaseNumber}"))));
        var spoken = $"{first.CaseNumber[..4]}-{Sequence(first.CaseNumber)}";
        Assert.Equal([first.Id], Ids(await Api.Ok(await officer.GetAsync($"/api/v1/labour/permits?q={spoken}"))));
        Assert.Contains(first.Id, Ids(await Api.Ok(await officer.GetAsync($"/api/v1/labour/permits?q={Sequence(first.CaseNumber)}&pageSize=500"))));

        var page = await SignedIn(PavlodarOfficer);
        Assert.Contains($"class=\"case-number\">{first.CaseNumber}<", await page.GetStringAsync($"/labour/permits/{first.Id}"), StringComparison.Ordinal);
        Assert.Equal([second.CaseNumber, first.CaseNumber], Rows(await page.GetStringAsync($"/labour/officer?q={token}&sort=newest")));
    }

    [Fact]
    public async Task Sixteen_lodgements_at_once_get_sixteen_different_numbers_in_one_unbroken_run()
    {
        var token = Token();
        var bin = Bin();
        // The application starts before the race, not sixteen times inside it.
        await Factory.WithDbAsync(_ => Task.CompletedTask);
        using var start = new ManualResetEventSlim();
        var lodgements = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await Lodge($"Race{i} {token}", Passport(), token, bin: bin);
        })).ToList();
        start.Set();
        var numbers = (await Task.WhenAll(lodgements)).Select(p => p.CaseNumber).ToList();

        Assert.Equal(16, numbers.Distinct().Count());
        foreach (var year in numbers.GroupBy(n => n[..4]))
        {
            var sequence = year.Select(Sequence).Order().ToList();
            Assert.Equal(Enumerable.Range((int)sequence[0], sequence.Count).Select(n => (long)n), sequence);
        }

        var stored = 0;
        await Factory.WithDbAsync(async db => stored = await db.WorkPermits.CountAsync(p => p.EmployerIdentifier == bin && numbers.Contains(p.CaseNumber)));
        Assert.Equal(16, stored);
    }

    [Fact]
    public async Task The_database_refuses_a_second_permit_with_the_same_case_number()
    {
        var token = Token();
        var taken = await Lodge($"Taken {token}", Passport(), token);
        var refused = false;
        await Factory.WithDbAsync(async db =>
        {
            var copy = New($"Copy {token}", Passport(), token, Bin(), "owner-" + token, Region);
            ((Koshi.Web.Platform.Storage.INumberedCase)copy).AssignCaseNumber(taken.CaseNumber);
            db.WorkPermits.Add(copy);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                refused = true;
            }
        });
        Assert.True(refused, "A duplicate case number was stored.");
    }

    [Fact]
    public async Task Search_finds_by_passport_worker_and_employer_and_the_filters_narrow_it()
    {
        var token = Token();
        var bin = Bin();
        var passport = Passport();
        var submitted = await Lodge($"Dauren {token}", passport, token, bin: bin);
        var approved = await Lodge($"Erlan {token}", Passport(), token, bin: bin, fee: 224);
        var paid = await Lodge($"Farida {token}", Passport(), token, fee: 0);
        var officer = await Api.As(PavlodarOfficer);

        Assert.Equal(Set(submitted, approved, paid), Set(await List(officer, $"q={token}")));
        Assert.Equal([submitted.Id], Ids(await List(officer, $"q={passport.ToLowerInvariant()}")));
        Assert.Equal(Set(submitted, approved), Set(await List(officer, $"q={bin}")));
        Assert.Equal([approved.Id], Ids(await List(officer, $"q=erlan {token.ToUpperInvariant()}")));
        Assert.Equal(Set(submitted, approved, paid), Set(await List(officer, $"q=employer {token} llp")));
        Assert.Equal([paid.Id], Ids(await List(officer, $"q=farida {token}")));

        Assert.Equal([approved.Id], Ids(await List(officer, $"q={token}&status=approved")));
        Assert.Equal([paid.Id], Ids(await List(officer, $"q={token}&status=paid")));
        Assert.Equal(Set(submitted, paid), Set(await List(officer, $"q={token}&mine=true")));
        Assert.Equal([submitted.Id, approved.Id, paid.Id], Ids(await List(officer, $"q={token}&sort=name")));
        Assert.Equal([submitted.Id, approved.Id, paid.Id], Ids(await List(officer, $"q={token}&sort=applied")));
        Assert.Equal([paid.Id, approved.Id, submitted.Id], Ids(await List(officer, $"q={token}")));
        Assert.Equal([submitted.Id, paid.Id, approved.Id], Ids(await List(officer, $"q={token}&sort=waiting")));
        Assert.Equal(Set(submitted, approved, paid), Set(await List(officer, $"q={token}&region={Region}")));

        var page = await SignedIn(PavlodarOfficer);
        Assert.Equal([submitted.CaseNumber, paid.CaseNumber], Rows(await page.GetStringAsync($"/labour/officer?q={token}&mine=true")));
        Assert.Equal([approved.CaseNumber], Rows(await page.GetStringAsync($"/labour/officer?q={token}&status=approved")));
        var none = await page.GetStringAsync($"/labour/officer?q=nobody-{token}");
        Assert.Empty(Rows(none));
        Assert.Contains("id=\"lb-queue-found\"", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_out_of_their_set_are_refused_naming_the_field()
    {
        var officer = await Api.As(PavlodarOfficer);
        await Api.BadField(await officer.GetAsync("/api/v1/labour/permits?status=lost"), "status");
        await Api.BadField(await officer.GetAsync("/api/v1/labour/permits?mine=maybe"), "mine");
        await Api.BadField(await officer.GetAsync("/api/v1/labour/permits?sort=colour"), "sort");
        await Api.BadField(await officer.GetAsync("/api/v1/labour/permits?region=KZ-99"), "region");
        await Api.BadField(await officer.GetAsync("/api/v1/labour/permits?pageSize=501"), "pageSize");
        await Api.BadField(await officer.GetAsync($"/api/v1/labour/permits?q={new string('x', 201)}"), "q");

        // A page takes what it can of a hand-edited address.
        var page = await SignedIn(PavlodarOfficer);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/labour/officer?status=lost&sort=colour&mine=maybe")).StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_total_and_a_link_to_the_next_with_the_filters_kept()
    {
        var token = Token();
        var lodged = new List<Lodged>();
        for (var i = 0; i < 5; i++)
        {
            lodged.Add(await Lodge($"Page{i} {token}", Passport(), token));
        }

        var officer = await Api.As(PavlodarOfficer);
        var seen = new List<string>();
        var next = $"/api/v1/labour/permits?q={token}&sort=applied&pageSize=2";
        var pages = 0;
        while (next is not null)
        {
            var response = await officer.GetAsync(next);
            Assert.Equal("5", response.Headers.GetValues("X-Total-Count").Single());
            seen.AddRange(Ids(await Api.Ok(response)));
            next = response.Headers.TryGetValues("Link", out var links) ? LinkNext().Match(links.Single()).Groups[1].Value : null;
            if (next is not null)
            {
                Assert.Contains($"q={token}", next, StringComparison.Ordinal);
            }

            Assert.True(++pages <= 3, "More pages than five rows need.");
        }

        Assert.Equal(3, pages);
        Assert.Equal(lodged.Select(p => p.Id), seen);

        // Unasked, the list is the first page of the newest: the old default fields and order, with the headers.
        var plain = await officer.GetAsync("/api/v1/labour/permits");
        var body = await Api.Ok(plain);
        Assert.True(int.Parse(plain.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture) >= 5);
        var first = body.EnumerateArray().First();
        foreach (var field in new[] { "id", "status", "workerName", "workerPassport", "employerName", "region", "appliedAt", "checks", "invoices" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"The list lost its field {field}.");
        }

        var applied = body.EnumerateArray().Select(p => p.GetProperty("appliedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(applied.OrderDescending(), applied);
    }

    [Fact]
    public async Task The_overdue_filter_finds_the_applications_past_the_decision_term_and_each_row_says_the_working_days_left()
    {
        var token = Token();
        var rules = Factory.Services.GetRequiredService<LabourRules>();
        var today = Koshi.Policy.LegalClock.DateOf(Factory.Time.GetUtcNow());
        var term = rules.PermitDecisionWorkingDays(today);
        // Lodged twice the term and two weeks more before today: past the term whatever the weekends.
        var old = await Lodge($"Old {token}", Passport(), token, ago: TimeSpan.FromDays((2 * term) + 14));
        var fresh = await Lodge($"Fresh {token}", Passport(), token);

        var officer = await Api.As(PavlodarOfficer);
        Assert.Equal([old.Id], Ids(await List(officer, $"q={token}&overdue=true")));
        var all = await List(officer, $"q={token}");
        Assert.Equal(Set(old, fresh), Set(all));
        var oldView = all.EnumerateArray().Single(p => p.GetProperty("id").GetString() == old.Id);
        var freshView = all.EnumerateArray().Single(p => p.GetProperty("id").GetString() == fresh.Id);
        Assert.True(oldView.GetProperty("overdue").GetBoolean());
        Assert.True(oldView.GetProperty("daysLeft").GetInt32() < 0);
        Assert.False(freshView.GetProperty("overdue").GetBoolean());
        Assert.Equal(term, freshView.GetProperty("daysLeft").GetInt32());
        Assert.Equal(PermitDecisionTerm.DueOn(today, term).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), freshView.GetProperty("dueOn").GetString());

        // A decided application is never overdue, however old.
        var paid = await Lodge($"Paid {token}", Passport(), token, fee: 0, ago: TimeSpan.FromDays((2 * term) + 14));
        Assert.DoesNotContain(paid.Id, Ids(await List(officer, $"q={token}&overdue=true")));

        var refused = await officer.GetAsync($"/api/v1/labour/permits?overdue=perhaps");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("overdue", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await SignedIn(PavlodarOfficer);
        var overdue = await page.GetStringAsync($"/labour/officer?q={token}&overdue=true");
        Assert.Equal([old.CaseNumber], Rows(overdue));
        Assert.Contains("id=\"lb-queue-overdue\" name=\"overdue\" value=\"true\" checked=\"checked\"", overdue, StringComparison.Ordinal);
        Assert.Matches($"data-case=\"{old.CaseNumber}\"[^>]*data-overdue=\"true\"", overdue);
        Assert.Contains("working days overdue", overdue, StringComparison.Ordinal);
        var queue = await page.GetStringAsync($"/labour/officer?q={token}");
        Assert.Matches($"data-case=\"{fresh.CaseNumber}\"[^>]*data-overdue=\"false\"", queue);
        Assert.Contains($"{term} working days left", queue, StringComparison.Ordinal);
    }

    [Fact]
    public void The_decision_term_counts_working_days_from_the_day_after_lodgement()
    {
        // Lodged on a Friday: seven working days run to the Tuesday after next.
        Assert.Equal(new DateOnly(2026, 12, 8), PermitDecisionTerm.DueOn(new DateOnly(2026, 11, 27), 7));
        // Lodged on a Saturday: the term starts on the Monday.
        Assert.Equal(new DateOnly(2026, 12, 8), PermitDecisionTerm.DueOn(new DateOnly(2026, 11, 28), 7));
        Assert.Equal(0, PermitDecisionTerm.WorkingDaysLeft(new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 8)));
        Assert.Equal(5, PermitDecisionTerm.WorkingDaysLeft(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 8)));
        Assert.Equal(-1, PermitDecisionTerm.WorkingDaysLeft(new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 8)));
        // Past a Friday's term on the weekend: overdue by one day, not by none.
        Assert.Equal(-1, PermitDecisionTerm.WorkingDaysLeft(new DateOnly(2026, 12, 12), new DateOnly(2026, 12, 11)));
    }

    [Fact]
    public async Task Another_regions_officer_and_an_employer_see_none_of_the_permits_not_theirs()
    {
        var token = Token();
        string employerId = string.Empty;
        await Factory.WithDbAsync(async db => employerId = await db.Users.Where(u => u.Email == DemoEmployer).Select(u => u.Id).SingleAsync());
        var others = await Lodge($"Gulnar {token}", Passport(), token);
        var own = await Lodge($"Hasan {token}", Passport(), token, owner: employerId);

        var astana = await Api.As(AstanaOfficer);
        Assert.Empty(Ids(await List(astana, $"q={token}")));
        Assert.Empty(Ids(await List(astana, $"q={others.CaseNumber}")));
        Assert.Empty(Ids(await List(astana, $"q={token}&region={Region}")));
        var astanaPage = await SignedIn(AstanaOfficer);
        Assert.Empty(Rows(await astanaPage.GetStringAsync($"/labour/officer?q={token}")));

        var employer = await Api.As(DemoEmployer);
        Assert.Equal([own.Id], Ids(await List(employer, $"q={token}")));
        Assert.Empty(Ids(await List(employer, $"q={others.CaseNumber}")));
        var employerPage = await SignedIn(DemoEmployer);
        var refused = await employerPage.GetAsync($"/labour/officer?q={token}");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        var pavlodar = await Api.As(PavlodarOfficer);
        Assert.Equal(Set(others, own), Set(await List(pavlodar, $"q={token}")));
    }

    private sealed record Lodged(string Id, string CaseNumber);

    private static string Token() => "lq" + Guid.NewGuid().ToString("N")[..10];

    private static string Passport() => "LQ" + Interlocked.Increment(ref serials).ToString("D5", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private static string Bin() => Bins.Make(Interlocked.Increment(ref serials) * 131 % 100000 + 200000);

    private static long Sequence(string number) => long.Parse(number[5..], CultureInfo.InvariantCulture);

    private static List<string> Ids(JsonElement list) => list.EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();

    private static HashSet<string> Set(params Lodged[] permits) => permits.Select(p => p.Id).ToHashSet();

    private static HashSet<string> Set(JsonElement list) => Ids(list).ToHashSet();

    private static List<string> Rows(string html) => CaseRow().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static async Task<JsonElement> List(HttpClient client, string query) => await Api.Ok(await client.GetAsync($"/api/v1/labour/permits?{query}"));

    /// <summary>
    /// Lodges an application the way the register saves one (the numbering save), in its own scope, so that lodgements
    /// can race; a fee of 0 leaves it paid (ready to issue), another fee approved and waiting for the employer.
    /// </summary>
    private async Task<Lodged> Lodge(string worker, string passport, string token, string? bin = null, string? owner = null, decimal? fee = null, TimeSpan? ago = null)
    {
        Lodged? lodged = null;
        await Factory.WithDbAsync(async db =>
        {
            var permit = New(worker, passport, token, bin ?? Bin(), owner ?? "owner-" + token, Region, ago);
            if (fee is { } mrp)
            {
                var now = Factory.Time.GetUtcNow() - (ago ?? TimeSpan.Zero);
                Assert.Null(permit.Approve("officer", PermitInvoice.Create("INV-" + Guid.NewGuid().ToString("N"), InvoicePurpose.Permit, 365, Mrp.Of(mrp), Tenge.Of(mrp * 4325), "test", now), now));
            }

            db.WorkPermits.Add(permit);
            await db.SaveChangesAsync();
            lodged = new Lodged(permit.Id.ToString(), permit.CaseNumber);
        });
        return lodged!;
    }

    private WorkPermit New(string worker, string passport, string token, string bin, string owner, string region, TimeSpan? ago = null)
    {
        // Whole milliseconds apart, so that the order of lodgement survives every database's time precision.
        var now = Factory.Time.GetUtcNow().AddMilliseconds(Interlocked.Increment(ref serials)) - (ago ?? TimeSpan.Zero);
        var request = new PermitRequest(
            PermitType.Employer, PermitCategory.Cat3, worker, PassportNumber.Parse(passport, null), CountryCode.Parse("CN", null), new DateOnly(1988, 1, 1),
            IscoCode.Parse("2142", null), Qualification.Higher, 5, RegionCode.Parse(region), Koshi.Policy.LegalClock.DateOf(now), 365);
        return WorkPermit.Apply(
            request, new([], "cat3", "group_3", true, 4, "sha256:test"), owner, $"Employer {token} LLP", bin, null, OkedSection.Parse("F", null), null, now);
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

    [GeneratedRegex("<([^>]+)>; rel=\"next\"")]
    private static partial Regex LinkNext();
}

public sealed class LabourQueueSqliteTests(SqliteFactory factory) : LabourQueueTests<SqliteFactory>(factory);

public sealed class LabourQueuePostgresTests(PostgresFactory factory) : LabourQueueTests<PostgresFactory>(factory);
