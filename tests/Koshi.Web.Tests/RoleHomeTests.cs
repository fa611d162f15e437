using System.Net;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Tests;

/// <summary>Each role starts from its own page after signing in; the administrator's home reads and checks the audit log.</summary>
public sealed class RoleHomeTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    [Theory]
    [InlineData("aigerim@demo.koshi.kz", "/residence")]
    [InlineData("officer.astana@demo.koshi.kz", "/officer/queue")]
    [InlineData("employer@demo.koshi.kz", "/labour")]
    [InlineData("agency@demo.koshi.kz", "/agencies/portal")]
    [InlineData("analyst@demo.koshi.kz", "/analytics")]
    [InlineData("admin@demo.koshi.kz", "/admin")]
    public async Task After_sign_in_each_role_lands_on_its_page_which_opens_and_the_home_page_leads_there(string email, string home)
    {
        var (browser, landing) = await Letters.SignIn(factory, email);
        Assert.Equal(home, landing);
        foreach (var lang in new[] { "kk", "ru", "en" })
        {
            await browser.GetAsync($"/language/{lang}?returnUrl=/");
            var page = await browser.GetAsync(landing);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var start = await browser.GetStringAsync("/");
            Assert.Contains($"href=\"{home}\" id=\"home-start\"", start, StringComparison.Ordinal);
            Assert.DoesNotContain("API арқылы", start, StringComparison.Ordinal);
            Assert.DoesNotContain("через API", start, StringComparison.Ordinal);
            Assert.DoesNotContain("through the API", start, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_return_address_still_wins_over_the_roles_home()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = Letters.Token(await client.GetStringAsync("/account/login?returnUrl=%2Flabour%2Fministry"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "analyst@demo.koshi.kz", ["password"] = Identity.DemoData.Password, ["returnUrl"] = "/labour/ministry", ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal("/labour/ministry", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Only_the_administrator_opens_the_admin_pages()
    {
        var (analyst, _) = await Letters.SignIn(factory, "analyst@demo.koshi.kz");
        var refused = await analyst.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Contains("/account/login", (await anonymous.GetAsync("/admin")).Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_home_pages_through_the_audit_log_verifies_it_and_reads_any_case()
    {
        var (_, id, _) = await Letters.RefusedApplication(api);
        await Letters.SignCheckpoint(api);
        var (admin, _) = await Letters.SignIn(factory, "admin@demo.koshi.kz");
        await admin.GetAsync("/language/en?returnUrl=/");

        var home = await admin.GetStringAsync("/admin?pageSize=3");
        Assert.Contains("id=\"audit-entries\"", home, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(home, "data-sequence="));
        Assert.Contains("id=\"page-next\"", home, StringComparison.Ordinal);
        var second = await admin.GetStringAsync("/admin?page=2&pageSize=3");
        var firstRows = System.Text.RegularExpressions.Regex.Matches(home, "data-sequence=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        var secondRows = System.Text.RegularExpressions.Regex.Matches(second, "data-sequence=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(secondRows);
        Assert.True(!firstRows.Intersect(secondRows).Any(), string.Join(",", firstRows) + " | " + string.Join(",", secondRows));

        var filtered = await admin.GetStringAsync("/admin?action=residence.refuse");
        Assert.Contains(">residence.refuse<", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain(">residence.lodge<", filtered, StringComparison.Ordinal);

        // Verify now: the whole log against its signed checkpoints.
        var token = Letters.Token(home);
        var verified = await admin.PostAsync("/admin?handler=Verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var outcome = await verified.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Contains("id=\"verify-outcome\" data-valid=\"true\"", outcome, StringComparison.Ordinal);

        // Any case, found by its number, read with its audit trail and letter.
        var found = await admin.GetAsync($"/admin?q={id}");
        Assert.Equal($"/admin/cases/{id}", found.Headers.Location!.ToString());
        var casePage = await admin.GetStringAsync($"/admin/cases/{id}");
        Assert.Contains("id=\"decision-outcome\"", casePage, StringComparison.Ordinal);
        Assert.Contains(">residence.refuse<", casePage, StringComparison.Ordinal);
        Assert.Contains($"/residence/{id}/letter", casePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/residence/{id}/letter")).StatusCode);

        var iin = await FirstIin(id);
        var byIin = await admin.GetStringAsync($"/admin?q={iin}");
        Assert.Contains($"/admin/cases/{id}", byIin, StringComparison.Ordinal);
        Assert.Contains("case-query-error", await admin.GetStringAsync("/admin?q=nonsense"), StringComparison.Ordinal);
    }

    private async Task<string> FirstIin(string id)
    {
        string iin = string.Empty;
        await factory.WithDbAsync(async db =>
            iin = (await db.ResidenceApplications.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(id))).ApplicantIin!.Value.Value);
        return iin;
    }
}

/// <summary>A changed audit entry fails its letter's code, and the administrator's check names it (a database of its own).</summary>
public sealed class LetterTamperTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private readonly Api api = new(factory);

    [Fact]
    public async Task An_entry_changed_in_the_database_fails_its_code_and_the_administrators_check()
    {
        var (applicant, id, _) = await Letters.RefusedApplication(api);
        var (text, _) = Letters.Read(await (await applicant.GetAsync($"/api/v1/residence/applications/{id}/letter?lang=en")).Content.ReadAsByteArrayAsync());
        var code = Letters.CodePattern().Match(text).Groups[1].Value;
        await Letters.SignCheckpoint(api);
        Assert.True((await Api.Ok(await api.Anonymous().GetAsync($"/api/v1/verify/{code}"))).GetProperty("valid").GetBoolean());

        // Someone with database access rewrites the decision's reasons in the log, and its stored hash to match.
        var sequence = long.Parse(code.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
        await factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == sequence);
            entry.After = entry.After.Replace("Below the pass mark.", "Approved after all.", StringComparison.Ordinal);
            var hash = Koshi.Web.Audit.AuditLeaf.Hash(entry, sequence);
            await db.AuditEntries.Where(e => e.Sequence == sequence)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.After, entry.After).SetProperty(e => e.LeafHash, hash));
        });

        var check = await Api.Ok(await api.Anonymous().GetAsync($"/api/v1/verify/{code}"));
        Assert.False(check.GetProperty("valid").GetBoolean(), check.ToString());
        Assert.Equal("mismatch", check.GetProperty("failure").GetString());

        // A code made from the rewritten entry's new hash does not lead to the signed root either.
        string forged = string.Empty;
        await factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == sequence);
            forged = Koshi.Web.Audit.ReceiptCode.Of(sequence, entry.LeafHash!).ToString();
        });
        var forgedCheck = await Api.Ok(await api.Anonymous().GetAsync($"/api/v1/verify/{forged}"));
        Assert.False(forgedCheck.GetProperty("valid").GetBoolean(), forgedCheck.ToString());
        Assert.Equal("proof-failed", forgedCheck.GetProperty("failure").GetString());

        var (admin, _) = await Letters.SignIn(factory, "admin@demo.koshi.kz");
        var token = Letters.Token(await admin.GetStringAsync("/admin"));
        var verified = await admin.PostAsync("/admin?handler=Verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Contains("id=\"verify-outcome\" data-valid=\"false\"", await verified.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
