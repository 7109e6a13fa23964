using Bridgeline.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bridgeline.Infrastructure;

/// <summary>Tells whoever started the server where it is and how to sign in.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<IOptions<BridgelineOptions>>().Value;
        var url = addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        Console.WriteLine();
        Console.WriteLine($"Bridgeline is running at {url}  (API reference: {url}/api-docs, OpenAPI: {url}/openapi/v1.json)");
        Console.WriteLine($"Database: {options.Database.Provider}");
        if (options.DemoData)
        {
            Console.WriteLine($"Demo logins (password \"{DemoData.Password}\" unless BRIDGELINE_ADMIN_PASSWORD set the admin's):");
            Console.WriteLine($"  {Bootstrap.AdminEmail,-32} admin");
            foreach (var (email, _, role, team) in DemoData.Staff)
            {
                Console.WriteLine($"  {email,-32} {role}, {team}");
            }
        }

        Console.WriteLine();
    }
}
