namespace Koshi.Web.Reference;

/// <summary>
/// The control digit shared by IIN and BIN: digits 1–11 weighted 1..11, modulo 11; a remainder of 10 is retried with
/// weights 3,4,5,6,7,8,9,10,11,1,2; a second 10 means no valid control digit exists for those eleven digits.
/// </summary>
internal static class KazakhControlDigit
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    /// <summary>The control digit for the first eleven digits, or null when the number cannot be valid.</summary>
    public static int? Compute(ReadOnlySpan<char> digits)
    {
        var first = WeightedRemainder(digits, FirstWeights);
        if (first != 10)
        {
            return first;
        }

        var second = WeightedRemainder(digits, SecondWeights);
        return second == 10 ? null : second;
    }

    public static bool IsTwelveDigits(string? value) =>
        value is { Length: 12 } && value.All(char.IsAsciiDigit);

    private static int WeightedRemainder(ReadOnlySpan<char> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum % 11;
    }
}
