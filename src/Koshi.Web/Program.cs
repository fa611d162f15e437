using Koshi.Web.Agencies;
using Koshi.Web.Analytics;
using Koshi.Web.Audit;
using Koshi.Web.ForeignLabour;
using Koshi.Web.Identity;
using Koshi.Web.Platform;
using Koshi.Web.Reference;
using Koshi.Web.Resettlement;
using Koshi.Web.Residence;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.AddAudit();
builder.AddKoshiIdentity();
builder.AddResidence();
builder.AddForeignLabour();
builder.AddResettlement();
builder.AddAgencies();
builder.AddAnalytics();

var app = builder.Build();

app.UsePlatform();
app.MapPlatform();
app.MapKoshiIdentity();
app.MapReference();
app.MapAudit();
app.MapResidence();
app.MapForeignLabour();
app.MapResettlement();
app.MapAgencies();
app.MapAnalytics();

await app.PrepareDatabaseAsync();
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
