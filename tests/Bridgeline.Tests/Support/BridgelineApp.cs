using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bridgeline.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Bridgeline.Tests.Support;

/// <summary>
/// The real server, in-process, on a fresh database of one provider, with a clock the test moves.
/// Tests talk to it over HTTP with API keys, exactly as an integration would.
/// </summary>
public abstract class BridgelineApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string AdminPassword = "test-admin-password";

    public static readonly JsonSerializerOptions Json = CreateJson();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 18, 9, 0, 0, TimeSpan.Zero));

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Whether the server seeds the demo floor (staff, customers, cases of the stories) on start.</summary>
    protected virtual bool SeedDemoData => false;

    protected string ConnectionString { get; set; } = "";

    public HttpClient Admin => ClientWithKey(AdminKey);

    public virtual async Task InitializeAsync()
    {
        ConnectionString = Provider == DatabaseProvider.Postgres ? await TestDatabases.NewPostgresAsync() : TestDatabases.NewSqlite();
        _ = Server; // start now, so the first test does not pay for it
    }

    /// <summary>A second server process on the same database, as in a deployment of several nodes.</summary>
    public BridgelineApp AnotherNode() => new SharedDatabaseApp(Provider, ConnectionString, Clock);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Provider == DatabaseProvider.Postgres)
        {
            await TestDatabases.DropPostgresAsync(ConnectionString);
        }
        else
        {
            TestDatabases.DeleteSqlite(ConnectionString);
        }
    }

    /// <summary>Where clients send requests: the in-memory server, or a real socket when a subclass serves on one.</summary>
    protected virtual Uri ClientBaseAddress => new("http://localhost");

    public HttpClient ClientWithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientBaseAddress });

    /// <summary>Creates a staff user through the admin API and returns a key that acts as them.</summary>
    public async Task<Staff> CreateStaffAsync(string role, string team = "Tier 1", string? name = null, string? password = null)
    {
        name ??= $"{role} {Guid.NewGuid().ToString("N")[..6]}";
        var email = $"{Guid.NewGuid():N}@staff.test";
        var user = await Admin.PostJsonAsync<JsonElement>("/api/users", new { email, name, role, team, password });
        var id = user.GetProperty("id").GetGuid();
        var key = await Admin.PostJsonAsync<JsonElement>($"/api/users/{id}/api-keys", new { name = "test" });
        return new Staff(id, name, email, key.GetProperty("key").GetString()!, ClientWithKey(key.GetProperty("key").GetString()!));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Bridgeline:Database:Provider", Provider.ToString());
        builder.UseSetting("Bridgeline:Database:ConnectionString", ConnectionString);
        builder.UseSetting("Bridgeline:Database:MigrateOnStart", "true");
        builder.UseSetting("Bridgeline:DemoData", SeedDemoData ? "true" : "false");
        builder.UseSetting(Bootstrap.BootstrapKeyVariable, AdminKey);
        builder.UseSetting(Bootstrap.AdminPasswordVariable, AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}

public sealed record Staff(Guid Id, string Name, string Email, string Key, HttpClient Client);

/// <summary>Another node on a database owned by someone else: it neither creates nor drops it.</summary>
internal sealed class SharedDatabaseApp : BridgelineApp
{
    public SharedDatabaseApp(DatabaseProvider provider, string connectionString, FakeTimeProvider clock)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Clock.SetUtcNow(clock.GetUtcNow());
    }

    public override DatabaseProvider Provider { get; }
}

public sealed class SqliteApp : BridgelineApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApp : BridgelineApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public static class HttpJson
{
    public static async Task<T> PostJsonAsync<T>(this HttpClient client, string url, object body, string? idempotencyKey = null)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, url, body, idempotencyKey);
        return await response.ReadAsync<T>();
    }

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: BridgelineApp.Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await response.ReadAsync<T>();
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        }

        return JsonSerializer.Deserialize<T>(text, BridgelineApp.Json)!;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
}
