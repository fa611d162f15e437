using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koshi.Web.Identity;
using Koshi.Web.Tests.Infrastructure;

namespace Koshi.Web.Tests;

/// <summary>
/// The officer's queue at volume, through the page and the API: case numbers, search by number, IIN and name, the stage,
/// waiting-for-me and overdue filters, the sort orders and pages that keep the filters; the applicant's answers on the
/// case page; an interview time that has passed is refused naming the field.
/// </summary>
public sealed partial class OfficerQueueTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    // Pavlodar has no demo case, so each test sees only the cases it lodges (and finds them by a name of its own).
    private const string Region = "KZ-55";
    private const string OfficerEmail = "officer.pavlodar@demo.koshi.kz";
    private const string Password = "Applicant-2026";
    private static int people;

    private readonly Api api = new(factory);

    [Fact]
    public async Task Case_numbers_follow_each_other_within_the_year_and_show_on_every_page_of_the_case()
    {
        var token = Token();
        var first = await Lodge(await NewPerson($"Aruzhan {token}"));
        var second = await Lodge(await NewPerson($"Bauyrzhan {token}"));
        var year = Today.Year.ToString(CultureInfo.InvariantCulture);
        Assert.Matches($"^{year}-\\d{{6}}$", first.Number);
        Assert.Equal(Sequence(first.Number) + 1, Sequence(second.Number));

        var applicant = await SignedIn(first.Person.Email, Password);
        Assert.Contains(first.Number, await applicant.GetStringAsync("/residence"), StringComparison.Ordinal);
        Assert.Contains($"id=\"case-number\">{first.Number}<", await applicant.GetStringAsync($"/residence/{first.Id}"), StringComparison.Ordinal);

        var officer = await SignedIn(OfficerEmail);
        Assert.Equal([second.Number, first.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={token}&sort=newest")));
        var page = await officer.GetStringAsync($"/officer/cases/{first.Id}");
        Assert.Contains($"id=\"case-title-number\">{first.Number}<", page, StringComparison.Ordinal);

        var api1 = await Api.Ok(await (await api.As(first.Person.Email, Password)).GetAsync($"/api/v1/residence/applications/{first.Id}"));
        Assert.Equal(first.Number, api1.GetProperty("caseNumber").GetString());
    }

    [Fact]
    public async Task The_queue_finds_a_case_by_its_number_as_said_on_the_phone_by_IIN_and_by_part_of_a_name_in_any_case()
    {
        var token = Token();
        var aigerim = await Lodge(await NewPerson($"Айгерім Сәрсенова {token}"));
        var other = await Lodge(await NewPerson($"Dmitry Ivanov {token}"));
        var officer = await SignedIn(OfficerEmail);
        var sequence = Sequence(aigerim.Number).ToString(CultureInfo.InvariantCulture);
        var year = aigerim.Number[..4];

        Assert.Equal([aigerim.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={aigerim.Number}")));
        Assert.Equal([aigerim.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={year}-{sequence}")));
        Assert.Equal([aigerim.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={sequence}")));
        Assert.Equal([aigerim.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={aigerim.Person.Iin}")));
        Assert.Equal([aigerim.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={Uri.EscapeDataString("сәрсенова " + token)}")));
        Assert.Equal([other.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={Uri.EscapeDataString("IVANOV " + token)}")));
        var none = await officer.GetStringAsync($"/officer/queue?q={token}-nobody");
        Assert.Empty(Rows(none));
        Assert.Contains("id=\"queue-empty\"", none, StringComparison.Ordinal);

        // A withdrawn case leaves the open queue, but a caller quoting its number still finds it.
        await Api.Ok(await (await api.As(other.Person.Email, Password)).PostAsJsonAsync($"/api/v1/residence/applications/{other.Id}/withdraw", new { reason = "Moved" }));
        Assert.Equal([aigerim.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={token}&stage=open")));
        Assert.Equal([other.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={other.Number}")));
        Assert.Equal([other.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={token}&stage=withdrawn")));
    }

    [Fact]
    public async Task The_stage_filter_shows_the_cases_of_one_stage()
    {
        var token = Token();
        var lodged = await Lodge(await NewPerson($"Lodged {token}"));
        var questionnaire = await Lodge(await NewPerson($"Tested {token}"), kaztest: true);
        var officer = await SignedIn(OfficerEmail);

        Assert.Equal([questionnaire.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={token}&stage=questionnaire")));
        Assert.Equal([lodged.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={token}&stage=language-test")));
        Assert.Empty(Rows(await officer.GetStringAsync($"/officer/queue?q={token}&stage=decision")));
        Assert.Contains("<option value=\"questionnaire\" selected=\"selected\">", await officer.GetStringAsync($"/officer/queue?q={token}&stage=questionnaire"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_my_action_shows_the_cases_whose_next_step_is_an_officers()
    {
        var token = Token();
        var applicantsTurn = await Lodge(await NewPerson($"Waiting {token}"), kaztest: true);
        var checks = await Lodge(await NewPerson($"Checked {token}"), kaztest: true, answers: true);
        var interview = await Lodge(await NewPerson($"Interviewed {token}"), kaztest: true, answers: true);
        var officerApi = await api.As(OfficerEmail);
        await Api.Ok(await officerApi.PostAsync($"/api/v1/residence/applications/{interview.Id}/checks", null));
        await Api.Ok(await officerApi.PostAsJsonAsync($"/api/v1/residence/applications/{interview.Id}/interview",
            new { at = factory.Time.GetUtcNow().AddDays(2), place = "Pavlodar, PSC" }));

        var officer = await SignedIn(OfficerEmail);
        Assert.Equal(3, Rows(await officer.GetStringAsync($"/officer/queue?q={token}")).Count);
        Assert.Equal([checks.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={token}&mine=true")));
        Assert.Contains("id=\"queue-mine\" name=\"mine\" value=\"true\" checked=\"checked\"", await officer.GetStringAsync($"/officer/queue?q={token}&mine=true"), StringComparison.Ordinal);
        Assert.DoesNotContain(applicantsTurn.Number, string.Join(',', Rows(await officer.GetStringAsync($"/officer/queue?q={token}&mine=true"))), StringComparison.Ordinal);

        // Once the interview's time has come, recording it is the officer's next step.
        factory.Time.Advance(TimeSpan.FromDays(2));
        officer = await SignedIn(OfficerEmail);
        Assert.Equal([checks.Number, interview.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={token}&mine=true&sort=lodged")));
    }

    [Fact]
    public async Task The_overdue_filter_shows_only_cases_past_their_decision_day_and_the_due_order_puts_them_first()
    {
        var token = Token();
        var late = await Lodge(await NewPerson($"Early {token}"));
        factory.Time.Advance(TimeSpan.FromDays(31));
        var fresh = await Lodge(await NewPerson($"Later {token}"));
        var officer = await SignedIn(OfficerEmail);

        Assert.Equal([late.Number], Rows(await officer.GetStringAsync($"/officer/queue?q={token}&overdue=true")));
        var both = await officer.GetStringAsync($"/officer/queue?q={token}");
        Assert.Equal([late.Number, fresh.Number], Rows(both));
        Assert.Contains($"data-overdue=\"true\" data-case=\"{late.Number}\"", both, StringComparison.Ordinal);
        Assert.Contains($"data-overdue=\"false\" data-case=\"{fresh.Number}\"", both, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_sorts_by_due_date_by_lodgement_and_newest_first()
    {
        var token = Token();
        var lodged = new List<string>();
        foreach (var name in new[] { "One", "Two", "Three" })
        {
            lodged.Add((await Lodge(await NewPerson($"{name} {token}"))).Number);
            factory.Time.Advance(TimeSpan.FromDays(1));
        }

        var officer = await SignedIn(OfficerEmail);
        Assert.Equal(lodged, Rows(await officer.GetStringAsync($"/officer/queue?q={token}")));
        Assert.Equal(lodged, Rows(await officer.GetStringAsync($"/officer/queue?q={token}&sort=lodged")));
        Assert.Equal(Enumerable.Reverse(lodged).ToList(), Rows(await officer.GetStringAsync($"/officer/queue?q={token}&sort=newest")));
        Assert.Contains("<option value=\"newest\" selected=\"selected\">", await officer.GetStringAsync($"/officer/queue?q={token}&sort=newest"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_of_the_queue_keep_the_search_and_sort_and_together_show_every_case_once()
    {
        var token = Token();
        var lodged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            lodged.Add((await Lodge(await NewPerson($"Paged{i} {token}"))).Number);
        }

        var officer = await SignedIn(OfficerEmail);
        var seen = new List<string>();
        var url = $"/officer/queue?q={token}&sort=newest&pageSize=2";
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

        Assert.Equal(Enumerable.Reverse(lodged).ToList(), seen);
    }

    [Fact]
    public async Task The_queue_API_takes_the_same_search_filters_sort_and_pages_and_names_a_bad_parameter()
    {
        var token = Token();
        var first = await Lodge(await NewPerson($"ApiFirst {token}"));
        var second = await Lodge(await NewPerson($"ApiSecond {token}"), kaztest: true);
        var officer = await api.As(OfficerEmail);

        var all = await officer.GetAsync($"/api/v1/residence/queue?q={token}&sort=newest&pageSize=1");
        var page = await Api.Ok(all);
        Assert.Equal("2", all.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(second.Number, page[0].GetProperty("caseNumber").GetString());
        var next = all.Headers.GetValues("Link").Single();
        Assert.Contains($"q={token}", next, StringComparison.Ordinal);
        Assert.Contains("sort=newest", next, StringComparison.Ordinal);
        var nextUrl = Regex.Match(next, "<([^>]+)>").Groups[1].Value;
        Assert.Equal(first.Number, (await Api.Ok(await officer.GetAsync(nextUrl)))[0].GetProperty("caseNumber").GetString());

        var staged = await Api.Ok(await officer.GetAsync($"/api/v1/residence/queue?q={token}&stage=questionnaire"));
        Assert.Equal([second.Number], staged.EnumerateArray().Select(i => i.GetProperty("caseNumber").GetString()).ToList());
        Assert.Equal(0, (await Api.Ok(await officer.GetAsync($"/api/v1/residence/queue?q={token}&overdue=true&mine=true"))).GetArrayLength());
        Assert.Equal(first.Number, (await Api.Ok(await officer.GetAsync($"/api/v1/residence/queue?q={first.Person.Iin}")))[0].GetProperty("caseNumber").GetString());

        await Api.BadField(await officer.GetAsync("/api/v1/residence/queue?stage=pending"), "stage");
        await Api.BadField(await officer.GetAsync("/api/v1/residence/queue?sort=name"), "sort");
        await Api.BadField(await officer.GetAsync("/api/v1/residence/queue?overdue=maybe"), "overdue");
        await Api.BadField(await officer.GetAsync("/api/v1/residence/queue?mine=2"), "mine");
        await Api.BadField(await officer.GetAsync($"/api/v1/residence/queue?q={new string('x', 201)}"), "q");
    }

    [Fact]
    public async Task The_case_page_shows_the_applicants_answers_with_the_questions_and_choices_by_name()
    {
        var token = Token();
        var scored = await Lodge(await NewPerson($"Answered {token}"), kaztest: true, answers: true);
        var unanswered = await Lodge(await NewPerson($"Unanswered {token}"), kaztest: true);
        var officer = await SignedIn(OfficerEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/language/en?returnUrl=/officer/queue")).StatusCode);

        var questions = await Api.Ok(await (await api.As(scored.Person.Email, Password)).GetAsync("/api/v1/residence/questionnaire"));
        string Title(string name) => questions.EnumerateArray().Single(q => q.GetProperty("name").GetString() == name).GetProperty("title").GetProperty("en").GetString()!;
        string Option(string name, string id) => questions.EnumerateArray().Single(q => q.GetProperty("name").GetString() == name)
            .GetProperty("options").EnumerateArray().Single(o => o.GetProperty("id").GetString() == id).GetProperty("title").GetProperty("en").GetString()!;

        var page = await officer.GetStringAsync($"/officer/cases/{scored.Id}");
        var table = Regex.Match(page, "<table id=\"answers\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, "The case page has no table of answers.");
        var answers = WebUtility.HtmlDecode(table.Groups[1].Value);
        Assert.Matches($"data-input=\"education\"><td>{Regex.Escape(Title("education"))}</td><td>[^<—]+</td>", answers);
        Assert.Matches($"data-input=\"qualification_level\"><td>{Regex.Escape(Title("qualification_level"))}</td><td>{Regex.Escape(Option("qualification_level", "nqf_6_8"))}</td>", answers);
        Assert.Matches($"data-input=\"job_offer\"><td>{Regex.Escape(Title("job_offer"))}</td><td>Yes</td>", answers);
        Assert.Matches($"data-input=\"work_experience_years\"><td>{Regex.Escape(Title("work_experience_years"))}</td><td>8</td>", answers);
        Assert.Matches($"data-input=\"funds_kzt\"><td>{Regex.Escape(Title("funds_kzt"))}</td><td>10,000,000</td>", answers);
        Assert.Matches($"data-input=\"citizenship\"><td>{Regex.Escape(Title("citizenship"))}</td><td>Uzbekistan</td>", answers);
        Assert.DoesNotContain(">nqf_6_8<", answers, StringComparison.Ordinal);
        Assert.DoesNotContain(">master<", answers, StringComparison.Ordinal);
        Assert.DoesNotContain(">true<", answers, StringComparison.Ordinal);

        Assert.Contains("id=\"answers-none\"", await officer.GetStringAsync($"/officer/cases/{unanswered.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interview_time_that_has_passed_is_refused_by_the_API_and_the_page_naming_the_time()
    {
        var token = Token();
        var viaApi = await Lodge(await NewPerson($"PastApi {token}"), kaztest: true, answers: true);
        var viaPage = await Lodge(await NewPerson($"PastPage {token}"), kaztest: true, answers: true);
        var officerApi = await api.As(OfficerEmail);
        foreach (var id in new[] { viaApi.Id, viaPage.Id })
        {
            Assert.Equal("interview", (await Api.Ok(await officerApi.PostAsync($"/api/v1/residence/applications/{id}/checks", null))).GetProperty("stage").GetString());
        }

        // An hour ago is still today, which a day-by-day rule let through.
        var now = factory.Time.GetUtcNow();
        var problem = await Api.BadField(
            await officerApi.PostAsJsonAsync($"/api/v1/residence/applications/{viaApi.Id}/interview", new { at = now.AddHours(-1), place = "Pavlodar, PSC" }), "at");
        Assert.Equal("past-time", problem.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, (await Api.Ok(await officerApi.GetAsync($"/api/v1/residence/applications/{viaApi.Id}"))).GetProperty("interview").ValueKind);
        await Api.Ok(await officerApi.PostAsJsonAsync($"/api/v1/residence/applications/{viaApi.Id}/interview", new { at = now.AddHours(1), place = "Pavlodar, PSC" }));

        var officer = await SignedIn(OfficerEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/language/en?returnUrl=/officer/queue")).StatusCode);
        var form = FormToken(await officer.GetStringAsync($"/officer/cases/{viaPage.Id}"));
        var anHourAgo = Koshi.Policy.LegalClock.LocalTime(now.AddHours(-1)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var refused = await officer.PostAsync($"/officer/cases/{viaPage.Id}?handler=Schedule", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["at"] = anHourAgo, ["place"] = "Pavlodar, PSC", ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-field=\"interview-at\"", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#interview-at\"", page, StringComparison.Ordinal);
        Assert.Contains("The interview time has passed", page, StringComparison.Ordinal);
        Assert.Matches("id=\"interview-at\"[^>]*aria-invalid=\"true\"", page);
        Assert.Contains($"value=\"{anHourAgo}\"", page, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await Api.Ok(await officerApi.GetAsync($"/api/v1/residence/applications/{viaPage.Id}"))).GetProperty("interview").ValueKind);

        var inAnHour = Koshi.Policy.LegalClock.LocalTime(now.AddHours(1)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        var scheduled = await officer.PostAsync($"/officer/cases/{viaPage.Id}?handler=Schedule", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["at"] = inAnHour, ["place"] = "Pavlodar, PSC", ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
    }

    private DateOnly Today => Koshi.Policy.LegalClock.DateOf(factory.Time.GetUtcNow());

    private static string Token() => "t" + Guid.NewGuid().ToString("N")[..10];

    private static long Sequence(string caseNumber) => long.Parse(caseNumber[5..], CultureInfo.InvariantCulture);

    /// <summary>The case numbers of the queue's rows, in order.</summary>
    private static List<string> Rows(string html) =>
        CaseRow().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private sealed record Person(string Email, string Iin);

    private sealed record Case(string Id, string Number, Person Person);

    private async Task<Person> NewPerson(string fullName)
    {
        var n = Interlocked.Increment(ref people);
        var iin = Iins.Make(new DateOnly(1972, 1, 1).AddDays(n * 11), male: n % 2 == 0, serial: 7000 + n * 10 + 1);
        var email = $"queue{n}-{Guid.NewGuid().ToString("N")[..8]}@test.koshi.kz";
        await Api.Ok(await api.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, fullName, iin }), HttpStatusCode.Created);
        return new Person(email, iin);
    }

    private async Task<Case> Lodge(Person person, bool kaztest = false, bool answers = false)
    {
        var client = await api.As(person.Email, Password);
        var created = await Api.Ok(await client.PostAsJsonAsync("/api/v1/residence/applications", new { kind = "permanent-residence", region = Region }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        if (kaztest)
        {
            await Api.Ok(await client.PostAsJsonAsync($"/api/v1/residence/applications/{id}/kaztest",
                new { listeningPercent = 55, readingPercent = 48, takenOn = Today, certificate = "KT-Q" }));
        }

        if (answers)
        {
            var scored = await Api.Ok(await client.PostAsync($"/api/v1/residence/applications/{id}/questionnaire", Api.Body(Answers.Strong().ToJsonString())));
            Assert.Equal("checks", scored.GetProperty("stage").GetString());
        }

        return new Case(id, created.GetProperty("caseNumber").GetString()!, person);
    }

    private async Task<HttpClient> SignedIn(string email, string password = DemoData.Password)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = FormToken(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = form,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
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
