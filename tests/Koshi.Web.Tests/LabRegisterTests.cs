using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Tests;

/// <summary>
/// The permit register as the fee rule set's population in the policy lab: permits issued and approved through the API in the
/// test's own database, a reform that raises one category's fee, the baseline checked against the invoices the register holds,
/// revenue by category and the employers whose fees rise counted, and no name or passport in the result.
/// </summary>
public abstract partial class LabRegisterTests<TFactory> : IClassFixture<TFactory>
    where TFactory : KoshiFactory
{
    private const string Analyst = "analyst@demo.koshi.kz";
    private const string EmployerPassword = "Employer-2026-x";
    private const string WorkerName = "Zhang Registerova";
    private static readonly int[] KazakhStaff = [10, 20, 200, 2000];
    private static readonly int[] NoForeignStaff = [0, 0, 0, 0];
    private static int employers;
    private readonly TFactory factory;
    private readonly Api api;

    protected LabRegisterTests(TFactory factory)
    {
        Assert.SkipUnless(factory.Available, $"{factory.Provider} is not configured here (set KOSHI_TEST_POSTGRES).");
        this.factory = factory;
        api = new Api(factory);
        factory.KeepClearOfYearEnd(TimeSpan.FromDays(30));
    }

    private DateOnly Today => Koshi.Policy.LegalClock.DateOf(factory.Time.GetUtcNow());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_raised_category_fee_over_the_register_reproduces_the_invoices_and_counts_the_employers_who_pay_more()
    {
        // Two employers of one sector group: one hires in category 3 (one permit issued, one approved and unpaid), the other in category 4.
        var (cat3Employer, cat3Email, cat3Name) = await NewEmployer("F");
        var (cat4Employer, cat4Email, _) = await NewEmployer("F");
        var cat3Vacancy = await PostVacancy(cat3Employer, "2142", "cat3");
        var cat4Vacancy = await PostVacancy(cat4Employer, "7212", "cat4");
        factory.Time.Advance(TimeSpan.FromDays(16));
        await SetSeats("cat3", 100);
        await SetSeats("cat4", 100);
        cat3Employer = await api.As(cat3Email, EmployerPassword);
        cat4Employer = await api.As(cat4Email, EmployerPassword);
        var officer = await api.Officer("KZ-71");
        var issued = await Approve(officer, cat3Employer, cat3Vacancy, "cat3", "2142", Passport());
        await Api.Ok(await cat3Employer.PostAsJsonAsync($"/api/v1/labour/permits/{issued}/pay", new { account = "KZ000000000000001234" }, Ct));
        Assert.Equal("issued", (await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{issued}/issue", null, Ct))).GetProperty("status").GetString());
        await Approve(officer, cat3Employer, cat3Vacancy, "cat3", "2142", Passport());
        await Approve(officer, cat4Employer, cat4Vacancy, "cat4", "7212", Passport());
        var year = Today.Year;

        // The register as the database holds it: the invoices of the year the run must reproduce.
        var invoices = new List<(Guid Employer, PermitCategory Category, string Group, decimal Mrp, decimal Kzt)>();
        await factory.WithDbAsync(async db =>
        {
            var permits = await db.WorkPermits.AsNoTracking().ToListAsync(Ct);
            invoices.AddRange(permits
                .Where(p => p.Type != PermitType.Household && p.Status is not (PermitStatus.Submitted or PermitStatus.Refused or PermitStatus.Withdrawn or PermitStatus.Lapsed))
                .SelectMany(p => p.Invoices.Where(i => i.Status != InvoiceStatus.Cancelled && i.QuotedOn.Year == year)
                    .Select(i => (p.EmployerId!.Value, p.Category, p.SectorGroup, i.FeeMrp.Amount, i.QuotedKzt.Amount))));
        });
        var raised = invoices.Where(i => i.Category == PermitCategory.Cat3 && i.Group == "group_3").ToList();
        Assert.True(raised.Count >= 2, $"{raised.Count} category-3 invoices of sector group 3");

        // The reform: category 3 of sector group 3 costs 100 MRP more.
        var client = await api.As(Analyst);
        var targets = await Api.Ok(await client.GetAsync("/api/v1/analytics/lab/targets", Ct));
        var grid = targets.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "ruleset:employer-fee")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "labour.employer_fee.group_3")
            .GetProperty("values").EnumerateArray().Last().GetProperty("value").GetString()!;
        var cat3Fee = int.Parse(Regex.Match(grid, @"cat3: (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var reformGrid = Regex.Replace(grid, @"cat3: \d+", $"cat3: {cat3Fee + 100}");

        var response = await client.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new
        {
            target = "ruleset:employer-fee",
            parameters = new Dictionary<string, string> { ["labour.employer_fee.group_3"] = reformGrid },
            population = new { source = "register", year },
        }), Ct);
        var run = await Finished(client, await Api.Ok(response, HttpStatusCode.Created));
        var fees = run.GetProperty("fees");

        // The baseline is the register's invoices, in MRP and in tenge.
        Assert.Equal(0, fees.GetProperty("baselineDiffers").GetInt32());
        Assert.Equal(invoices.Count, fees.GetProperty("invoices").GetInt32());
        Assert.Equal(invoices.Sum(i => i.Mrp), fees.GetProperty("invoicedMrp").GetDecimal());
        Assert.Equal(invoices.Sum(i => i.Mrp), fees.GetProperty("baselineMrp").GetDecimal());
        Assert.Equal(invoices.Sum(i => i.Kzt), fees.GetProperty("baselineKzt").GetDecimal());
        var mrp = fees.GetProperty("mrpOfYear").GetDecimal();
        Assert.True(mrp > 0);

        // Only category 3 of sector group 3 rises, by 100 MRP an invoice.
        Assert.Equal(invoices.Sum(i => i.Mrp) + 100 * raised.Count, fees.GetProperty("reformMrp").GetDecimal());
        Assert.Equal(invoices.Sum(i => i.Kzt) + 100 * mrp * raised.Count, fees.GetProperty("reformKzt").GetDecimal());
        var byCategory = fees.GetProperty("byCategory").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        var cat3 = byCategory["cat3"];
        Assert.Equal(100 * invoices.Count(i => i.Category == PermitCategory.Cat3 && i.Group == "group_3"),
            cat3.GetProperty("reformMrp").GetDecimal() - cat3.GetProperty("baselineMrp").GetDecimal());
        var cat4 = byCategory["cat4"];
        Assert.Equal(invoices.Where(i => i.Category == PermitCategory.Cat4).Sum(i => i.Mrp), cat4.GetProperty("baselineMrp").GetDecimal());
        Assert.Equal(cat4.GetProperty("baselineMrp").GetDecimal(), cat4.GetProperty("reformMrp").GetDecimal());
        var group3 = fees.GetProperty("bySectorGroup").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "group_3");
        Assert.Equal(100 * raised.Count, group3.GetProperty("reformMrp").GetDecimal() - group3.GetProperty("baselineMrp").GetDecimal());

        // Employers counted, not named: those with a category-3 invoice pay more, the rest the same.
        var payingMore = raised.Select(i => i.Employer).Distinct().Count();
        var all = invoices.Select(i => i.Employer).Distinct().Count();
        Assert.Equal(all, fees.GetProperty("employers").GetInt32());
        Assert.Equal(payingMore, fees.GetProperty("employersPayMore").GetInt32());
        Assert.Equal(0, fees.GetProperty("employersPayLess").GetInt32());
        Assert.Equal(all - payingMore, fees.GetProperty("employersPaySame").GetInt32());
        Assert.True(all - payingMore >= 1, "the category-4 employer pays the same");

        var text = run.GetRawText();
        Assert.DoesNotContain(WorkerName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(cat3Name, text, StringComparison.Ordinal);

        // The kept run reads back the same.
        var kept = await Api.Ok(await client.GetAsync($"/api/v1/analytics/lab/runs/{run.GetProperty("id").GetString()}", Ct));
        Assert.Equal(fees.GetProperty("reformMrp").GetDecimal(), kept.GetProperty("fees").GetProperty("reformMrp").GetDecimal());

        // The CSV carries the same figures, and no name either.
        var csv = await client.GetStringAsync($"/api/v1/analytics/lab/runs/{run.GetProperty("id").GetString()}/csv", Ct);
        Assert.Contains(FormattableString.Invariant($"fees_employers,pay_more,,,{payingMore}"), csv, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"fees,revenue_mrp,,{fees.GetProperty("baselineMrp").GetDecimal()},{fees.GetProperty("reformMrp").GetDecimal()}"), csv, StringComparison.Ordinal);
        Assert.DoesNotContain(cat3Name, csv, StringComparison.Ordinal);

        // The page runs the same reform over the register and shows the counts.
        var browser = await SignedIn(Analyst);
        var form = await browser.GetStringAsync("/analytics/lab?target=ruleset:employer-fee", Ct);
        Assert.Contains("id=\"lab-source-register\"", form, StringComparison.Ordinal);
        var posted = await browser.PostAsync("/analytics/lab", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenPattern().Matches(form).Last().Groups[1].Value, ["target"] = "ruleset:employer-fee", ["source"] = "register",
            ["year"] = year.ToString(CultureInfo.InvariantCulture), ["parameters.labour.employer_fee.group_3"] = reformGrid,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = string.Empty;
        for (var i = 0; i < 600 && !page.Contains("data-status=\"done\"", StringComparison.Ordinal); i++)
        {
            if (i > 0)
            {
                await Task.Delay(200, Ct);
            }

            page = await browser.GetStringAsync(posted.Headers.Location!.ToString(), Ct);
        }

        Assert.Contains("id=\"lab-fees\"", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"lab-fees-more\">{payingMore}<", page, StringComparison.Ordinal);
        Assert.Contains("data-differs=\"0\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(WorkerName, page, StringComparison.Ordinal);
        Assert.DoesNotContain(cat3Name, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_is_refused_for_another_target_and_a_year_without_fees_naming_the_field()
    {
        var client = await api.As(Analyst);
        await Api.BadField(await client.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new
        {
            target = "scheme:permanent-residence",
            population = new { source = "register", year = Today.Year },
        }), Ct), "population");
        await Api.BadField(await client.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new
        {
            target = "ruleset:employer-fee",
            population = new { source = "register", year = 2001 },
        }), Ct), "year");
        await Api.BadField(await client.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new
        {
            target = "ruleset:employer-fee",
            population = new { source = "census" },
        }), Ct), "population.source");

        var employer = (await NewEmployer("F")).Client;
        Assert.Equal(HttpStatusCode.Forbidden, (await employer.PostAsync("/api/v1/analytics/lab/runs", Api.Body(new
        {
            target = "ruleset:employer-fee",
            population = new { source = "register", year = Today.Year },
        }), Ct)).StatusCode);
    }

    /// <summary>A new passport number ending in 1 (the worker-check simulator answers clear).</summary>
    private static string Passport() => "R" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + "1";

    private async Task<HttpClient> SignedIn(string email)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var token = TokenPattern().Match(await client.GetStringAsync("/account/login", Ct)).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = Koshi.Web.Identity.DemoData.Password, ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/language/en?returnUrl=/", Ct)).StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private static async Task<JsonElement> Finished(HttpClient client, JsonElement run)
    {
        var id = run.GetProperty("id").GetString();
        for (var i = 0; i < 600 && run.GetProperty("status").GetString() == "running"; i++)
        {
            await Task.Delay(200, Ct);
            run = await Api.Ok(await client.GetAsync($"/api/v1/analytics/lab/runs/{id}", Ct));
        }

        Assert.True(run.GetProperty("status").GetString() == "done", run.GetRawText());
        return run;
    }

    private async Task<string> Approve(HttpClient officer, HttpClient employer, string vacancy, string category, string isco, string passport)
    {
        var permit = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/permits", new Dictionary<string, object?>
        {
            ["type"] = "employer", ["category"] = category, ["vacancyReference"] = vacancy, ["workerName"] = WorkerName, ["workerPassport"] = passport,
            ["workerCitizenship"] = "CN", ["workerBirthDate"] = "1988-04-12", ["isco"] = isco, ["qualification"] = "higher", ["experienceYears"] = 6,
            ["region"] = "KZ-71", ["startOn"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["durationDays"] = 365,
        }, Ct), HttpStatusCode.Created);
        var id = permit.GetProperty("id").GetString()!;
        Assert.Equal("approved", (await Api.Ok(await officer.PostAsync($"/api/v1/labour/permits/{id}/approve", null, Ct))).GetProperty("status").GetString());
        return id;
    }

    private async Task<(HttpClient Client, string Email, string Name)> NewEmployer(string oked)
    {
        var n = Interlocked.Increment(ref employers);
        var bin = Bins.Make(50_000 + n * 613 % 40_000);
        var email = $"fee-employer{n}.{Guid.NewGuid():N}@test.koshi.kz";
        var name = $"Fee Lab Employer {n} {Guid.NewGuid():N} LLP"[..40];
        var admin = await api.As("admin@demo.koshi.kz");
        await Api.Ok(await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = EmployerPassword, fullName = name, role = "employer", bin }, Ct), HttpStatusCode.Created);
        var client = await api.As(email, EmployerPassword);
        await Api.Ok(await client.PutAsJsonAsync("/api/v1/labour/employer", new { name, okedSection = oked, region = "KZ-71", kazakhStaff = KazakhStaff, foreignStaff = NoForeignStaff }, Ct));
        return (client, email, name);
    }

    private async Task SetSeats(string pool, int seats)
    {
        var admin = await api.As("admin@demo.koshi.kz");
        foreach (var year in new[] { Today.Year, Today.Year + 1 })
        {
            await Api.Ok(await admin.PutAsJsonAsync($"/api/v1/labour/quota/{year}/KZ-71/{pool}", new { seats, reason = "Distribution for the test" }, Ct));
        }
    }

    private static async Task<string> PostVacancy(HttpClient employer, string isco, string category)
    {
        var vacancy = await Api.Ok(await employer.PostAsJsonAsync("/api/v1/labour/vacancies", new { title = "Vacancy " + isco, isco, category, region = "KZ-71", positions = 20 }, Ct), HttpStatusCode.Created);
        return vacancy.GetProperty("reference").GetString()!;
    }
}

public sealed class LabRegisterSqliteTests(SqliteFactory factory) : LabRegisterTests<SqliteFactory>(factory);

public sealed class LabRegisterPostgresTests(PostgresFactory factory) : LabRegisterTests<PostgresFactory>(factory);
