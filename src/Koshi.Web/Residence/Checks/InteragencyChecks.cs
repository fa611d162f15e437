using Koshi.Web.Reference;

namespace Koshi.Web.Residence.Checks;

/// <summary>
/// Who a government register is asked about: by IIN, or for an applicant abroad without one, by passport number,
/// issuing country and date of birth.
/// </summary>
public sealed record CheckSubject(Iin? Iin, string FullName, ResidenceKind Kind)
{
    public string? Passport { get; init; }

    public string? Citizenship { get; init; }

    public DateOnly BirthDate { get; init; }
}

/// <summary>
/// One interagency check (population register, Migration Police, criminal record). The real registers are reached
/// through government channels not available here; <see cref="CheckSimulators"/> stands in for them.
/// </summary>
public interface IInteragencyCheck
{
    CheckKind Kind { get; }

    /// <summary>Asks the register; <paramref name="attempt"/> counts from 1 for this application and check.</summary>
    Task<CheckReply> QueryAsync(CheckSubject subject, int attempt, CancellationToken cancellationToken);
}

public sealed class CheckSimulatorOptions
{
    /// <summary>How long each simulated register takes to answer (0 in tests).</summary>
    public int LatencyMilliseconds { get; set; }

    /// <summary>Waits as long as a simulated system takes to answer.</summary>
    public Task LatencyAsync(TimeProvider time, CancellationToken cancellationToken) =>
        LatencyMilliseconds > 0 ? Task.Delay(TimeSpan.FromMilliseconds(LatencyMilliseconds), time, cancellationToken) : Task.CompletedTask;
}

/// <summary>
/// Deterministic simulators of the three registers, driven by the last serial digit of the IIN (its 11th digit), or
/// for an applicant by passport by the passport number's last digit, so that every behaviour of the real systems can
/// be reproduced on demand:
/// 8 → population register has no record; 5 → population register times out on the first attempt;
/// 7 → Migration Police holds an entry ban; 4 → Migration Police answers "pending" for two hours on the first attempt;
/// 9 → criminal record found; 6 → criminal-record service errors on the first attempt. Any other digit: all clear.
/// </summary>
public static class CheckSimulators
{
    public static int Signal(Iin iin) => iin.Value[10] - '0';

    public static int Signal(CheckSubject subject) =>
        subject.Iin is { } iin ? Signal(iin)
        : subject.Passport?.LastOrDefault(char.IsAsciiDigit) is { } digit and not '\0' ? digit - '0' : 0;

    internal static async Task Latency(CheckSimulatorOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        await options.LatencyAsync(time, cancellationToken);
    }
}

public sealed class PopulationRegisterSimulator(CheckSimulatorOptions options, TimeProvider time) : IInteragencyCheck
{
    public CheckKind Kind => CheckKind.PopulationRegister;

    public async Task<CheckReply> QueryAsync(CheckSubject subject, int attempt, CancellationToken cancellationToken)
    {
        await CheckSimulators.Latency(options, time, cancellationToken);
        if (subject.Iin is null)
        {
            // The register holds people with an IIN only. A person abroad who never had one cannot be in it; their
            // identity is the passport, checked against its holder at the interview and at entry.
            return new CheckReply(CheckStatus.Clear, "Simulated population register: no IIN, so not in the register; identity to be checked against the passport at the interview and at entry.");
        }

        return CheckSimulators.Signal(subject) switch
        {
            8 => new CheckReply(CheckStatus.Hit, "Simulated population register: no person with this IIN."),
            5 when attempt == 1 => new CheckReply(CheckStatus.Error, "Simulated population register: request timed out; try again."),
            _ => new CheckReply(CheckStatus.Clear, "Simulated population register: identity confirmed."),
        };
    }
}

public sealed class MigrationPoliceSimulator(CheckSimulatorOptions options, TimeProvider time) : IInteragencyCheck
{
    public CheckKind Kind => CheckKind.MigrationPolice;

    public async Task<CheckReply> QueryAsync(CheckSubject subject, int attempt, CancellationToken cancellationToken)
    {
        await CheckSimulators.Latency(options, time, cancellationToken);
        // The Migration Police look a foreigner up by passport number, citizenship and date of birth as well as by IIN.
        return CheckSimulators.Signal(subject) switch
        {
            7 => new CheckReply(CheckStatus.Hit, "Simulated Migration Police: entry ban on record."),
            4 when attempt == 1 => new CheckReply(CheckStatus.Pending, "Simulated Migration Police: request queued, answer expected within 2 hours.", time.GetUtcNow().AddHours(2)),
            _ => new CheckReply(CheckStatus.Clear, "Simulated Migration Police: no bans or deportations."),
        };
    }
}

public sealed class CriminalRecordSimulator(CheckSimulatorOptions options, TimeProvider time) : IInteragencyCheck
{
    public CheckKind Kind => CheckKind.CriminalRecord;

    public async Task<CheckReply> QueryAsync(CheckSubject subject, int attempt, CancellationToken cancellationToken)
    {
        await CheckSimulators.Latency(options, time, cancellationToken);
        // By IIN or by passport details: the service answers for convictions in Kazakhstan; records abroad are the
        // certificate from the country of citizenship that the application's documents include.
        return CheckSimulators.Signal(subject) switch
        {
            9 => new CheckReply(CheckStatus.Hit, "Simulated criminal-record service: conviction on record."),
            6 when attempt == 1 => new CheckReply(CheckStatus.Error, "Simulated criminal-record service: HTTP 502 from the upstream system."),
            _ => new CheckReply(CheckStatus.Clear, "Simulated criminal-record service: no record."),
        };
    }
}
