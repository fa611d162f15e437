using Koshi.Policy;
using Koshi.Web.Analytics.Lab;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Localisation;
using Koshi.Web.Platform.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Koshi.Web.Analytics.Pages;

/// <summary>The policy lab: choose a scheme or rule set, change its parameters (or upload a reform pack), choose a population,
/// and compare baseline and reform with the fairness report; a long run goes on in the background while the page polls.</summary>
[Authorize(Policy = Policies.PageAnalyst)]
[RequestSizeLimit(256L << 20)]
public sealed class LabModel(LabService lab, TimeProvider time, KoshiDbContext db) : PageModel
{
    public LabService Lab => lab;

    public LabTarget? Target { get; private set; }

    public LabRun? Run { get; private set; }

    public DateOnly AsOf { get; private set; }

    public DateOnly? From { get; private set; }

    public int Count { get; private set; } = 10_000;

    public int Seed { get; private set; } = 1;

    /// <summary>The year of the permit register's fees (a register run of the fee rule set).</summary>
    public int Year { get; private set; }

    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public List<(string Field, string Message)> Errors { get; } = [];

    /// <summary>The analyst's latest kept runs (an administrator's: everyone's).</summary>
    public IReadOnlyList<LabRun> Recent { get; private set; } = [];

    private Actor Actor => Actor.From(User);

    public async Task<IActionResult> OnGetAsync(string? target, Guid? run, CancellationToken ct)
    {
        Recent = await lab.RecentAsync(db, Actor, 10, ct);
        if (run is { } id)
        {
            Run = await lab.FindAsync(db, id, Actor, ct);
            if (Run is null)
            {
                return NotFound();
            }

            Target = Run.Target;
        }
        else
        {
            Target = (target == "round" ? lab.RoundTarget : lab.Target(target)) ?? (lab.Targets.Count > 0 ? lab.Targets[0] : null);
            if (target is not null && target != "round" && lab.Target(target) is null)
            {
                Errors.Add(("target", LabProblems.Say("lab.error.target", Text.Language, string.Join(", ", lab.Targets.Select(t => t.Key)))));
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }

        AsOf = Today;
        Year = Today.Year;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? target, DateOnly? asOf, DateOnly? from, string? source, int? count, int? seed, int? year,
        IFormFile? population, IFormFile? reformPack, CancellationToken ct)
    {
        Recent = await lab.RecentAsync(db, Actor, 10, ct);
        Target = lab.Target(target);
        Year = year ?? Today.Year;
        // A register run reads the law of its year unless a date is given.
        AsOf = asOf ?? (source == "register" ? LabService.RegisterAsOf(year, Today) : Today);
        From = from;
        Count = count ?? Count;
        Seed = seed ?? Seed;
        ReadParameters();

        if (Target is null)
        {
            Errors.Add(("target", LabProblems.Say("lab.error.target", Text.Language, string.Join(", ", lab.Targets.Select(t => t.Key)))));
            Target = lab.Targets.Count > 0 ? lab.Targets[0] : null;
            return Invalid();
        }

        var work = LabService.WorkDirectory();
        var started = false;
        try
        {
            LabPopulation? people;
            if (source == "upload")
            {
                if (population is null || population.Length == 0)
                {
                    Errors.Add(("population", "lab.error.population")); // a text key: the page shows it in its language
                    return Invalid();
                }

                await using var stream = population.OpenReadStream();
                people = lab.Upload(Target, stream, Path.GetFileName(population.FileName), work, Errors);
            }
            else if (source == "register")
            {
                people = await lab.RegisterAsync(db, Target, year, Errors, ct);
            }
            else
            {
                people = lab.Generated(Target, count, seed, Errors);
            }

            var changes = LabService.Changes(Target, Values, From, AsOf, "Changed in the policy lab");
            PolicyPack? reform;
            string description;
            if (reformPack is { Length: > 0 })
            {
                await using var zip = reformPack.OpenReadStream();
                reform = LabService.ReformFromZip(zip, Path.GetFileName(reformPack.FileName), work, Errors);
                description = Path.GetFileName(reformPack.FileName);
                changes = [];
            }
            else
            {
                reform = lab.Reform(changes, Errors);
                description = changes.Count == 0 ? "no change" : string.Join("; ", changes.Select(c => $"{c.Name} = {c.Value} from {c.From:yyyy-MM-dd}"));
            }

            if (Errors.Count > 0 || people is null || reform is null)
            {
                return Invalid();
            }

            Run = await lab.StartAsync(db, Actor, Target, reform, description, changes, people, AsOf, work, ct);
            started = true;
            await Task.WhenAny(Run.Job, Task.Delay(LabService.InlineWait, ct));
            return LocalRedirect($"/analytics/lab?run={Run.Id}");
        }
        finally
        {
            if (!started)
            {
                LabService.DeleteQuietly(work);
            }
        }
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid run, CancellationToken ct)
    {
        // Only the analyst's own running run (an administrator's: any) is cancelled; the page then says how it stands.
        await lab.CancelAsync(db, run, Actor, ct);
        return LocalRedirect($"/analytics/lab?run={run}");
    }

    /// <summary>The round simulation's form: a pool (live, as the last round found it, or an uploaded pool file), seats and assessment parameters.</summary>
    public string Region { get; private set; } = "KZ-71";

    public string Pool { get; private set; } = "cat3";

    public string PoolSource { get; private set; } = "live";

    public int? Seats { get; private set; }

    public async Task<IActionResult> OnPostRoundAsync(string? region, string? pool, string? poolSource, int? seats, DateOnly? from, IFormFile? poolFile,
        [FromServices] Koshi.Web.ForeignLabour.AllocationRoundService rounds, CancellationToken ct)
    {
        Recent = await lab.RecentAsync(db, Actor, 10, ct);
        Target = lab.RoundTarget;
        AsOf = Today;
        From = from;
        Region = region ?? Region;
        Pool = pool ?? Pool;
        PoolSource = poolSource ?? PoolSource;
        Seats = seats;
        ReadParameters();

        Koshi.Web.ForeignLabour.PoolFile? file = null;
        if (PoolSource == "file")
        {
            if (poolFile is not { Length: > 0 })
            {
                Errors.Add(("poolFile", "lab.error.pool-file")); // a text key: the page shows it in its language
                return Invalid();
            }

            try
            {
                await using var stream = poolFile.OpenReadStream();
                file = await System.Text.Json.JsonSerializer.DeserializeAsync<Koshi.Web.ForeignLabour.PoolFile>(stream, LabService.Json, ct);
            }
            catch (System.Text.Json.JsonException ex)
            {
                Errors.Add(("poolFile", LabProblems.Say("lab.problem.pool-file.bad", Text.Language, Path.GetFileName(poolFile.FileName), (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1, ex.Path ?? "$")));
                return Invalid();
            }
        }

        Run = await lab.SimulateRoundAsync(db, rounds, Actor, new LabRoundRequest(region, pool, PoolSource, seats, from, new(Values), file), Errors, ct);
        return Run is null ? Invalid() : LocalRedirect($"/analytics/lab?run={Run.Id}");
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid run, CancellationToken ct) => await lab.FindAsync(db, run, Actor, ct) is { Status: LabStatus.Done } found
        ? File(LabExport.Csv(found), "text/csv; charset=utf-8", $"koshi-lab-{found.Id:N}.csv")
        : NotFound();

    public async Task<IActionResult> OnGetParquetAsync(Guid run, CancellationToken ct) => await lab.FindAsync(db, run, Actor, ct) is { Status: LabStatus.Done } found
        ? File(LabExport.Parquet(found), "application/vnd.apache.parquet", $"koshi-lab-{found.Id:N}.parquet")
        : NotFound();

    /// <summary>A group's name in the page's language: the scheme's title for a value of one of its enum inputs (sex), else the value.</summary>
    public string GroupTitle(string attribute, string value, string language)
    {
        if (Run?.Target is { Kind: "scheme" } t && lab.Pack.TryGetScheme(t.Id, out var scheme)
            && scheme.Inputs.FirstOrDefault(i => i.Name == attribute)?.Values.FirstOrDefault(v => v.Id == value) is { } known)
        {
            return known.Title.For(language);
        }

        return value;
    }

    /// <summary>A register run's group (sector group, category or permit type) by the fee rule set's own title for it, else the value.</summary>
    public string FeeGroupTitle(string value, string language) =>
        lab.Pack.RuleSets.FirstOrDefault(r => r.Id == LabService.FeeRuleSet) is { } rules
        && rules.Inputs.Where(i => i.Name is "sector_group" or "category" or "permit_type").SelectMany(i => i.Values).FirstOrDefault(v => v.Id == value) is { } known
            ? known.Title.For(language)
            : value;

    /// <summary>The value shown in a parameter's field: what the analyst typed, else the value in force on the date.</summary>
    public string Value(ParameterDefinition parameter) => Values.TryGetValue(parameter.Name, out var typed) && typed is not null
        ? typed
        : parameter.ValueOn(AsOf)?.Display ?? string.Empty;

    /// <summary>The posted parameter values: a field named <c>parameters.&lt;name&gt;</c>, as the API names them.</summary>
    private void ReadParameters()
    {
        foreach (var (key, value) in Request.Form.Where(f => f.Key.StartsWith(LabService.ParameterField, StringComparison.Ordinal)))
        {
            Values[key[LabService.ParameterField.Length..]] = value.ToString();
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
