namespace Koshi.Policy;

/// <summary>
/// Kazakhstan's legal calendar: the date an instant falls on in Astana. Deadlines, lodgement dates and "today" are
/// dates in the country's time, not in UTC; 02:00 in Astana is already the next day while UTC still shows the last.
/// </summary>
public sealed class LegalClock(TimeProvider time)
{
    /// <summary>
    /// The country's single time zone, UTC+5 since 1 March 2024 (a Government decree moved the eastern regions from
    /// UTC+6 so the whole country keeps one time). The tz database's Asia/Almaty carries that change from tzdata 2024a on; a machine with older
    /// tzdata still says UTC+6, so we take Asia/Almaty only when it knows the change and otherwise a fixed UTC+5.
    /// </summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    public TimeProvider Time => time;

    /// <summary>Today's date in Kazakhstan.</summary>
    public DateOnly Today => DateOf(time.GetUtcNow());

    /// <summary>The date in Kazakhstan at an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant on Kazakhstan's clock (what people there read on the wall).</summary>
    public static DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    private static TimeZoneInfo FindZone()
    {
        var utcPlus5 = TimeSpan.FromHours(5);
        try
        {
            var almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");
            if (almaty.GetUtcOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) == utcPlus5)
            {
                return almaty;
            }
        }
        catch (TimeZoneNotFoundException)
        {
        }
        catch (InvalidTimeZoneException)
        {
        }

        return TimeZoneInfo.CreateCustomTimeZone("Asia/Almaty (UTC+5)", utcPlus5, "Kazakhstan (UTC+5)", "Kazakhstan (UTC+5)");
    }
}
