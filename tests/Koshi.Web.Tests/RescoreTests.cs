using System.Net;
using System.Net.Http.Json;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>A decision stays as made when the pack changes; re-scoring under the new pack only compares.</summary>
public sealed class RescoreTests
{
    /// <summary>A copy of policy/kz with the pass mark raised from 400 to 900.</summary>
    private static string StricterPack()
    {
        var target = Repository.CopyOfKazakhPack();
        var residence = Path.Combine(target, "parameters", "residence.yaml");
        var text = File.ReadAllText(residence);
        var marker = text.IndexOf("residence.pass_mark:", StringComparison.Ordinal);
        var value = text.IndexOf("value: 400", marker, StringComparison.Ordinal);
        Assert.True(marker >= 0 && value > marker, "The pack's pass mark is no longer where this test expects it.");
        File.WriteAllText(residence, text[..value] + "value: 900" + text[(value + "value: 400".Length)..]);
        return target;
    }

    [Fact]
    public async Task A_decision_is_shown_as_made_and_rescored_under_a_changed_pack_without_changing()
    {
        var database = Path.Combine(Path.GetTempPath(), $"koshi-rescore-{Guid.NewGuid():N}.db");
        string id;
        long total;
        string packHash;
        await using (var before = new SqliteFactory(database, keepFile: true))
        {
            var api = new Api(before);
            var (applicant, _, _) = await api.NewApplicant();
            id = (await Api.Ok(await applicant.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = "KZ-71" }), HttpStatusCode.Created))
                .GetProperty("id").GetString()!;
            await Api.Ok(await applicant.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest", new { listeningPercent = 60, readingPercent = 60, takenOn = "2026-03-01", certificate = "KT" }));
            await Api.Ok(await applicant.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Strong().ToJsonString())));
            var officer = await api.Officer();
            await Api.Ok(await officer.PostAsync($"/api/v1/residence/applications/{id}/checks", null));
            await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/interview", new { at = before.Time.GetUtcNow(), place = "Astana" }));
            await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/interview/outcome", new { passed = true }));
            var decided = await Api.Ok(await officer.PostAsJsonAsync($"/api/v1/residence/applications/{id}/decision", new { outcome = "approve", reasons = "All passed." }));
            total = decided.GetProperty("decision").GetProperty("total").GetInt64();
            packHash = decided.GetProperty("decision").GetProperty("packHash").GetString()!;
            Assert.True(total is >= 400 and < 900, $"the strong case scores {total}; this test needs 400 ≤ total < 900");
        }

        var stricter = StricterPack();
        try
        {
            await using var after = new SqliteFactory(database, keepFile: false);
            after.Settings["Koshi:PolicyPack"] = stricter;
            var api = new Api(after);
            var officer = await api.Officer();

            var asMade = await Api.Ok(await officer.GetAsync($"/api/v1/residence/applications/{id}/decision"));
            Assert.Equal("approved", asMade.GetProperty("outcome").GetString());
            Assert.Equal(total, asMade.GetProperty("total").GetInt64());
            Assert.Equal(packHash, asMade.GetProperty("packHash").GetString());
            Assert.Equal(400, asMade.GetProperty("score").GetProperty("passMark").GetInt64());

            var rescore = await Api.Ok(await officer.GetAsync($"/api/v1/residence/applications/{id}/rescore"));
            Assert.Equal(packHash, rescore.GetProperty("asMade").GetProperty("packHash").GetString());
            Assert.Equal("pass", rescore.GetProperty("asMade").GetProperty("decision").GetString());
            var current = rescore.GetProperty("current");
            Assert.NotEqual(packHash, current.GetProperty("packHash").GetString());
            Assert.Equal(900, current.GetProperty("passMark").GetInt64());
            Assert.Equal("fail-score", current.GetProperty("decision").GetString());
            Assert.True(rescore.GetProperty("decisionChanged").GetBoolean());

            var still = await Api.Ok(await officer.GetAsync($"/api/v1/residence/applications/{id}"));
            Assert.Equal("approved", still.GetProperty("stage").GetString());
            Assert.Equal(total, still.GetProperty("decision").GetProperty("total").GetInt64());
        }
        finally
        {
            Directory.Delete(stricter, recursive: true);
        }
    }
}
