using System.Numerics;

namespace Koshi.Policy.Expressions;

/// <summary>What compiled expressions call at run time. Dates travel as day numbers (<see cref="DateOnly.DayNumber"/>).</summary>
internal static class Runtime
{
    /// <summary>Whole years from <paramref name="from"/> to <paramref name="to"/>; a 29 February birthday falls on 1 March in other years.</summary>
    public static long YearsBetween(long from, long to)
    {
        if (to < from)
        {
            return -YearsBetween(to, from);
        }

        DateOnly.FromDayNumber((int)from).Deconstruct(out var fromYear, out var fromMonth, out var fromDay);
        DateOnly.FromDayNumber((int)to).Deconstruct(out var toYear, out var toMonth, out var toDay);
        if (fromMonth == 2 && fromDay == 29 && !DateTime.IsLeapYear(toYear))
        {
            (fromMonth, fromDay) = (3, 1);
        }

        return toYear - fromYear - (toMonth < fromMonth || (toMonth == fromMonth && toDay < fromDay) ? 1 : 0);
    }

    public static long MonthsBetween(long from, long to)
    {
        var a = DateOnly.FromDayNumber((int)from);
        var b = DateOnly.FromDayNumber((int)to);
        if (b < a)
        {
            return -MonthsBetween(to, from);
        }

        var months = ((b.Year - a.Year) * 12) + b.Month - a.Month;
        if (b.Day < a.Day && !(b.Day == DateTime.DaysInMonth(b.Year, b.Month)))
        {
            months--;
        }

        return months;
    }

    public static long AddDays(long day, long n) => Checked(day + n);

    public static long AddMonths(long day, long n) => DateOnly.FromDayNumber((int)day).AddMonths(checked((int)n)).DayNumber;

    public static long AddYears(long day, long n) => DateOnly.FromDayNumber((int)day).AddYears(checked((int)n)).DayNumber;

    public static long Year(long day) => DateOnly.FromDayNumber((int)day).Year;

    public static long Month(long day) => DateOnly.FromDayNumber((int)day).Month;

    public static long Day(long day) => DateOnly.FromDayNumber((int)day).Day;

    public static long RoundToWhole(decimal x, MidpointRounding mode) => checked((long)Math.Round(x, 0, mode));

    public static decimal Round(decimal x, long digits, MidpointRounding mode)
        => digits is < 0 or > 28 ? throw new PolicyEvaluationException($"round() takes 0 to 28 digits, not {digits}") : Math.Round(x, (int)digits, mode);

    public static long Floor(decimal x) => checked((long)Math.Floor(x));

    public static long Ceiling(decimal x) => checked((long)Math.Ceiling(x));

    public static long Count(long mask) => BitOperations.PopCount((ulong)mask);

    public static decimal Divide(decimal a, decimal b)
        => b == 0 ? throw new PolicyEvaluationException("division by zero") : a / b;

    private static long Checked(long day)
        => day < DateOnly.MinValue.DayNumber || day > DateOnly.MaxValue.DayNumber
            ? throw new PolicyEvaluationException("date out of range")
            : day;
}
