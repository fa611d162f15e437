using Koshi.Web.Platform;

namespace Koshi.Web.Identity;

/// <summary>Roles, then either the demo accounts or, in production, the first administrator with a one-time password.</summary>
internal sealed class IdentityStartup(DemoData demo, AdminBootstrap bootstrap) : IStartupStep
{
    public int Order => 10;

    public async Task RunAsync(bool seedDemo, CancellationToken ct)
    {
        await demo.PrepareAsync(seedDemo, ct);
        if (!seedDemo && await bootstrap.EnsureAdministratorAsync(ct) is { } admin)
        {
            // Printed once, whatever the banner setting: the only copy of this password.
            Console.WriteLine($"First administrator: {admin.Email}  one-time password: {admin.Password}");
        }
    }

    public IEnumerable<string> Banner(bool seedDemo) => seedDemo
        ? [$"Demo users (password {DemoData.Password}):", .. DemoData.Users.Select(u => $"  {u.Role,-10} {u.Email}{(u.Region is null ? string.Empty : " (region " + u.Region + ")")}")]
        : [];
}
