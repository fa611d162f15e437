using Koshi.Policy.Compilation;

namespace Koshi.Policy.Schemes;

/// <summary>Scores one case (row) of a batch into <c>output[offset…]</c>; see <see cref="ResultLayout"/>.</summary>
internal delegate void SchemeKernel(CaseBatch batch, int row, long asOfDay, long[] output, int offset);

/// <summary>Scores rows <c>start</c> to <c>end</c> of a batch keeping only what population runs need: points per criterion,
/// total and status, at index <c>row - rowBase</c>. <c>cursor[0]</c> holds the row being scored, so a caller can skip a
/// row the law cannot be applied to and go on.</summary>
internal delegate void ScoresKernel(CaseBatch batch, int start, int end, long asOfDay, int rowBase, int[] points, int[] totals, byte[] status, int[] cursor);

/// <summary>Where a kernel writes: a header, one slot per gate, four per criterion (of every version of the scheme).</summary>
internal sealed class ResultLayout(List<string> gates, List<string> criteria, List<string> groups, List<string> applications)
{
    /// <summary>Slots per criterion: points, raw points, indicator, row, points after its own cap, parameters read.</summary>
    public const int PerCriterion = 6;

    public const int LawDay = 0;
    public const int Total = 1;
    public const int Status = 2;
    public const int PassMark = 3;
    public const int Version = 4;
    public const int BeforeMaxTotal = 5;
    public const int Header = 6;

    public const long Passed = 0;
    public const long FailedGate = 1;
    public const long FailedScore = 2;

    /// <summary>Row slot values that are not a row index.</summary>
    public const long NoRow = -1;
    public const long NotApplicable = -2;
    public const long NotInVersion = -3;

    public List<string> Gates { get; } = gates;
    public List<string> Criteria { get; } = criteria;
    public List<string> Groups { get; } = groups;
    public List<string> Applications { get; } = applications;
    public int Stride => Header + Gates.Count + (PerCriterion * Criteria.Count) + Groups.Count + Applications.Count;

    /// <summary>The matched row of one application of a for-each criterion's table.</summary>
    public int Application(string criterion, int k) => Header + Gates.Count + (PerCriterion * Criteria.Count) + Groups.Count + Applications.IndexOf($"{criterion}#{k}");

    public static int Gate(int g) => Header + g;

    public int Points(int c) => Header + Gates.Count + (PerCriterion * c);

    public int OwnCapped(int c) => Points(c) + 4;

    /// <summary>Bits of the criterion's own parameter reads that this case reached (see <see cref="CompiledVersion.DirectParameters"/>).</summary>
    public int Used(int c) => Points(c) + 5;

    /// <summary>A group's cap for the case (it may be an expression).</summary>
    public int GroupCap(int g) => Header + Gates.Count + (PerCriterion * Criteria.Count) + g;

    public int Raw(int c) => Points(c) + 1;

    public int Indicator(int c) => Points(c) + 2;

    public int Row(int c) => Points(c) + 3;
}

/// <summary>What the explanation needs to know about one compiled version, beyond the numbers the kernel writes.</summary>
internal sealed class CompiledVersion
{
    public required SchemeDefinition Definition { get; init; }
    public required Dictionary<string, int[]> CriterionParameters { get; init; }
    public required Dictionary<string, int[]> GateParameters { get; init; }
    public required Dictionary<string, int[]> GroupParameters { get; init; }

    /// <summary>Per criterion, the parameters its own expressions read, in the order of the bits of its Used slot; a
    /// parameter listed here is explained only when the case's branches reached it.</summary>
    public required Dictionary<string, int[]> DirectParameters { get; init; }
    public required int[] PassParameters { get; init; }

    /// <summary>The version's derived values for one case (for the explanation), compiled on first use.</summary>
    public Lazy<DerivedKernel>? Derived { get; init; }
}

/// <summary>Computes a version's derived values for one row, in the order the version declares them.</summary>
internal delegate object[] DerivedKernel(CaseBatch batch, int row, long asOfDay, long lawDay);
