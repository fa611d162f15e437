namespace Koshi.Web.Residence;

/// <summary>The KAZTEST Kazakh A1 rules in force on a date: the minimum per section and the attempts allowed.</summary>
public sealed record KaztestRules(int MinSectionPercent, int MaxAttempts);

public sealed class KaztestAttempt
{
    private KaztestAttempt()
    {
    }

    internal KaztestAttempt(int number, int listening, int reading, DateOnly takenOn, string certificate, KaztestRules rules, DateTimeOffset recordedAt)
    {
        Id = Guid.NewGuid();
        SectionPassPercent = rules.MinSectionPercent;
        AttemptsAllowed = rules.MaxAttempts;
        Passed = listening >= rules.MinSectionPercent && reading >= rules.MinSectionPercent;
        Number = number;
        ListeningPercent = listening;
        ReadingPercent = reading;
        TakenOn = takenOn;
        Certificate = certificate;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public int Number { get; private set; }

    public int ListeningPercent { get; private set; }

    public int ReadingPercent { get; private set; }

    public DateOnly TakenOn { get; private set; }

    public string Certificate { get; private set; } = string.Empty;

    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The minimum per section that applied to this attempt (from the pack).</summary>
    public int SectionPassPercent { get; private set; }

    /// <summary>How many attempts the law allowed when this attempt was recorded (from the pack).</summary>
    public int AttemptsAllowed { get; private set; }

    public bool Passed { get; private set; }
}
