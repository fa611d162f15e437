using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;

namespace Koshi.Web.Platform;

/// <summary>
/// One page of a list: <c>page</c> from 1 and <c>pageSize</c> up to a bound. The API keeps its lists plain JSON arrays and
/// says the rest in headers: the total in X-Total-Count and the next page in Link (rel="next"), so no caller is cut off
/// without knowing it.
/// </summary>
public readonly record struct Paging(int Number, int Size)
{
    public const int DefaultSize = 100;
    public const int MaxSize = 500;

    public int Skip => (Number - 1) * Size;

    /// <summary>Reads page and pageSize, adding a field error for values out of range.</summary>
    public static Paging Read(int? page, int? pageSize, List<(string Field, string Message)> errors, int defaultSize = DefaultSize)
    {
        if (page is < 1 or > 1_000_000)
        {
            errors.Add(("page", "A page number from 1 to 1,000,000."));
        }

        if (pageSize is < 1 or > MaxSize)
        {
            errors.Add(("pageSize", $"From 1 to {MaxSize} a page."));
        }

        return new Paging(page is >= 1 and <= 1_000_000 ? page.Value : 1, pageSize is >= 1 and <= MaxSize ? pageSize.Value : defaultSize);
    }

    /// <summary>For pages: out-of-range values fall back to the first page and the default size.</summary>
    public static Paging ForPage(int? page, int? pageSize, int defaultSize = DefaultSize) => Read(page, pageSize, [], defaultSize);

    public bool HasNext(int total) => (long)Number * Size < total;

    public int Pages(int total) => Math.Max(1, (int)((total + (long)Size - 1) / Size));

    /// <summary>Writes X-Total-Count and, when there is more, a Link to the next page with the same filters.</summary>
    public void WriteHeaders(HttpContext http, int total)
    {
        http.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        if (HasNext(total))
        {
            http.Response.Headers.Link = $"<{Link(http.Request, Number + 1)}>; rel=\"next\"";
        }
    }

    /// <summary>The current address with another page number (filters kept).</summary>
    public string Link(HttpRequest request, int number)
    {
        var query = new QueryBuilder(request.Query.Where(q => q.Key is not ("page" or "pageSize"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))))
        {
            { "page", number.ToString(CultureInfo.InvariantCulture) },
            { "pageSize", Size.ToString(CultureInfo.InvariantCulture) },
        };
        return $"{request.PathBase}{request.Path}{query}";
    }
}

/// <summary>What a page's pager shows: where it is and the links to the pages beside it.</summary>
public sealed record PagerView(int Number, int Pages, int Total, string? PreviousUrl, string? NextUrl)
{
    public static PagerView For(Paging paging, int total, HttpRequest request) => new(
        paging.Number, paging.Pages(total), total,
        paging.Number > 1 ? paging.Link(request, paging.Number - 1) : null,
        paging.HasNext(total) ? paging.Link(request, paging.Number + 1) : null);
}
