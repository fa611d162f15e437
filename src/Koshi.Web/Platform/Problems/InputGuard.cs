using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Koshi.Web.Platform.Problems;

/// <summary>
/// One rule for every text a client sends, before any endpoint or page sees it: no NUL characters (PostgreSQL cannot
/// store them, and no field of a person or a permit has one), no lone UTF-16 surrogates, and in JSON no property given
/// twice (which value wins would otherwise depend on the reader). Query strings, form fields and JSON bodies are
/// checked; a violation is a 400 problem naming the field.
/// </summary>
public static class InputGuard
{
    public static IApplicationBuilder UseInputGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (key, values) in context.Request.Query)
            {
                Check(key, values, errors);
            }

            if (context.Request.HasFormContentType && HasBody(context.Request))
            {
                IFormCollection form;
                try
                {
                    form = await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (InvalidDataException)
                {
                    errors["body"] = ["The form could not be read."];
                    form = FormCollection.Empty;
                }

                foreach (var (key, values) in form)
                {
                    Check(key, values, errors);
                }
            }
            else if (IsJson(context.Request) && HasBody(context.Request) && errors.Count == 0)
            {
                context.Request.EnableBuffering();
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                context.Request.Body.Position = 0;
                if (CheckJson(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } error)
                {
                    errors[error.Field] = [error.Message];
                }
            }

            if (errors.Count == 0)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request has invalid fields.",
                    Extensions = { ["errors"] = errors },
                },
            });
        });

    /// <summary>Why a text cannot be accepted, or null.</summary>
    public static string? Problem(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "The text contains a NUL character.";
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return "The text contains an unpaired UTF-16 surrogate.";
            }
        }

        return null;
    }

    /// <summary>Checks a JSON document: readable, no duplicate property in an object, no NUL or lone surrogate in any string.</summary>
    public static (string Field, string Message)? CheckJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var path = new List<(HashSet<string>? Names, string Segment, int Index)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var segment = property ?? ItemSegment(path);
                        CountItem(path);
                        path.Add((reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null, segment, 0));
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        property = reader.GetString()!;
                        if (Problem(property) is { } nameProblem)
                        {
                            return (Field(path, "body"), nameProblem);
                        }

                        if (!path[^1].Names!.Add(property))
                        {
                            return (Field(path, property), "This field is given more than once.");
                        }

                        break;
                    case JsonTokenType.String:
                        var field = Field(path, property ?? ItemSegment(path));
                        if (Problem(reader.GetString()) is { } valueProblem)
                        {
                            return (field, valueProblem);
                        }

                        CountItem(path);
                        property = null;
                        break;
                    default:
                        CountItem(path);
                        property = null;
                        break;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString refuses escapes that are not valid UTF-16 (a lone surrogate).
            return (Field(path, property ?? ItemSegment(path)), "The text contains an unpaired UTF-16 surrogate.");
        }
        catch (JsonException)
        {
            return (Field(path, property ?? "body"), "The JSON could not be read.");
        }

        return null;
    }

    private static void Check(string key, Microsoft.Extensions.Primitives.StringValues values, Dictionary<string, string[]> errors)
    {
        if (Problem(key) is { } keyProblem)
        {
            errors["query"] = [keyProblem];
            return;
        }

        foreach (var value in values)
        {
            if (Problem(value) is { } problem)
            {
                errors[key] = [problem];
                return;
            }
        }
    }

    /// <summary>Counts array items so a value inside an array is named by its index (e.g. kazakhStaff[2]).</summary>
    private static void CountItem(List<(HashSet<string>? Names, string Segment, int Index)> path)
    {
        if (path.Count > 0 && path[^1].Names is null)
        {
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
        }
    }

    private static string ItemSegment(List<(HashSet<string>? Names, string Segment, int Index)> path) =>
        path.Count > 0 && path[^1].Names is null ? $"[{path[^1].Index}]" : string.Empty;

    private static string Field(List<(HashSet<string>? Names, string Segment, int Index)> path, string last)
    {
        var text = new StringBuilder();
        foreach (var segment in path.Skip(1).Select(p => p.Segment).Append(last))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            if (text.Length > 0 && !segment.StartsWith('['))
            {
                text.Append('.');
            }

            text.Append(segment);
        }

        return text.Length == 0 ? "body" : text.ToString();
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
}
