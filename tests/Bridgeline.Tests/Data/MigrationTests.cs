using System.Text.Json;
using Bridgeline.Data;
using Bridgeline.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bridgeline.Tests.Data;

public abstract class MigrationTests(BridgelineApp app)
{
    [Fact]
    public void ModelAndMigrations_Agree()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run scripts/add-migration.sh <Name>.");
        Assert.Empty(db.Database.GetPendingMigrations());
    }

    [Fact]
    public async Task Health_ReportsTheDatabase()
    {
        var health = await app.Anonymous().GetJsonAsync<JsonElement>("/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(app.Provider.ToString().ToLowerInvariant(), health.GetProperty("database").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheContractRoutes()
    {
        var document = await app.Anonymous().GetJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var route in new[]
        {
            "/health", "/api/users", "/api/users/{id}/api-keys", "/api/customers", "/api/customers/{id}", "/api/customers/{id}/timeline",
            "/api/cases", "/api/cases/{number}", "/api/cases/{number}/messages", "/api/cases/{number}/notes", "/api/cases/{number}/calls",
        })
        {
            Assert.Contains(route, paths);
        }
    }

    [Fact]
    public void AuditEntries_CannotBeRewritten()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
        var entry = db.AuditEntries.First();
        entry.Reason = "rewritten";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
    }
}

public sealed class MigrationTestsOnSqlite(SqliteApp app) : MigrationTests(app), IClassFixture<SqliteApp>;

public sealed class MigrationTestsOnPostgres(PostgresApp app) : MigrationTests(app), IClassFixture<PostgresApp>;
