using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Koshi.Web.Residence.Scoring;

/// <summary>Whether residence cases can be scored: a pack may load yet lack what the residence scheme needs.</summary>
internal sealed class ResidenceScoringHealthCheck(IResidenceScoring scoring) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(scoring is UnavailableResidenceScoring unavailable
            ? HealthCheckResult.Degraded("Scoring unavailable: " + unavailable.Reason)
            : HealthCheckResult.Healthy("Scheme of policy pack " + scoring.PackHash));
}
