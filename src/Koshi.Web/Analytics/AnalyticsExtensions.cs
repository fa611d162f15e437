namespace Koshi.Web.Analytics;

/// <summary>The ministry's analytics: the dashboard, the residence statistics page, exports and the data dictionary.</summary>
public static class AnalyticsExtensions
{
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AnalyticsQuery>();
        builder.Services.AddSingleton<Lab.LabService>();
        return builder;
    }

    public static WebApplication MapAnalytics(this WebApplication app)
    {
        app.MapAnalyticsApi();
        Lab.LabEndpoints.MapLabApi(app);
        return app;
    }
}
