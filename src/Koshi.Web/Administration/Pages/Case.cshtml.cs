using Koshi.Web.Audit;
using Koshi.Web.Identity;
using Koshi.Web.Platform.Storage;
using Koshi.Web.Residence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Koshi.Web.Administration.Pages;

/// <summary>Any application read by the administrator: every stage as recorded, the decision and its letter, and its audit entries.</summary>
[Authorize(Policy = Policies.PageAdmin)]
public sealed class CaseModel(ResidenceService service, KoshiDbContext db) : PageModel
{
    public ResidenceApplication Application { get; private set; } = null!;

    public ScoreView? Score { get; private set; }

    public DateOnly Today => service.Today;

    public IReadOnlyDictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition> InputDefinitions { get; private set; } =
        new Dictionary<string, Koshi.Web.Residence.Scoring.QuestionDefinition>();

    public List<AuditEntry> Trail { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var application = await service.FindAsync(id, Actor.From(User), ct);
        if (application is null)
        {
            return NotFound();
        }

        Application = application;
        Score = application.Score is null ? null : ScoreView.From(service.Explain(application.Score.ExplanationJson));
        InputDefinitions = service.InputDefinitions();
        var key = id.ToString();
        Trail = await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == key).OrderBy(e => e.Id).Take(200).ToListAsync(ct);
        return Page();
    }
}
