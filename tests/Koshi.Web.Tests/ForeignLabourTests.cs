using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Reference;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Koshi.Web.Tests;

/// <summary>Foreign labour through the API on each database: vacancy to issued permit, the quota under concurrency, refusals.</summary>
public abstract class ForeignLabourTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private static readonly int[] NoForeignStaff = [0, 0, 0, 0];
    private static int employers;

    protected ForeignLabourTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        Api = new Api(factory);
        Factory = factory;
        // The longest test here moves the clock 48 days.
        factory.KeepClearOfYearEnd(TimeSpan.FromDays(60));
    }

    protected Api Api { get; }

    protected TFactory Factory { get; }

    private int Year => Factory.Time.GetUtcNow().Year;

    private string Today => Koshi.Policy.LegalClock.DateOf(Factory.Time.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_employer_goes_from_vacancy_to_a_paid_issued_permit_and_revocation_gives_the_seat_back()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-71", oked: "F", kazakh: [10, 20, 200, 50]);
        await SetSeats("KZ-71", "cat3", 100);
        var used = await Used("KZ-71", "cat3");
        var vacancy = await PostVacancy(employer, "2142", "cat3", "KZ-71");

        var tooSoon = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-71", "E1000001")), HttpStatusCode.Conflict);
        Assert.Equal("vacancy-too-recent", tooSoon.GetProperty("code").GetString());
        Assert.Contains("R20", tooSoon.GetProperty("source").GetString(), StringComparison.Ordinal);

        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);
        var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-71", "E1000001")), HttpStatusCode.Created);
        var id = permit.GetProperty("id").GetString()!;
        Assert.Equal("submitted", permit.GetProperty("status").GetString());
        Assert.Equal("cat3", permit.GetProperty("quotaPool").GetString());
        Assert.Equal("group_3", permit.GetProperty("sectorGroup").GetString());
        Assert.True(permit.GetProperty("skilled").GetBoolean());
        var checks = permit.GetProperty("checks").EnumerateArray().ToList();
        foreach (var rule in new[] { "permit-terms", "vacancy-posted", "quota-seat", "local-content", "worker-record", "skill-classification" })
        {
            Assert.Contains(checks, c => c.GetProperty("rule").GetString() == rule && c.GetProperty("passed").GetBoolean());
        }

        var officer = await Api.Officer("KZ-71");
        var approved = await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/approve", null));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var invoice = approved.GetProperty("invoices")[0];
        Assert.Equal(224m, invoice.GetProperty("feeMrp").GetDecimal());
        Assert.Equal(224m * 4325m, invoice.GetProperty("quotedKzt").GetDecimal());

        var unpaid = await Api.Problem(await officer.PostAsync($"/api/v1/labour/permits/{id}/issue", null), HttpStatusCode.Conflict);
        Assert.Equal("fee-unpaid", unpaid.GetProperty("code").GetString());

        var declined = await Api.Problem(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000000001" }), HttpStatusCode.Conflict);
        Assert.Equal("payment-declined", declined.GetProperty("code").GetString());
        var gatewayDown = await Api.Problem(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000000002" }), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("payment-unavailable", gatewayDown.GetProperty("code").GetString());

        var paid = await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000001234" }));
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal(224m * 4325m, paid.GetProperty("invoices")[0].GetProperty("paidKzt").GetDecimal());

        var issued = await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/issue", null));
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        Assert.StartsWith($"WP-71-{Year}-", issued.GetProperty("number").GetString(), StringComparison.Ordinal);
        Assert.Equal(used + 1, await Used("KZ-71", "cat3"));

        var revoked = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/revoke", new { reason = "The worker left the country." }));
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        Assert.Equal(used, await Used("KZ-71", "cat3"));
    }

    [Fact]
    public async Task Many_simultaneous_issues_never_take_more_seats_than_the_quota_has()
    {
        const int seats = 3;
        const int applications = 12;
        var (employer, employerEmail) = await NewEmployer("KZ-55", oked: "C", kazakh: [5, 5, 50, 2000]);
        await SetSeats("KZ-55", "cat4", seats);
        var vacancy = await PostVacancy(employer, "7212", "cat4", "KZ-55");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);

        var officer = await Api.Officer("KZ-55");
        var ids = new List<string>();
        for (var i = 0; i < applications; i++)
        {
            var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat4", "KZ-55", $"W{i:D6}1", isco: "7212")), HttpStatusCode.Created);
            var id = permit.GetProperty("id").GetString()!;
            await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/approve", null));
            await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000001234" }));
            ids.Add(id);
        }

        using var start = new ManualResetEventSlim();
        var issues = ids.Select(id => Task.Run(async () =>
        {
            start.Wait();
            return await officer.PostAsync($"/api/v1/labour/permits/{id}/issue", null);
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(issues);

        Assert.Equal(seats, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(applications - seats, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal("quota-exhausted", (await Api.Problem(refused, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        Assert.Equal(seats, await Used("KZ-55", "cat4"));
        var issued = 0;
        await Factory.WithDbAsync(async db => issued = await db.WorkPermits.CountAsync(p => p.Region == RegionCode.Parse("KZ-55") && p.Pool == "cat4" && p.Status == Koshi.Web.ForeignLabour.PermitStatus.Issued));
        Assert.Equal(seats, issued);

        var quota = await Api.Ok(await officer.GetAsync($"/api/v1/labour/quota?year={Year}"));
        var row = quota.GetProperty("allocations").EnumerateArray().Single(a => a.GetProperty("pool").GetString() == "cat4");
        Assert.Equal(0, row.GetProperty("free").GetInt32());
        var another = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat4", "KZ-55", "W9999991", isco: "7212")), HttpStatusCode.Conflict);
        Assert.Equal("quota-exhausted", another.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Two_officers_acting_on_one_application_at_once_one_wins_and_the_other_gets_a_conflict()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-71", oked: "J", kazakh: [10, 20, 300, 50]);
        await SetSeats("KZ-71", "cat3", 100);
        var vacancy = await PostVacancy(employer, "2512", "cat3", "KZ-71");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);
        var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-71", "E2000002", isco: "2512")), HttpStatusCode.Created);
        var id = permit.GetProperty("id").GetString()!;

        var first = await Api.Officer("KZ-71");
        var second = await Api.Officer("KZ-71");
        var answers = await Task.WhenAll(
            first.PostAsync($"/api/v1/labour/permits/{id}/approve", null),
            second.PostAsJsonAsync($"/api/v1/labour/permits/{id}/refuse", new { reason = "Documents do not match." }));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);

        var now = await Api.Ok(await first.GetAsync($"/api/v1/labour/permits/{id}"));
        var winner = answers[0].StatusCode == HttpStatusCode.OK ? "approved" : "refused";
        Assert.Equal(winner, now.GetProperty("status").GetString());
        Assert.Equal(winner == "approved" ? 1 : 0, now.GetProperty("invoices").GetArrayLength());
    }

    [Fact]
    public async Task The_same_application_sent_twice_with_one_key_creates_one_permit()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-71", oked: "M", kazakh: [10, 20, 300, 50]);
        await SetSeats("KZ-71", "cat3", 100);
        var vacancy = await PostVacancy(employer, "2421", "cat3", "KZ-71");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);
        HttpRequestMessage Request() => new(HttpMethod.Post, "/api/v1/labour/permits")
        {
            Content = JsonContent.Create(Application(vacancy, "cat3", "KZ-71", "E3000003", isco: "2421")),
            Headers = { { "Idempotency-Key", "permit-E3000003" } },
        };

        var created = await Api.Ok(await employer.SendAsync(Request()), HttpStatusCode.Created);
        var replayed = await Api.Ok(await employer.SendAsync(Request()), HttpStatusCode.OK);
        Assert.Equal(created.GetProperty("id").GetString(), replayed.GetProperty("id").GetString());
        var mine = await Api.Ok(await employer.GetAsync("/api/v1/labour/permits"));
        Assert.Single(mine.EnumerateArray(), p => p.GetProperty("workerPassport").GetString() == "E3000003");
    }

    [Fact]
    public async Task A_passport_typed_in_lower_case_with_spaces_is_the_same_passport_and_a_minor_group_is_no_occupation()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-71", oked: "M", kazakh: [10, 20, 300, 50]);
        await SetSeats("KZ-71", "cat3", 100);
        var vacancy = await PostVacancy(employer, "2421", "cat3", "KZ-71");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);

        // The page and the API read a passport number by one rule: spaces around it dropped, letters in capitals.
        var typed = Application(vacancy, "cat3", "KZ-71", " e3000011 ", isco: "2421");
        var created = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", typed), HttpStatusCode.Created);
        Assert.Equal("E3000011", created.GetProperty("workerPassport").GetString());

        // A minor group (three digits) names no job: refused as a field, as the page refuses it.
        var minor = Application(vacancy, "cat3", "KZ-71", "E3000012", isco: "242");
        var problem = await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", minor), "isco");
        Assert.Contains("not an ISCO-08 unit group", problem.GetProperty("errors").GetProperty("isco")[0].GetString(), StringComparison.Ordinal);

        // An unknown country is refused, not only a malformed one.
        var nowhere = Application(vacancy, "cat3", "KZ-71", "E3000013", isco: "2421");
        nowhere["workerCitizenship"] = "ZZ";
        await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", nowhere), "workerCitizenship");
    }

    [Fact]
    public async Task Rules_of_the_law_refuse_with_their_source_and_bad_fields_are_named()
    {
        // 28 employees (above the small-firm exemption); categories 3-4 together: 8 Kazakh citizens and the new hire.
        var (employer, employerEmail) = await NewEmployer("KZ-39", oked: "F", kazakh: [10, 10, 8, 0]);
        await SetSeats("KZ-39", "cat3", 10);
        var vacancy = await PostVacancy(employer, "2142", "cat3", "KZ-39");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);

        var local = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-39", "E4000004")), HttpStatusCode.Conflict);
        Assert.Equal("local-content", local.GetProperty("code").GetString());
        Assert.Contains("R6", local.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains("categories 3–4 together", local.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var seasonalWithCategory = Application(vacancy, "cat3", "KZ-39", "E4000005");
        seasonalWithCategory["type"] = "seasonal";
        var terms = await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", seasonalWithCategory), "category");
        Assert.Equal("permit-terms", terms.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(terms.GetProperty("source").GetString()));

        var tooLong = Application(vacancy, "cat4", "KZ-39", "E4000006");
        tooLong["durationDays"] = 400;
        await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", tooLong), "durationDays");

        var bad = Application(vacancy, "cat3", "KZ-99", "E4", isco: "9999");
        bad["workerCitizenship"] = "KZ";
        bad["workerBirthDate"] = "2020-01-01";
        var problem = await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", bad), "isco");
        foreach (var field in new[] { "region", "workerPassport", "workerCitizenship", "workerBirthDate" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected {field}: {problem}");
        }

        await Api.BadField(await employer.PostAsync("/api/v1/labour/permits", Api.Body("""{"type":"robot"}""")), "type");
        await Api.BadField(await employer.PostAsync("/api/v1/labour/permits", Api.Body("""{"type":"employer","durationDays":"long"}""")), "durationDays");
    }

    [Fact]
    public async Task A_worker_with_an_entry_ban_is_refused_and_an_unanswered_check_is_a_503()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-71", oked: "F", kazakh: [10, 20, 500, 50]);
        await SetSeats("KZ-71", "cat3", 100);
        var vacancy = await PostVacancy(employer, "2142", "cat3", "KZ-71");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);
        var banned = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-71", "E5000007")), HttpStatusCode.Conflict);
        Assert.Equal("worker-record", banned.GetProperty("code").GetString());
        var silent = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-71", "E5000005")), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("worker-check-unavailable", silent.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Skilled_share_is_counted_from_the_register_against_the_years_target()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-61", oked: "F", kazakh: [10, 20, 300, 300]);
        await SetSeats("KZ-61", "cat3", 10);
        await SetSeats("KZ-61", "cat4", 10);
        var engineers = await PostVacancy(employer, "2142", "cat3", "KZ-61");
        var labourers = await PostVacancy(employer, "9313", "cat4", "KZ-61");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);
        var admin = await Api.As("admin@demo.koshi.kz");
        var officerEmail = $"officer.kz61.{Guid.NewGuid():N}@test.koshi.kz";
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email = officerEmail, password = "Officer-2026-x", fullName = "Officer KZ-61", role = "officer", region = "KZ-61",
        }), HttpStatusCode.Created);
        var kz61 = await Api.As(officerEmail, "Officer-2026-x");

        await SetSeats("KZ-61", "seasonal", 10);
        foreach (var (vacancy, category, isco, passport) in new[] { (engineers, "cat3", "2142", "S6000001"), (labourers, "none", "9313", "S6000002") })
        {
            var application = Application(vacancy, category, "KZ-61", passport, isco: isco, qualification: "none", experience: 1);
            if (category == "none")
            {
                // A seasonal worker: counted in the share, but not skilled (skill goes by permit category).
                application["type"] = "seasonal";
                application["durationDays"] = 90;
            }

            var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", application), HttpStatusCode.Created);
            var id = permit.GetProperty("id").GetString()!;
            await Api.Ok(await kz61.PostAsync($"/api/v1/labour/permits/{id}/approve", null));
            await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000001234" }));
            await Api.Ok(await kz61.PostAsync($"/api/v1/labour/permits/{id}/issue", null));
        }

        var analyst = await Api.As("analyst@demo.koshi.kz");
        var share = await Api.Ok(await analyst.GetAsync($"/api/v1/labour/skilled-share?year={Year}"));
        var region = share.GetProperty("byRegion").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "KZ-61");
        Assert.Equal(2, region.GetProperty("admitted").GetInt32());
        Assert.Equal(1, region.GetProperty("skilled").GetInt32());
        Assert.Equal(50.0m, region.GetProperty("sharePercent").GetDecimal());
        // The class's clock may have moved into the next year: the year's target is its point on the path.
        decimal Target(int year) => share.GetProperty("trajectory").EnumerateArray().Single(t => t.GetProperty("year").GetInt32() == year).GetProperty("targetPercent").GetDecimal();
        Assert.Equal(Target(Year), share.GetProperty("targetPercent").GetDecimal());
        Assert.Equal(83m, Target(2026));
        Assert.Equal(95m, Target(2030));
        var admitted = share.GetProperty("admitted").GetInt32();
        var skilled = share.GetProperty("skilled").GetInt32();
        Assert.Equal(Math.Round(100m * skilled / admitted, 1), share.GetProperty("sharePercent").GetDecimal());
    }

    [Fact]
    public async Task Each_role_reaches_only_its_own_labour_endpoints_and_files()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-71", oked: "F", kazakh: [10, 20, 500, 50]);
        await SetSeats("KZ-71", "cat3", 100);
        var vacancy = await PostVacancy(employer, "2142", "cat3", "KZ-71");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);
        var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-71", "E7000001")), HttpStatusCode.Created);
        var id = permit.GetProperty("id").GetString()!;

        var (other, _) = await NewEmployer("KZ-71", oked: "F", kazakh: [1, 1, 1, 1]);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/labour/permits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000001234" })).StatusCode);
        var pavlodar = await Api.Officer("KZ-55");
        Assert.Equal(HttpStatusCode.NotFound, (await pavlodar.PostAsync($"/api/v1/labour/permits/{id}/approve", null)).StatusCode);

        var (applicant, _, _) = await Api.NewApplicant();
        var analyst = await Api.As("analyst@demo.koshi.kz");
        var anonymous = Api.Anonymous();
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/v1/labour/employer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PostAsJsonAsync("/api/v1/labour/vacancies", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.PostAsync($"/api/v1/labour/permits/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.PostAsync($"/api/v1/labour/permits/{id}/issue", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync($"/api/v1/labour/permits/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/v1/labour/permits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/KZ-71/cat3", new { seats = 1000, reason = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync($"/api/v1/labour/skilled-share")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.GetAsync($"/api/v1/labour/quota/{Year}/KZ-71/cat3/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/labour/quota")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/labour/fee?type=employer&category=cat1&durationDays=365")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/labour/permits", Api.Body("{}"))).StatusCode);
    }

    [Fact]
    public async Task Transfers_and_eaeu_citizens_stay_outside_the_quota_and_an_extension_is_paid_again()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-71", oked: "J", kazakh: [2, 20, 300, 50]);
        await SetSeats("KZ-71", "cat3", 100);
        var vacancy = await PostVacancy(employer, "2512", "cat3", "KZ-71");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);
        var officer = await Api.Officer("KZ-71");
        var seatsUsed = await Used("KZ-71", "cat3");

        var transfer = Application(vacancy, "cat1", "KZ-71", "T1000001", isco: "1330");
        transfer["type"] = "ict";
        transfer.Remove("vacancyReference");
        var ict = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", transfer), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, ict.GetProperty("quotaPool").ValueKind);
        var ictId = ict.GetProperty("id").GetString()!;
        var free = await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{ictId}/approve", null));
        Assert.Equal("paid", free.GetProperty("status").GetString());
        Assert.Equal(0m, free.GetProperty("invoices")[0].GetProperty("feeMrp").GetDecimal());
        await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{ictId}/issue", null));

        transfer["workerPassport"] = "T1000002";
        var overLimit = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", transfer), HttpStatusCode.Conflict);
        Assert.Equal("ict-limit", overLimit.GetProperty("code").GetString());
        Assert.Contains("R7", overLimit.GetProperty("source").GetString(), StringComparison.Ordinal);

        // EAEU citizens and the other exempt groups need no permit at all, so no application and no fee.
        var kyrgyz = Application(vacancy, "cat3", "KZ-71", "K1000001", isco: "2512");
        kyrgyz["workerCitizenship"] = "KG";
        var eaeu = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", kyrgyz), HttpStatusCode.Conflict);
        Assert.Equal("no-permit-needed", eaeu.GetProperty("code").GetString());
        Assert.Contains("EAEU", eaeu.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("C8", eaeu.GetProperty("source").GetString(), StringComparison.Ordinal);
        var resident = Application(vacancy, "cat3", "KZ-71", "K1000002", isco: "2512");
        resident["holdsResidencePermit"] = true;
        Assert.Equal("no-permit-needed", (await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", resident), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var head = Application(vacancy, "cat1", "KZ-71", "K1000003", isco: "1120");
        head["fullyForeignOwnedEmployer"] = true;
        Assert.Equal("no-permit-needed", (await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", head), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var reunited = Application(vacancy, "cat3", "KZ-71", "K1000004", isco: "2512");
        reunited["familyReunification"] = true;
        Assert.Equal("no-permit-needed", (await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", reunited), HttpStatusCode.Conflict)).GetProperty("code").GetString());

        var specialist = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-71", "P1000001", isco: "2512")), HttpStatusCode.Created);
        var id = specialist.GetProperty("id").GetString()!;
        await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/approve", null));
        await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000001234" }));
        var issued = await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/issue", null));
        Assert.Equal(seatsUsed + 1, await Used("KZ-71", "cat3"));
        var endOn = DateOnly.Parse(issued.GetProperty("endOn").GetString()!, CultureInfo.InvariantCulture);

        await Api.BadField(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/extend", new { days = 400 }), "days");
        var asked = await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/extend", new { days = 180 }));
        var extension = asked.GetProperty("invoices")[1];
        Assert.Equal("extension", extension.GetProperty("purpose").GetString());
        Assert.Equal("open", extension.GetProperty("status").GetString());
        Assert.Equal(179m, extension.GetProperty("feeMrp").GetDecimal());
        Assert.Equal(endOn, DateOnly.Parse(asked.GetProperty("endOn").GetString()!, CultureInfo.InvariantCulture));
        var extended = await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000001234" }));
        Assert.Equal(endOn.AddDays(180), DateOnly.Parse(extended.GetProperty("endOn").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(seatsUsed + 1, await Used("KZ-71", "cat3"));
    }

    [Fact]
    public async Task Local_content_uses_the_declaration_in_force_pooled_over_categories_and_spares_small_firms()
    {
        // 30 employees; categories 3-4 together: 8 Kazakh citizens, so a foreign specialist would bring them to 8 of 9.
        var (employer, employerEmail) = await NewEmployer("KZ-35", oked: "F", kazakh: [2, 20, 8, 0]);
        await SetSeats("KZ-35", "cat3", 10);
        await SetSeats("KZ-35", "cat4", 10);
        var vacancy = await PostVacancy(employer, "2142", "cat3", "KZ-35");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);
        var refused = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-35", "L7000001")), HttpStatusCode.Conflict);
        Assert.Equal("local-content", refused.GetProperty("code").GetString());

        // Re-declaring more Kazakh staff just before applying does not count: the old declaration is still the one in force.
        var name = (await Api.Ok(await employer.GetAsync("/api/v1/labour/employer"))).GetProperty("name").GetString();
        await Api.Ok(await employer.PutAsJsonAsync("/api/v1/labour/employer", new { name, okedSection = "F", region = "KZ-35", kazakhStaff = RedeclaredStaff, foreignStaff = NoForeignStaff }));
        var still = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-35", "L7000002")), HttpStatusCode.Conflict);
        Assert.Equal("local-content", still.GetProperty("code").GetString());

        // Once the new declaration has stood long enough, categories 3 and 4 are pooled: 48 Kazakh citizens to 1 foreigner.
        Factory.Time.Advance(TimeSpan.FromDays(15));
        employer = await Api.As(employerEmail, EmployerPassword);
        var accepted = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-35", "L7000003")), HttpStatusCode.Created);
        var check = accepted.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("rule").GetString() == "local-content");
        Assert.Contains("categories 3–4 together", check.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A firm of 20 employees is exempt, though its ratio would fail.
        var (small, smallEmail) = await NewEmployer("KZ-35", oked: "F", kazakh: [1, 1, 9, 9]);
        var smallVacancy = await PostVacancy(small, "7212", "cat4", "KZ-35");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        small = await Api.As(smallEmail, EmployerPassword);
        var exempt = await Api.Ok(await small.PostAsJsonAsync("/api/v1/labour/permits", Application(smallVacancy, "cat4", "KZ-35", "L7000004", isco: "7212")), HttpStatusCode.Created);
        Assert.Contains(exempt.GetProperty("checks").EnumerateArray(), c => c.GetProperty("rule").GetString() == "local-content"
            && c.GetProperty("detail").GetString()!.Contains("small employers are exempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_vacancy_must_match_the_application_and_have_stood_for_15_full_days()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-15", oked: "F", kazakh: [10, 20, 300, 300]);
        await SetSeats("KZ-15", "cat4", 20);
        var welders = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/vacancies", new { title = "Welder", isco = "7212", category = "cat4", region = "KZ-15", positions = 2 }), HttpStatusCode.Created);
        var reference = welders.GetProperty("reference").GetString()!;

        // Day 15 after posting: the 15 days have not yet passed.
        Factory.Time.Advance(TimeSpan.FromDays(15));
        employer = await Api.As(employerEmail, EmployerPassword);
        var early = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(reference, "cat4", "KZ-15", "V1000001", isco: "7212")), HttpStatusCode.Conflict);
        Assert.Equal("vacancy-too-recent", early.GetProperty("code").GetString());
        Factory.Time.Advance(TimeSpan.FromDays(1));
        employer = await Api.As(employerEmail, EmployerPassword);

        var otherJob = await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(reference, "cat4", "KZ-15", "V1000002", isco: "7126")), "vacancyReference");
        Assert.Equal("vacancy-mismatch", otherJob.GetProperty("code").GetString());
        await SetSeats("KZ-71", "cat4", 20);
        var otherRegion = await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(reference, "cat4", "KZ-71", "V1000003", isco: "7212")), "vacancyReference");
        Assert.Equal("vacancy-mismatch", otherRegion.GetProperty("code").GetString());
        var otherCategory = await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(reference, "cat3", "KZ-15", "V1000004", isco: "7212")), "vacancyReference");
        Assert.Equal("vacancy-mismatch", otherCategory.GetProperty("code").GetString());

        // Two positions back two permits, not a third.
        await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(reference, "cat4", "KZ-15", "V1000011", isco: "7212")), HttpStatusCode.Created);
        await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(reference, "cat4", "KZ-15", "V1000021", isco: "7212")), HttpStatusCode.Created);
        var third = await Api.BadField(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(reference, "cat4", "KZ-15", "V1000031", isco: "7212")), "vacancyReference");
        Assert.Equal("vacancy-mismatch", third.GetProperty("code").GetString());
        Assert.Contains("position", third.GetProperty("errors").GetProperty("vacancyReference")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_employer_check_simulator_refuses_unpaid_taxes_and_past_violations_and_a_silent_service_is_a_503()
    {
        foreach (var (serial, status, code) in new[] { (700001, HttpStatusCode.Conflict, "employer-record"), (800001, HttpStatusCode.Conflict, "employer-record"), (500001, HttpStatusCode.ServiceUnavailable, "employer-check-unavailable") })
        {
            var (employer, employerEmail) = await NewEmployer("KZ-43", oked: "F", kazakh: [10, 20, 300, 300], serial: serial + Interlocked.Increment(ref employers));
            await SetSeats("KZ-43", "cat3", 10);
            var vacancy = await PostVacancy(employer, "2142", "cat3", "KZ-43");
            Factory.Time.Advance(TimeSpan.FromDays(16));
            employer = await Api.As(employerEmail, EmployerPassword);
            var problem = await Api.Problem(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-43", $"G{serial}")), status);
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.Contains("Simulated", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_intra_corporate_transfer_is_extended_once_by_at_most_twelve_months()
    {
        var (employer, employerEmail) = await NewEmployer("KZ-55", oked: "J", kazakh: [10, 20, 300, 50]);
        Factory.Time.Advance(TimeSpan.FromDays(16));
        employer = await Api.As(employerEmail, EmployerPassword);
        var officer = await Api.Officer("KZ-55");
        var transfer = Application("none", "cat2", "KZ-55", "X1000001", isco: "1330");
        transfer["type"] = "ict";
        transfer.Remove("vacancyReference");
        var ict = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", transfer), HttpStatusCode.Created);
        var id = ict.GetProperty("id").GetString()!;
        await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/approve", null));
        await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/issue", null));

        await Api.BadField(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/extend", new { days = 366 }), "days");
        var once = await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/extend", new { days = 365 }));
        Assert.Equal("extension", once.GetProperty("invoices").EnumerateArray().Last().GetProperty("purpose").GetString());
        var twice = await Api.Problem(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/extend", new { days = 30 }), HttpStatusCode.Conflict);
        Assert.Equal("permit-terms", twice.GetProperty("code").GetString());
        Assert.Contains("C8", twice.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ministry_total_is_the_sum_of_the_pools_it_is_split_into()
    {
        var analyst = await Api.As("analyst@demo.koshi.kz");
        // 2026, whatever year the class's clock has reached: the split published for it is what is checked.
        var table = await Api.Ok(await analyst.GetAsync("/api/v1/labour/quota?year=2026"));
        var national = table.GetProperty("national");
        var pools = national.GetProperty("byPool");
        var sum = EmployerPools.Sum(p => pools.GetProperty(p).GetInt64());
        Assert.Equal(sum, national.GetProperty("total").GetInt64());
        Assert.Equal(18146, sum);
        Assert.Equal(national.GetProperty("published").GetInt64() - sum, national.GetProperty("unsplit").GetInt64());
    }

    [Fact]
    public async Task A_household_immigrant_applies_under_the_household_quota_naming_the_individual_employer_and_pays_the_prepaid_tax()
    {
        // The permit is applied for by the immigrant, from their own account, naming the individual employer by IIN.
        var household = Iins.Make(new DateOnly(1975, 5, 5), male: false, serial: 4000 + Interlocked.Increment(ref employers));
        Dictionary<string, object?> Household(string passport)
        {
            var application = Application("none", "none", "KZ-71", passport, isco: "9111", qualification: "none", experience: 2);
            application["type"] = "household";
            application.Remove("category");
            application.Remove("vacancyReference");
            application["durationDays"] = 90;
            application["householdEmployerIin"] = household;
            application["householdEmployerName"] = "Aliya Household";
            return application;
        }

        // The class's clock may have crossed into a year the demo quota does not cover: the region gets household seats
        // for this year and the next, as for every other pool these tests use.
        await SetSeats("KZ-71", "household", 50);
        var (immigrant, _, _) = await Api.NewApplicant();
        var permit = await Api.Ok(await immigrant.PostAsJsonAsync("/api/v1/labour/permits", Household("H1000001")), HttpStatusCode.Created);
        Assert.Equal("household", permit.GetProperty("quotaPool").GetString());
        Assert.Equal(household, permit.GetProperty("employerIdentifier").GetString());
        Assert.False(permit.GetProperty("skilled").GetBoolean());
        var id = permit.GetProperty("id").GetString()!;
        var officer = await Api.Officer("KZ-71");
        var approved = await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/approve", null));
        var invoice = approved.GetProperty("invoices")[0];
        Assert.Equal(12m, invoice.GetProperty("feeMrp").GetDecimal());
        Assert.Equal(3 * 4m * 4325m, invoice.GetProperty("quotedKzt").GetDecimal());
        await Api.Ok(await immigrant.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000005555" }));
        var before = await Used("KZ-71", "household");
        await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/issue", null));
        Assert.Equal(before + 1, await Used("KZ-71", "household"));

        // The limit is per individual employer, whichever immigrants apply.
        for (var i = 2; i <= 5; i++)
        {
            var (other, _, _) = await Api.NewApplicant();
            await Api.Ok(await other.PostAsJsonAsync("/api/v1/labour/permits", Household($"H100000{i}1")), HttpStatusCode.Created);
        }

        var (sixthImmigrant, _, _) = await Api.NewApplicant();
        var sixth = await Api.Problem(await sixthImmigrant.PostAsJsonAsync("/api/v1/labour/permits", Household("H1000061")), HttpStatusCode.Conflict);
        Assert.Equal("household-limit", sixth.GetProperty("code").GetString());
        Assert.Contains("R66", sixth.GetProperty("source").GetString(), StringComparison.Ordinal);

        var noEmployer = Household("H1000091");
        noEmployer.Remove("householdEmployerIin");
        await Api.BadField(await sixthImmigrant.PostAsJsonAsync("/api/v1/labour/permits", noEmployer), "householdEmployerIin");
        var notAnEmployer = Application("VAC-1", "cat3", "KZ-71", "H1000071");
        Assert.Equal("no-employer", (await Api.Problem(await immigrant.PostAsJsonAsync("/api/v1/labour/permits", notAnEmployer), HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var company = await Api.As("employer@demo.koshi.kz");
        await Api.BadField(await company.PostAsJsonAsync("/api/v1/labour/permits", Household("H1000081")), "type");
    }

    [Fact]
    public async Task Quota_changes_keep_their_history_and_cannot_exceed_the_national_figure_or_fall_below_use()
    {
        var admin = await Api.As("admin@demo.koshi.kz");
        var before = (await Api.Ok(await admin.GetAsync($"/api/v1/labour/quota?year={Year}&region=KZ-63"))).GetProperty("allocations").EnumerateArray()
            .Where(a => a.GetProperty("pool").GetString() == "cat1").Select(a => a.GetProperty("seats").GetInt32()).SingleOrDefault();
        await SetSeats("KZ-63", "cat1", 10);
        await Api.Ok(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/KZ-63/cat1", new { seats = 12, reason = "Mid-year redistribution from KZ-10" }));
        var history = await Api.Ok(await admin.GetAsync($"/api/v1/labour/quota/{Year}/KZ-63/cat1/history"));
        Assert.Equal([(before, 10), (10, 12)], history.EnumerateArray().Select(h => (h.GetProperty("seatsBefore").GetInt32(), h.GetProperty("seatsAfter").GetInt32())).ToList());
        var over = await Api.BadField(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/KZ-63/cat1", new { seats = 100_000, reason = "too many" }), "seats");
        Assert.Equal("over-national-quota", over.GetProperty("code").GetString());
        await Api.BadField(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/KZ-63/cat9", new { seats = 1, reason = "x" }), "pool");
    }

    private const string EmployerPassword = "Employer-2026-x";

    private static readonly int[] RedeclaredStaff = [2, 20, 8, 40];

    private static readonly string[] EmployerPools = ["cat1", "cat2", "cat3", "cat4", "seasonal"];

    /// <summary>An approved permit of a new employer, with its owner's client and the invoice number to pay.</summary>
    private async Task<(HttpClient Employer, string Id, string Invoice)> ApprovedPermit(string passport)
    {
        var (employer, employerEmail) = await NewEmployer("KZ-71", oked: "F", kazakh: [10, 20, 200, 50]);
        var vacancy = await PostVacancy(employer, "2142", "cat3", "KZ-71");
        Factory.Time.Advance(TimeSpan.FromDays(16));
        // Seats of the year the application falls in: the class's clock may have crossed into the next one.
        await SetSeats("KZ-71", "cat3", 100);
        employer = await Api.As(employerEmail, EmployerPassword);
        var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", Application(vacancy, "cat3", "KZ-71", passport)), HttpStatusCode.Created);
        var id = permit.GetProperty("id").GetString()!;
        var approved = await Api.Ok(await (await Api.Officer("KZ-71")).PostAsync($"/api/v1/labour/permits/{id}/approve", null));
        return (employer, id, approved.GetProperty("invoices")[0].GetProperty("number").GetString()!);
    }

    private PaymentGatewaySimulator Gateway => (PaymentGatewaySimulator)Factory.Services.GetRequiredService<IPaymentGateway>();

    private Task ChargePending(string id, string invoice) => Factory.WithDbAsync(async db =>
    {
        var permit = await db.WorkPermits.AsNoTracking().SingleAsync(p => p.Id == Guid.Parse(id));
        Assert.Equal(InvoiceStatus.Charging, permit.Invoices.Single(i => i.Number == invoice).Status);
    });

    [Fact]
    public async Task A_charge_whose_reply_timed_out_is_reconciled_on_retry_charged_once_and_recorded_once()
    {
        var (employer, id, invoice) = await ApprovedPermit("P8000001");

        // The gateway charges but its reply is lost: the pending charge is on record, not a second charge.
        var lost = await Api.Problem(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000000003" }), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("payment-unavailable", lost.GetProperty("code").GetString());
        Assert.Equal(1, Gateway.ChargesFor(invoice));
        var pending = await Api.Ok(await employer.GetAsync($"/api/v1/labour/permits/{id}"));
        Assert.Equal("approved", pending.GetProperty("status").GetString());
        await ChargePending(id, invoice);

        var paid = await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000000003" }));
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal(1, Gateway.ChargesFor(invoice));
        var again = await Api.Problem(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000000003" }), HttpStatusCode.Conflict);
        Assert.Equal("nothing-to-pay", again.GetProperty("code").GetString());
        Assert.Equal(1, Gateway.ChargesFor(invoice));
        await Factory.WithDbAsync(async db =>
        {
            var permit = await db.WorkPermits.SingleAsync(p => p.Id == Guid.Parse(id));
            Assert.Single(permit.Invoices, i => i.Status == InvoiceStatus.Paid && i.PaymentReference != null);
        });
    }

    [Fact]
    public async Task A_charge_made_before_a_failed_save_is_found_on_retry_not_charged_again()
    {
        var (employer, id, invoice) = await ApprovedPermit("P8000002");
        string ownerId = string.Empty;
        await Factory.WithDbAsync(async db => ownerId = (await db.WorkPermits.SingleAsync(p => p.Id == Guid.Parse(id))).OwnerId);
        var owner = new Koshi.Web.Identity.Actor(ownerId, "Owner", new HashSet<string>(StringComparer.Ordinal) { Koshi.Web.Identity.Roles.Employer }, null);

        // The gateway charges, then the process fails before the payment is saved.
        using (var scope = Factory.Services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var crashing = new PermitLifecycle(
                sp.GetRequiredService<Koshi.Web.Platform.Storage.KoshiDbContext>(), sp.GetRequiredService<LabourRules>(), sp.GetRequiredService<PermitRegister>(),
                new FailsAfterCharging(Gateway), sp.GetRequiredService<TimeProvider>());
            await Assert.ThrowsAsync<IOException>(() => crashing.PayAsync(Guid.Parse(id), owner, "KZ000000000000001234", CancellationToken.None));
        }

        Assert.Equal(1, Gateway.ChargesFor(invoice));
        await ChargePending(id, invoice);
        var paid = await Api.Ok(await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000001234" }));
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal(1, Gateway.ChargesFor(invoice));
    }

    [Fact]
    public async Task Simultaneous_payments_of_one_invoice_charge_once_and_record_once()
    {
        var (employer, id, invoice) = await ApprovedPermit("P8000003");
        using var start = new ManualResetEventSlim();
        var payments = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await employer.PostAsJsonAsync($"/api/v1/labour/permits/{id}/pay", new { account = "KZ000000000000001234" });
        })).ToList();
        start.Set();
        var statuses = (await Task.WhenAll(payments)).Select(r => r.StatusCode).ToList();

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, $"unexpected {s}"));
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Equal(1, Gateway.ChargesFor(invoice));
        await Factory.WithDbAsync(async db =>
        {
            var permit = await db.WorkPermits.AsNoTracking().SingleAsync(p => p.Id == Guid.Parse(id));
            Assert.Equal(PermitStatus.Paid, permit.Status);
            Assert.Single(permit.Invoices, i => i.Status == InvoiceStatus.Paid);
        });
    }

    private sealed class FailsAfterCharging(IPaymentGateway inner) : IPaymentGateway
    {
        public async Task<ExternalReply> ChargeAsync(string idempotencyKey, decimal amountKzt, string account, CancellationToken cancellationToken)
        {
            await inner.ChargeAsync(idempotencyKey, amountKzt, account, cancellationToken);
            throw new IOException("lost before the payment was recorded");
        }
    }

    /// <summary>A new employer account with its organisation registered; sign in again with the e-mail after moving the clock.</summary>
    private async Task<(HttpClient Client, string Email)> NewEmployer(string region, string oked, int[] kazakh, int? serial = null)
    {
        var n = Interlocked.Increment(ref employers);
        // The serial's first digit drives the employer-check simulator: 0 (every serial below 100000) is clear.
        var bin = Bins.Make(serial ?? n * 7919 % 100000);
        var email = $"employer{n}.{Guid.NewGuid():N}@test.koshi.kz";
        var admin = await Api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = EmployerPassword, fullName = $"Employer {n} LLP", role = "employer", bin }), HttpStatusCode.Created);
        var client = await Api.As(email, EmployerPassword);
        await Api.Ok(await client.PutAsJsonAsync("/api/v1/labour/employer", new { name = $"Employer {n} LLP", okedSection = oked, region, kazakhStaff = kazakh, foreignStaff = NoForeignStaff }));
        return (client, email);
    }

    /// <summary>
    /// Seats of this year and the next: the class shares one clock, which its tests move on, so a test set up in
    /// December may apply in January.
    /// </summary>
    private async Task SetSeats(string region, string pool, int seats)
    {
        var admin = await Api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year}/{region}/{pool}", new { seats, reason = "Distribution for the test" }));
        await Api.Ok(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{Year + 1}/{region}/{pool}", new { seats, reason = "Distribution for the test" }));
    }

    private static async Task<string> PostVacancy(HttpClient employer, string isco, string category, string region)
    {
        var vacancy = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/vacancies", new { title = "Vacancy " + isco, isco, category, region, positions = 20 }), HttpStatusCode.Created);
        return vacancy.GetProperty("reference").GetString()!;
    }

    private async Task<int> Used(string region, string pool)
    {
        var used = -1;
        await Factory.WithDbAsync(async db => used = await db.QuotaAllocations
            .Where(q => q.Year == Year && q.Region == RegionCode.Parse(region) && q.Pool == pool).Select(q => q.Used).SingleAsync());
        return used;
    }

    private Dictionary<string, object?> Application(
        string vacancy, string category, string region, string passport, string isco = "2142", string qualification = "higher", int experience = 6) => new()
        {
            ["type"] = "employer",
            ["category"] = category,
            ["vacancyReference"] = vacancy,
            ["workerName"] = "Li Wei",
            ["workerPassport"] = passport,
            ["workerCitizenship"] = "CN",
            ["workerBirthDate"] = "1988-04-12",
            ["isco"] = isco,
            ["qualification"] = qualification,
            ["experienceYears"] = experience,
            ["region"] = region,
            ["startOn"] = Today,
            ["durationDays"] = 365,
        };
}

public sealed class ForeignLabourSqliteTests(SqliteFactory factory) : ForeignLabourTests<SqliteFactory>(factory);

public sealed class ForeignLabourPostgresTests(PostgresFactory factory) : ForeignLabourTests<PostgresFactory>(factory);

/// <summary>The fee of every permit type, category and sector group against the published grid, at the 2026 MRP.</summary>
public sealed class FeeGridTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const decimal Mrp2026 = 4325m;

    public static TheoryData<string, string, string, int, decimal> Grid => new()
    {
        // Sector group 1 (OKED M: professional and scientific), group 2 (B: mining; G: trade), group 3 (F: construction) [R21]
        { "employer", "cat1", "M", 365, 137 }, { "employer", "cat2", "M", 365, 158 }, { "employer", "cat3", "M", 365, 179 }, { "employer", "cat4", "M", 365, 200 },
        { "employer", "cat1", "B", 365, 154 }, { "employer", "cat2", "G", 365, 178 }, { "employer", "cat3", "B", 365, 202 }, { "employer", "cat4", "G", 365, 225 },
        { "employer", "cat1", "F", 365, 171 }, { "employer", "cat2", "F", 365, 198 }, { "employer", "cat3", "F", 365, 224 }, { "employer", "cat4", "F", 365, 250 },
        { "employer", "cat1", "F", 1095, 513 }, { "employer", "cat1", "M", 730, 274 },
        { "seasonal", "none", "A", 90, 12 }, { "seasonal", "none", "A", 91, 24 }, { "seasonal", "none", "A", 180, 24 },
        { "ict", "cat1", "F", 365, 0 },
        { "household", "none", "T", 60, 8 },
    };

    [Theory]
    [MemberData(nameof(Grid))]
    public async Task The_fee_matches_the_published_grid(string type, string category, string oked, int days, decimal mrp)
    {
        var api = new Api(factory);
        var client = await api.As("employer@demo.koshi.kz");
        var fee = await Api.Ok(await client.GetAsync($"/api/v1/labour/fee?type={type}&category={category}&okedSection={oked}&durationDays={days}&on=2026-03-01"));
        Assert.Equal(mrp, fee.GetProperty("feeMrp").GetDecimal());
        Assert.Equal(mrp * Mrp2026, fee.GetProperty("feeKzt").GetDecimal());
        Assert.Equal(type == "ict", fee.GetProperty("exempt").GetBoolean());
    }

    [Theory]
    [InlineData("seasonal", "none", 366, "durationDays")]
    [InlineData("employer", "cat4", 366, "durationDays")]
    [InlineData("seasonal", "cat2", 90, "category")]
    [InlineData("employer", "none", 90, "category")]
    [InlineData("ict", "cat4", 90, "category")]
    public async Task Combinations_the_law_does_not_allow_are_refused_with_their_source(string type, string category, int days, string field)
    {
        var client = await new Api(factory).As("employer@demo.koshi.kz");
        var problem = await Api.BadField(await client.GetAsync($"/api/v1/labour/fee?type={type}&category={category}&durationDays={days}&on=2026-03-01"), field);
        Assert.Equal("permit-terms", problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("source").GetString()));
    }
}

/// <summary>The permit's own rules, without a database.</summary>
public sealed class WorkPermitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    private static Koshi.Web.ForeignLabour.WorkPermit Approved(decimal feeMrp)
    {
        var request = new Koshi.Web.ForeignLabour.PermitRequest(
            Koshi.Web.ForeignLabour.PermitType.Employer, Koshi.Web.ForeignLabour.PermitCategory.Cat3, "Li Wei", Koshi.Web.ForeignLabour.PassportNumber.Parse("E1000001", null),
            Koshi.Web.ForeignLabour.CountryCode.Parse("CN", null), new DateOnly(1988, 1, 1), Koshi.Web.ForeignLabour.IscoCode.Parse("2142", null), Koshi.Web.ForeignLabour.Qualification.Higher, 5, RegionCode.Parse("KZ-71"), new DateOnly(2026, 3, 2), 365);
        var permit = Koshi.Web.ForeignLabour.WorkPermit.Apply(
            request, new([], "cat3", "group_3", true, 4, "sha256:test"), "owner", "Steppe Build LLP", "150240001232", Guid.NewGuid(), Koshi.Web.ForeignLabour.OkedSection.Parse("F", null), null, Now);
        Assert.Null(permit.Approve("officer", Koshi.Web.ForeignLabour.PermitInvoice.Create("INV-1", Koshi.Web.ForeignLabour.InvoicePurpose.Permit, 365, Koshi.Web.ForeignLabour.Mrp.Of(feeMrp), Koshi.Web.ForeignLabour.Tenge.Of(feeMrp * 4325), "test", Now), Now));
        return permit;
    }

    [Fact]
    public void A_permit_is_issued_only_when_paid_and_reads_as_expired_after_its_term()
    {
        var permit = Approved(224);
        Assert.Equal("fee-unpaid", permit.Issue("WP-1", 2026, Now)!.Code);
        Assert.Null(permit.RecordPayment(permit.OpenInvoice!, "REF", Koshi.Web.ForeignLabour.Tenge.Of(224 * 4325), Koshi.Web.ForeignLabour.Tenge.Of(4325), Now));
        Assert.Null(permit.Issue("WP-1", 2026, Now));
        Assert.True(permit.HoldsSeat);
        Assert.Equal(new DateOnly(2027, 3, 1), permit.EndOn);
        Assert.Equal("issued", permit.StatusOn(new DateOnly(2027, 3, 1)));
        Assert.Equal("expired", permit.StatusOn(new DateOnly(2027, 3, 2)));
        Assert.Equal("wrong-status", permit.Issue("WP-2", 2026, Now)!.Code);
    }

    [Fact]
    public void A_permit_with_no_fee_is_ready_to_issue_on_approval_and_ending_early_must_fall_within_its_term()
    {
        var permit = Approved(0);
        Assert.Equal(Koshi.Web.ForeignLabour.PermitStatus.Paid, permit.Status);
        Assert.Null(permit.Issue("WP-3", 2026, Now));
        Assert.Equal("endOn", permit.EndEarly(new DateOnly(2028, 1, 1), null, Now)!.Field);
        Assert.Null(permit.EndEarly(new DateOnly(2026, 6, 30), "contract ended", Now));
        Assert.False(permit.HoldsSeat);
        Assert.Equal("wrong-status", permit.Revoke("officer", "x", Now)!.Code);
    }
}
