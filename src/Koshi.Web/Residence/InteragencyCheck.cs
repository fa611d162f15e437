namespace Koshi.Web.Residence;

public enum CheckKind
{
    PopulationRegister,
    MigrationPolice,
    CriminalRecord,
}

public enum CheckStatus
{
    NotStarted,
    Pending,
    Error,
    Clear,
    Hit,
}

/// <summary>What a government register answered: clear, a hit (a ground for refusal), still pending, or an error.</summary>
public sealed record CheckReply(CheckStatus Status, string Detail, DateTimeOffset? RetryAfter = null);

public sealed class InteragencyCheck
{
    private InteragencyCheck()
    {
    }

    internal InteragencyCheck(CheckKind kind)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        Status = CheckStatus.NotStarted;
    }

    public Guid Id { get; private set; }

    public CheckKind Kind { get; private set; }

    public CheckStatus Status { get; private set; }

    public string? Detail { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public DateTimeOffset? RetryAfter { get; private set; }

    internal void Record(CheckReply reply, DateTimeOffset now)
    {
        Attempts++;
        Status = reply.Status;
        Detail = reply.Detail;
        AnsweredAt = now;
        RetryAfter = reply.RetryAfter;
    }
}
