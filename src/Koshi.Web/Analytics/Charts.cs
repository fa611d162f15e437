using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Koshi.Web.Analytics;

/// <summary>
/// Server-rendered SVG charts: no script, no inline style (the CSP forbids both), colours from site.css classes.
/// Every value drawn is also written as text with class "v", in the same form as the chart's table beside it.
/// </summary>
public static class Charts
{
    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) : "—";

    public static string Number(decimal? value) => value is { } v ? v.ToString("#,0.#", CultureInfo.CurrentCulture) : "—";

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Two series over years on a 0–100 % scale: the actual share (solid) and the target path (dashed).</summary>
    public static IHtmlContent Line(string id, string title, IReadOnlyList<(int Year, decimal? Actual, decimal? Target)> points, string actualLabel, string targetLabel)
    {
        const double width = 640, height = 260, left = 40, right = 20, top = 20, bottom = 40;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\"><title id=\"{id}-title\">{E(title)}</title>");
        double X(int i) => left + (points.Count <= 1 ? 0 : i * (width - left - right) / (points.Count - 1));
        double Y(decimal v) => top + (double)(100 - v) * (height - top - bottom) / 100;
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(Y(tick))}\" y2=\"{F(Y(tick))}\"/><text class=\"axis\" x=\"{left - 6}\" y=\"{F(Y(tick) + 4)}\" text-anchor=\"end\">{tick}</text>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{F(X(i))}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\">{points[i].Year}</text>");
        }

        void Series(string css, Func<(int Year, decimal? Actual, decimal? Target), decimal?> value, string label)
        {
            var drawn = points.Select((p, i) => (i, v: value(p))).Where(p => p.v is not null).ToList();
            if (drawn.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{css}\" points=\"{string.Join(' ', drawn.Select(p => $"{F(X(p.i))},{F(Y(p.v!.Value))}"))}\"/>");
            }

            foreach (var (i, v) in drawn)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"{css}\" cx=\"{F(X(i))}\" cy=\"{F(Y(v!.Value))}\" r=\"3\"><title>{E(label)} {points[i].Year}: {Percent(v)} %</title></circle>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"v {css}\" x=\"{F(X(i))}\" y=\"{F(Y(v!.Value) - 7)}\" text-anchor=\"middle\">{Percent(v)}</text>");
            }
        }

        Series("target", p => p.Target, targetLabel);
        Series("actual", p => p.Actual, actualLabel);
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"actual\" x=\"{left}\" y=\"{height - 14}\" width=\"10\" height=\"4\"/><text class=\"axis\" x=\"{left + 14}\" y=\"{height - 8}\">{E(actualLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"target\" x=\"{left + 220}\" y=\"{height - 14}\" width=\"10\" height=\"4\"/><text class=\"axis\" x=\"{left + 234}\" y=\"{height - 8}\">{E(targetLabel)}</text>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>Horizontal bars, one per label, scaled to the largest value (or to <paramref name="max"/>).</summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<(string Label, decimal Value)> bars, Func<decimal?, string> format, decimal? max = null)
    {
        const double width = 640, labelWidth = 200, valueWidth = 70, row = 24;
        var height = Math.Max(row, bars.Count * row) + 8;
        var top = max ?? (bars.Count == 0 ? 1 : Math.Max(1, bars.Max(b => b.Value)));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" viewBox=\"0 0 {width} {F(height)}\" role=\"img\" aria-labelledby=\"{id}-title\"><title id=\"{id}-title\">{E(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 4 + i * row;
            var length = (double)(Math.Max(0, value) / top) * (width - labelWidth - valueWidth);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{labelWidth - 6}\" y=\"{F(y + 16)}\" text-anchor=\"end\">{E(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{F(y + 3)}\" width=\"{F(length)}\" height=\"{row - 6}\"><title>{E(label)}: {format(value)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"v\" x=\"{F(labelWidth + length + 4)}\" y=\"{F(y + 16)}\">{format(value)}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>The class of a heat-table cell: five steps of use, so a full or empty allocation stands out.</summary>
    public static string Heat(decimal? percent) => percent switch
    {
        null => "heat-none",
        < 20 => "heat-0",
        < 50 => "heat-1",
        < 80 => "heat-2",
        < 100 => "heat-3",
        _ => "heat-4",
    };
}
