using System.Net;
using System.Text.RegularExpressions;
using Bridgeline.Data;
using Bridgeline.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bridgeline.Tests.Auth;

/// <summary>Two server nodes on one PostgreSQL, as behind a load balancer.</summary>
public sealed partial class MultiNodeTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task SignInOnOneNode_IsHonouredByTheOther()
    {
        const string password = "two-nodes-one-login";
        var agent = await app.CreateStaffAsync("agent", password: password);
        await using var second = app.AnotherNode();

        // Sign in on the first node and carry its cookie to the second by hand, as a browser would.
        var first = app.Anonymous();
        var form = await first.GetStringAsync("/login");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["Form.Email"] = agent.Email,
            ["Form.Password"] = password,
        });
        using var signedIn = await first.PostAsync("/login", content);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal)).Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        using var me = await second.Anonymous().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains(agent.Id.ToString(), await me.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The key ring is in the database, not in a folder of one machine.
        await using var scope = second.Services.CreateAsyncScope();
        Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<BridgelineDb>().DataProtectionKeys.ToListAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
