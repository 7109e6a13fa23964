using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bridgeline.Tests.Customers;

public sealed record MatchJson(Guid Id, string Name, double Score, List<string> MatchedOn, List<string> Phones, List<string> Emails, List<MatchedReferenceJson> MatchedReferences);

public sealed record MatchedReferenceJson(string Kind, string Number, string? OrderNumber);

public sealed record CreatedCustomerJson(Guid Id, string Name, List<string> Phones, List<MatchJson> Duplicates);

public sealed record CallerJson(string Number, string Status, MatchJson? Customer, List<MatchJson> Candidates, string Label);

public abstract class CustomerMatchingApiTests(BridgelineApp app)
{
    private static int surnames;

    /// <summary>
    /// A surname no other test's customer shares a search key with, so parallel tests on one database do not see each
    /// other's customers. Built, not drawn at random: consonant, vowel, consonant, "o", consonant, "ix" ("Bamobix").
    /// The consonants have ten different sounds and vowels never stand next to each other, so each surname has its own
    /// token, its own first three letters and its own sound key; none begins like a first name these tests use.
    /// </summary>
    private static string Surname()
    {
        const string consonants = "bdfklmnrsj";
        const string vowels = "aeiy";
        var n = Interlocked.Increment(ref surnames) % (consonants.Length * consonants.Length * vowels.Length);
        var first = consonants[n / (consonants.Length * vowels.Length)];
        var vowel = n / consonants.Length % vowels.Length;
        return char.ToUpperInvariant(first) + vowels[vowel].ToString() + consonants[n % consonants.Length] + "o" + consonants[vowel] + "ix";
    }

    private static string UniquePhone() => "+1 212 " + Random.Shared.Next(200, 999) + " " + Random.Shared.Next(1000, 9999);

    [Fact]
    public async Task NameAndPhone_FindTheRightPersonFirst_AmongLookAlikes()
    {
        var agent = await app.CreateStaffAsync("agent");
        var phone = UniquePhone();
        var john = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "John Smith", phones = new[] { phone } });
        await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "John Smithson", phones = new[] { UniquePhone() } });
        await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Joan Smith", phones = new[] { UniquePhone() } });

        var digits = phone[3..];
        var results = await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString("Jon Smyth " + digits)}");
        Assert.Equal(john.Id, results[0].Id);
        Assert.Contains("name", results[0].MatchedOn);
        Assert.Contains("phone", results[0].MatchedOn);
        Assert.True(results[0].Score > 0.9);
        Assert.True(results.Skip(1).All(r => r.Score < results[0].Score));
    }

    [Theory]
    [InlineData("Bob {0}", "Robert {0}")]
    [InlineData("Robert {0}", "Bob {0}")]
    [InlineData("{0}, Robert", "Robert {0}")]
    [InlineData("Robret {0}", "Robert {0}")]
    public async Task NicknamesOrderAndTypos_StillFindTheCustomer(string said, string stored)
    {
        var agent = await app.CreateStaffAsync("agent");
        var surname = Surname();
        var customer = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = string.Format(System.Globalization.CultureInfo.InvariantCulture, stored, surname) });

        var results = await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString(string.Format(System.Globalization.CultureInfo.InvariantCulture, said, surname))}");
        Assert.Equal(customer.Id, results[0].Id);
        Assert.Contains("name", results[0].MatchedOn);
    }

    [Fact]
    public async Task EmailAndPartialPhone_FindTheCustomer()
    {
        var agent = await app.CreateStaffAsync("agent");
        var surname = Surname();
        var phone = UniquePhone();
        var customer = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Ann " + surname, emails = new[] { surname + "@Example.com" }, phones = new[] { phone } });

        var byEmail = await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString(surname.ToUpperInvariant() + "@example.COM")}");
        Assert.Equal(customer.Id, byEmail.Single().Id);
        Assert.Equal(["email"], byEmail[0].MatchedOn);

        var lastSeven = phone[^8..];
        var byPartial = await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString(lastSeven)}");
        Assert.Contains(byPartial, m => m.Id == customer.Id && m.MatchedOn.Contains("phone_partial"));
    }

    [Fact]
    public async Task OrderOrTrackingNumber_FindsTheCustomerWhoseOrderItIs()
    {
        var agent = await app.CreateStaffAsync("agent");
        var customer = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Hedda " + Surname() });
        var orderNumber = "W-1" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var ups = TestTrackingNumbers.NewUps();
        var usps = TestTrackingNumbers.NewUsps();
        await agent.Client.PostJsonAsync<JsonElement>("/api/orders", new
        {
            number = orderNumber,
            customerId = customer.Id,
            total = new { amount = "80.00", currency = "USD" },
            shipments = new[] { new { shippingNumber = ups }, new { shippingNumber = usps } },
        });

        // The order number as the caller reads it: as printed, in lower case, or with a '#'.
        foreach (var said in new[] { orderNumber, orderNumber.ToLowerInvariant(), "#" + orderNumber })
        {
            var byOrder = Assert.Single(await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString(said)}"));
            Assert.Equal(customer.Id, byOrder.Id);
            Assert.Equal(["order"], byOrder.MatchedOn);
            Assert.Equal(new MatchedReferenceJson("order", orderNumber, orderNumber), byOrder.MatchedReferences.Single());
        }

        // A UPS number in lower case or read out in groups, and a USPS number read out in groups of four digits.
        foreach (var said in new[] { ups.ToLowerInvariant().Insert(6, " "), "1Z " + string.Join(' ', ups[2..].Chunk(3).Select(c => new string(c))), string.Join(' ', usps.Chunk(4).Select(c => new string(c))) })
        {
            var byTracking = Assert.Single(await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString(said)}"));
            Assert.Equal(customer.Id, byTracking.Id);
            Assert.Equal(["tracking"], byTracking.MatchedOn);
            Assert.Equal(orderNumber, byTracking.MatchedReferences.Single().OrderNumber);
            Assert.Equal(1.0, byTracking.Score);
        }

        // The order stays with the record it was placed on; after a merge the number finds the survivor.
        var survivor = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Hedda " + Surname() });
        await agent.Client.PostJsonAsync<JsonElement>($"/api/customers/{survivor.Id}/merge", new { duplicateId = customer.Id, reason = "same person, two records" });
        Assert.Equal(survivor.Id, Assert.Single(await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString(ups)}")).Id);
    }

    [Fact]
    public async Task NameAndTrackingNumber_RankTheOwnerFirst_AmongNamesakes()
    {
        var agent = await app.CreateStaffAsync("agent");
        var surname = Surname();
        var owner = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "John " + surname, phones = new[] { UniquePhone() } });
        var namesake = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "John " + surname, phones = new[] { UniquePhone() } });
        await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Joan " + surname, phones = new[] { UniquePhone() } });
        var ups = TestTrackingNumbers.NewUps();
        await agent.Client.PostJsonAsync<JsonElement>("/api/orders", new
        {
            number = "C-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            customerId = owner.Id,
            total = new { amount = "80.00", currency = "USD" },
            shipments = new[] { new { shippingNumber = ups } },
        });

        // "Jon" and a misspelt surname, as a caller reading a tracking number off a label says them.
        var said = "Jon " + surname[..^1] + " " + ups;
        var results = await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString(said)}");
        Assert.Equal(owner.Id, results[0].Id);
        Assert.Equal(["name", "tracking"], results[0].MatchedOn);
        Assert.True(results[0].Score > 0.9);
        var second = results.Single(r => r.Id == namesake.Id);
        Assert.True(second.Score < 0.6);
        Assert.DoesNotContain("tracking", second.MatchedOn);
    }

    [Fact]
    public async Task CreatingALookAlike_WarnsWithTheCandidates()
    {
        var agent = await app.CreateStaffAsync("agent");
        var surname = Surname();
        var phone = UniquePhone();
        var first = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Katherine " + surname, phones = new[] { phone } });
        Assert.Empty(first.Duplicates);

        var second = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Kathy " + surname, phones = new[] { phone } });
        Assert.Equal(first.Id, second.Duplicates.Single().Id);
    }

    [Fact]
    public async Task Merge_MovesEverythingOnce_AndTheMergedIdResolvesToTheSurvivor()
    {
        var agent = await app.CreateStaffAsync("agent");
        var surname = Surname();
        var survivor = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Will " + surname, emails = new[] { surname + "@a.example" } });
        var duplicate = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "William " + surname, emails = new[] { surname + "@b.example", surname + "@a.example" }, phones = new[] { UniquePhone() } });
        var c1 = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = duplicate.Id, subject = "First", channel = "email", body = "one" });
        await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = survivor.Id, subject = "Second", channel = "email", body = "two" });
        await agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{c1.Number}/notes", new { kind = "internal", text = "a note on the duplicate" });
        var before = (await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/customers/{duplicate.Id}/timeline")).Items
            .Concat((await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/customers/{survivor.Id}/timeline")).Items)
            .Select(i => i.Id).ToHashSet();

        using var merged = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/customers/{survivor.Id}/merge", new { duplicateId = duplicate.Id, reason = "Same person, two records" });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);

        var after = (await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/customers/{survivor.Id}/timeline?limit=200")).Items;
        Assert.Equal(after.Count, after.Select(i => i.Id).Distinct().Count());
        Assert.Subset(after.Select(i => i.Id).ToHashSet(), before);
        Assert.Contains(after, i => i.EventType == "customers_merged");

        var resolved = await agent.Client.GetJsonAsync<CustomerJson>($"/api/customers/{duplicate.Id}");
        Assert.Equal(survivor.Id, resolved.Id);
        Assert.Equal(2, resolved.Emails.Count);
        Assert.Single(resolved.Phones);
        var cases = await agent.Client.GetJsonAsync<PageJson<CaseSummaryJson>>($"/api/cases?customerId={survivor.Id}");
        Assert.Equal(2, cases.Items.Count);

        var audit = await agent.Client.GetJsonAsync<List<AuditJson>>($"/api/customers/{survivor.Id}/audit");
        Assert.Contains(audit, a => a.Action == "merged" && a.Reason == "Same person, two records");

        var search = await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString("William " + surname)}");
        Assert.DoesNotContain(search, m => m.Id == duplicate.Id);
    }

    [Fact]
    public async Task MergeIntoItselfOrAMergedCustomer_IsAConflict()
    {
        var agent = await app.CreateStaffAsync("agent");
        var a = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "A " + Surname() });
        var b = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "B " + Surname() });
        var c = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "C " + Surname() });

        using var self = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/customers/{a.Id}/merge", new { duplicateId = a.Id, reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);

        using var ok = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/customers/{a.Id}/merge", new { duplicateId = b.Id, reason = "same" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var intoMerged = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/customers/{b.Id}/merge", new { duplicateId = c.Id, reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, intoMerged.StatusCode);
        using var again = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/customers/{c.Id}/merge", new { duplicateId = b.Id, reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var noReason = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/customers/{a.Id}/merge", new { duplicateId = c.Id });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
    }

    [Fact]
    public async Task CallerId_IsCertainForOneOwner_ProbableForPartialOrShared_UnknownOtherwise()
    {
        var agent = await app.CreateStaffAsync("agent");
        var phone = UniquePhone();
        var customer = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Caller " + Surname(), phones = new[] { phone } });

        var certain = await agent.Client.GetJsonAsync<CallerJson>($"/api/customers/caller-id?number={Uri.EscapeDataString(phone)}");
        Assert.Equal("certain", certain.Status);
        Assert.Equal(customer.Id, certain.Customer!.Id);
        Assert.Equal(customer.Name, certain.Label);

        var partial = await agent.Client.GetJsonAsync<CallerJson>($"/api/customers/caller-id?number={Uri.EscapeDataString(phone[^8..])}");
        Assert.Equal("probable", partial.Status);
        Assert.Equal("probably " + customer.Name, partial.Label);

        var unknown = await agent.Client.GetJsonAsync<CallerJson>("/api/customers/caller-id?number=%2B442079460000");
        Assert.Equal("unknown", unknown.Status);
    }

    [Fact]
    public async Task CallLoggedByNumber_IsAttachedWhenCertain_AndRefusedWithTheLikelyCustomerWhenNot()
    {
        var agent = await app.CreateStaffAsync("agent");
        var phone = UniquePhone();
        var customer = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Carla " + Surname(), phones = new[] { phone } });
        var startedAt = app.Clock.GetUtcNow().AddMinutes(-5);

        using var certain = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/calls", new { from = phone, startedAt, endedAt = startedAt.AddMinutes(3) });
        Assert.Equal(HttpStatusCode.Created, certain.StatusCode);
        var result = await certain.ReadAsync<JsonElement>();
        Assert.Equal(customer.Id, result.GetProperty("customerId").GetGuid());
        Assert.Equal("certain", result.GetProperty("caller").GetProperty("status").GetString());
        var number = result.GetProperty("caseNumber").GetString()!;
        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{number}/timeline");
        Assert.Contains(timeline.Items, i => i.Kind == "call" && i.Call!.From == customer.Phones[0]);

        // A second customer with the same number makes the caller only probable: nothing is written.
        var twin = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Carl " + Surname(), phones = new[] { phone } });
        using var probable = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/calls", new { from = phone, startedAt });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, probable.StatusCode);
        var problem = await probable.ProblemAsync();
        Assert.StartsWith("probably ", problem.GetProperty("caller").GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, problem.GetProperty("caller").GetProperty("candidates").GetArrayLength());

        using var confirmed = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/calls", new { from = phone, startedAt, customerId = twin.Id, caseNumber = (string?)null });
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal(twin.Id, (await confirmed.ReadAsync<JsonElement>()).GetProperty("customerId").GetGuid());

        using var onCase = await agent.Client.SendJsonAsync(HttpMethod.Post, "/api/calls", new { from = phone, startedAt, caseNumber = number });
        Assert.False((await onCase.ReadAsync<JsonElement>()).GetProperty("caseOpened").GetBoolean());
    }

    [Fact]
    public async Task CustomerStoredWithoutSearchKeys_IsFoundAfterTheBackfill()
    {
        var agent = await app.CreateStaffAsync("agent");
        var surname = Surname();
        var phone = UniquePhone();
        using (var scope = app.Services.CreateScope())
        {
            // As a bulk load straight into the database would leave it: no name keys, no phone suffix.
            var db = scope.ServiceProvider.GetRequiredService<Bridgeline.Data.BridgelineDb>();
            var e164 = Bridgeline.Customers.Phones.TryE164(phone, "US")!;
            db.Customers.Add(new Bridgeline.Customers.Customer
            {
                Name = "Bulk " + surname,
                CreatedAt = app.Clock.GetUtcNow(),
                UpdatedAt = app.Clock.GetUtcNow(),
                Phones = [new Bridgeline.Customers.CustomerPhone { Number = e164, Raw = phone, IsVerified = true }],
            });
            await db.SaveChangesAsync();
        }

        Assert.Empty(await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString("Bulk " + surname)}"));

        var backfill = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Bridgeline.Customers.Matching.SearchKeyBackfill>().Single();
        await backfill.RunOnceAsync(CancellationToken.None);

        Assert.Equal("Bulk " + surname, (await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString("Bulk " + surname)}"))[0].Name);
        Assert.Contains(await agent.Client.GetJsonAsync<List<MatchJson>>($"/api/customers/search?q={Uri.EscapeDataString(phone[^8..])}"), m => m.Name == "Bulk " + surname);
    }

    [Fact]
    public async Task SensitiveCorrection_NeedsAVerifiedCallerOrASupervisor()
    {
        var agent = await app.CreateStaffAsync("agent");
        var supervisor = await app.CreateStaffAsync("supervisor");
        var customer = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Vera " + Surname(), phones = new[] { UniquePhone() } });

        using var refused = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/customers/{customer.Id}", new { phones = new[] { UniquePhone() }, reason = "new number" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(customer.Phones, (await agent.Client.GetJsonAsync<CustomerJson>($"/api/customers/{customer.Id}")).Phones);

        var @case = await agent.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = customer.Id, subject = "New number", channel = "phone" });
        using var badMethod = await agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/verifications", new { method = "vibes" });
        Assert.Equal(HttpStatusCode.BadRequest, badMethod.StatusCode);
        var verification = await agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/verifications", new { method = "account_and_postcode", detail = "account number and postcode matched" });
        Assert.Equal("account_and_postcode", verification.GetProperty("method").GetString());
        var shown = await agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/verifications");
        Assert.Single(shown);
        var caseTimeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(caseTimeline.Items, i => i.EventType == "identity_verified");

        using var allowed = await agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/customers/{customer.Id}", new { phones = new[] { "+1 212 555 0100" }, reason = "new number" });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var other = await agent.Client.PostJsonAsync<CreatedCustomerJson>("/api/customers", new { name = "Walt " + Surname(), emails = new[] { "w@" + Surname() + ".example" } });
        using var bySupervisor = await supervisor.Client.SendJsonAsync(HttpMethod.Patch, $"/api/customers/{other.Id}", new { emails = new[] { "walt@example.org" }, reason = "written request" });
        Assert.Equal(HttpStatusCode.OK, bySupervisor.StatusCode);

        var timeline = await agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/customers/{other.Id}/timeline");
        Assert.Contains(timeline.Items, i => i.Kind == "message" && i.Direction == "outbound" && i.Body!.Contains("walt@example.org", StringComparison.Ordinal));
    }
}

public sealed class CustomerMatchingApiTestsOnSqlite(SqliteApp app) : CustomerMatchingApiTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerMatchingApiTestsOnPostgres(PostgresApp app) : CustomerMatchingApiTests(app), IClassFixture<PostgresApp>;
