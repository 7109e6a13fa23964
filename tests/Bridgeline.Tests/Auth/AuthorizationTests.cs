using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Auth;

public abstract class AuthorizationTests(BridgelineApp app)
{
    [Theory]
    [InlineData("GET", "/api/cases")]
    [InlineData("POST", "/api/cases")]
    [InlineData("GET", "/api/customers")]
    [InlineData("POST", "/api/users")]
    public async Task AnonymousCall_Is401NotARedirect(string method, string url)
    {
        using var response = await app.Anonymous().SendJsonAsync(new HttpMethod(method), url, new { });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UnknownKey_Is401()
    {
        using var response = await app.ClientWithKey("bl_not-a-key").GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Agent_IsRefusedAdminEndpoints()
    {
        var agent = await app.CreateStaffAsync("agent");
        using var createUser = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/users", new { email = "x@y.test", name = "X", role = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, createUser.StatusCode);
        using var keys = await agent.Client.GetAsync("/api/api-keys");
        Assert.Equal(HttpStatusCode.Forbidden, keys.StatusCode);
        using var ownWork = await agent.Client.GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.OK, ownWork.StatusCode);
    }

    [Fact]
    public async Task KeyIssuedToAUser_ActsAsThatUserWithTheirRole()
    {
        var supervisor = await app.CreateStaffAsync("supervisor", team: "Claims");
        var me = await supervisor.Client.GetJsonAsync<JsonElement>("/api/me");
        Assert.Equal(supervisor.Id, me.GetProperty("userId").GetGuid());
        Assert.Equal("supervisor", me.GetProperty("role").GetString());
        Assert.Equal(supervisor.Name, me.GetProperty("name").GetString());
    }

    [Fact]
    public async Task IntegrationKey_CanTakeIntakeButNotStaffWork_AndIsRefusedOnceRevoked()
    {
        var issued = await app.Admin.PostJsonAsync<JsonElement>("/api/api-keys", new { integration = "cti" });
        var cti = app.ClientWithKey(issued.GetProperty("key").GetString()!);

        var customer = await cti.PostJsonAsync<CustomerJson>("/api/customers", new { name = "Caller From CTI", phones = new[] { "+1 212 555 0100" } });
        var created = await cti.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "Inbound call", channel = "phone" });
        using var staffOnly = await cti.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{created.Number}", new { status = "open" });
        Assert.Equal(HttpStatusCode.Forbidden, staffOnly.StatusCode);

        using var revoke = await app.Admin.DeleteAsync($"/api/api-keys/{issued.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var refused = await cti.SendJsonAsync(HttpMethod.Post, "/api/customers", new { name = "Another caller" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task DisabledUser_KeyStopsWorking()
    {
        var agent = await app.CreateStaffAsync("agent");
        using var before = await agent.Client.GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var disable = await app.Admin.SendJsonAsync(HttpMethod.Patch, $"/api/users/{agent.Id}", new { disabled = true });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        using var after = await agent.Client.GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Login_LocksOutAfterRepeatedFailures_UntilAnAdminUnlocks()
    {
        const string password = "the-right-password";
        var agent = await app.CreateStaffAsync("agent", password: password);
        for (var i = 0; i < 5; i++)
        {
            await PostLoginAsync(app.Anonymous(), agent.Email, "wrong-password-" + i);
        }

        var page = await PostLoginAsync(app.Anonymous(), agent.Email, password);
        Assert.Contains("locked", page, StringComparison.OrdinalIgnoreCase);

        using var unlock = await app.Admin.SendJsonAsync(HttpMethod.Patch, $"/api/users/{agent.Id}", new { disabled = false });
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        using var ok = await PostLoginRawAsync(app.Anonymous(), agent.Email, password);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }

    [Fact]
    public async Task Login_WithTheRightPassword_SignsInAndOpensTheDesk()
    {
        const string password = "another-right-password";
        var agent = await app.CreateStaffAsync("agent", password: password);
        using var response = await PostLoginRawAsync(app.Anonymous(), agent.Email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/", (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    private static async Task<string> PostLoginAsync(HttpClient client, string email, string password)
    {
        using var response = await PostLoginRawAsync(client, email, password);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> PostLoginRawAsync(HttpClient client, string email, string password)
    {
        // Read the form's antiforgery token the way a browser would.
        var form = await client.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        });
        return await client.PostAsync("/login", content);
    }
}

public sealed class AuthorizationTestsOnSqlite(SqliteApp app) : AuthorizationTests(app), IClassFixture<SqliteApp>;

public sealed class AuthorizationTestsOnPostgres(PostgresApp app) : AuthorizationTests(app), IClassFixture<PostgresApp>;
