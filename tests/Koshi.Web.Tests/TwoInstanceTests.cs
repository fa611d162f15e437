using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Audit;
using Koshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Koshi.Web.Tests;

/// <summary>
/// Two instances of the platform on one PostgreSQL database work as one: each accepts the other's sign-in cookies
/// and tokens, and concurrent writes through both end as one log that verifies, with every entry in it.
/// </summary>
public sealed partial class TwoInstanceTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [Fact]
    public async Task Two_instances_share_sign_ins_and_write_one_log()
    {
        await using var first = new PostgresFactory();
        Assert.SkipUnless(first.Available, "PostgreSQL is not configured here (set KOSHI_TEST_POSTGRES).");
        await first.InitializeAsync();
        var one = new Api(first);
        using var warm = one.Anonymous(); // starts the first instance: migrations and demo data

        await using var second = new PostgresFactory(first.Database, ownsDatabase: false);
        second.Settings["Koshi:Audit:SigningKeyFile"] = Path.Combine(first.AuditFolder, "signing-key.pem");
        second.Settings["Koshi:DataProtection:CertificateFile"] = Path.Combine(first.AuditFolder, "key-ring.pfx");
        var two = new Api(second);

        // A token made by one instance is accepted by the other: Data Protection keys live in the database (and only
        // there, so a machine's own key folder cannot be what makes this pass).
        var adminOnFirst = await one.As("admin@demo.koshi.kz");
        await first.WithDbAsync(async db => Assert.True(await db.DataProtectionKeys.AnyAsync()));
        using var adminOnSecond = two.Anonymous();
        adminOnSecond.DefaultRequestHeaders.Authorization = adminOnFirst.DefaultRequestHeaders.Authorization;
        await Api.Ok(await adminOnSecond.GetAsync("/api/v1/audit/entries"));

        // So is a sign-in cookie.
        using var browser = first.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = AntiforgeryToken().Match(await browser.GetStringAsync("/account/login")).Groups[1].Value;
        var signIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "officer.astana@demo.koshi.kz", ["password"] = Koshi.Web.Identity.DemoData.Password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("koshi.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var otherBrowser = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var page = new HttpRequestMessage(HttpMethod.Get, "/labour/officer");
        page.Headers.Add("Cookie", cookie);
        var answer = await otherBrowser.SendAsync(page);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode} {answer.Headers.Location}");

        // Applicants register and lodge through both instances at once, while both sequencers run.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            var api = i % 2 == 0 ? one : two;
            var (applicant, _, _) = await api.NewApplicant();
            await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created);
        }));

        var verification = await Api.Ok(await adminOnSecond.GetAsync("/api/v1/audit/verify"));
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        long rows = 0, lodged = 0;
        await first.WithDbAsync(async db =>
        {
            rows = await db.AuditEntries.LongCountAsync();
            lodged = await db.AuditEntries.LongCountAsync(e => e.Action == "residence.lodge" && e.Sequence != null);
        });
        Assert.Equal(rows, verification.GetProperty("entriesChecked").GetInt64());
        Assert.Equal(24, lodged);

        // Both instances' checkpoint files hold checkpoints of the one tree, and the first's verify against the log too.
        await first.Services.GetRequiredService<AuditSequencer>().SequenceAsync(wait: true, forceCheckpoint: true);
        var fromFirst = await Api.Ok(await adminOnFirst.GetAsync("/api/v1/audit/verify"));
        Assert.True(fromFirst.GetProperty("valid").GetBoolean(), fromFirst.ToString());
        Assert.True(fromFirst.GetProperty("checkpointsChecked").GetInt64() >= 1);
        Assert.Equal(rows, fromFirst.GetProperty("latestCheckpoint").GetProperty("treeSize").GetInt64());
    }
}
