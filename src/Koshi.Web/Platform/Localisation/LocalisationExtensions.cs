using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Koshi.Web.Platform.Localisation;

public static class LocalisationExtensions
{
    public static readonly CultureInfo[] Cultures = [new("kk-KZ"), new("ru-RU"), new("en-GB")];

    public static WebApplicationBuilder AddLocalisation(this WebApplicationBuilder builder)
    {
        // IStringLocalizer<T> and IStringLocalizerFactory read the merged catalogue (registered before AddLocalization,
        // whose resource-manager factory it then leaves out); the pages' Text reads through it.
        builder.Services.AddSingleton<IStringLocalizerFactory, CatalogueStringLocalizerFactory>();
        builder.Services.AddLocalization();
        builder.Services.AddSingleton(services => new Text(services.GetRequiredService<IStringLocalizer<Text>>()));
        builder.Services.AddSingleton<LawText>();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("kk-KZ");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CustomRequestCultureProvider(ApiCulture),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>
    /// The API speaks the language of Accept-Language (kk, ru or en) and English when the client names none of them; the
    /// pages' cookie and their Kazakh default are for people in a browser, not for programs.
    /// </summary>
    private static Task<ProviderCultureResult?> ApiCulture(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult<ProviderCultureResult?>(null);
        }

        foreach (var language in http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var code = language.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == code) is { } culture)
            {
                return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture.Name));
            }
        }

        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult("en-GB"));
    }

    /// <summary>GET /language/{lang}?returnUrl=…: remembers the language in a cookie and goes back.</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/language/{lang}", (string lang, string? returnUrl, HttpContext http) =>
        {
            var culture = Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == lang) ?? Cultures[0];
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return app;
    }
}
