using Bridgeline.Auth;
using Bridgeline.Data;
using Bridgeline.Demo;
using Bridgeline.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bridgeline.Infrastructure;

/// <summary>
/// Gets a database ready to serve: migrations (SQLite by default; PostgreSQL with the migrate
/// command or MigrateOnStart), the first admin login, the bootstrap API key and the demo data.
/// </summary>
public static class Bootstrap
{
    public const string AdminEmail = "admin@bridgeline.local";
    public const string AdminPasswordVariable = "BRIDGELINE_ADMIN_PASSWORD";
    public const string BootstrapKeyVariable = "BRIDGELINE_BOOTSTRAP_API_KEY";

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
        await db.Database.MigrateAsync(ct);
    }

    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<BridgelineOptions>>().Value;
        var config = services.GetRequiredService<IConfiguration>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Bridgeline.Bootstrap");
        if (DatabaseSetup.ShouldMigrateOnStart(options.Database))
        {
            await MigrateAsync(services, ct);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
        var operations = scope.ServiceProvider.GetRequiredService<UserOperations>();

        var firstStart = !await db.Users.AnyAsync(ct);
        if (firstStart)
        {
            var password = config[AdminPasswordVariable];
            var generated = string.IsNullOrEmpty(password);
            if (generated)
            {
                password = options.DemoData ? DemoData.Password : UserOperations.NewPassword();
            }

            await operations.CreateUserAsync(new CreateUserRequest(AdminEmail, "Administrator", Roles.Admin, null, password), Actor.System, ct);
            if (generated && !options.DemoData)
            {
                // Shown once so the installer can sign in; set BRIDGELINE_ADMIN_PASSWORD to choose it instead.
                Console.WriteLine($"Created the admin login {AdminEmail} with the password {password} (shown once; change it after signing in).");
            }
        }

        if (config[BootstrapKeyVariable] is { Length: > 0 } key)
        {
            await operations.EnsureKeyAsync(key, "Bootstrap key (" + BootstrapKeyVariable + ")", Roles.Admin, ct);
        }

        if (options.DemoData && !await db.Customers.AnyAsync(ct))
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct);
            logger.LogInformation("Seeded the demo data.");
        }

    }
}
