using System.Net;
using System.Text.Json;
using Bridgeline.Tests.Sla;
using Bridgeline.Tests.Support;

namespace Bridgeline.Tests.Approvals;

/// <summary>S4 "Let me talk to a supervisor" and S11's reversal within authority, through the API.</summary>
public abstract class ApprovalStoryTests(BridgelineApp app)
{
    [Fact]
    public async Task S4_RefundAboveAgentLimit_IsApprovedByOnDutySupervisorInOneCallAndTheAgentSeesIt()
    {
        var t = await Arrange.TeamAsync(app);
        var (@case, order) = await CaseWithOrderAsync(t, "80.00");

        // The agent's limit is 50 USD; the order is 80 USD: the refund waits for approval.
        var action = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/actions", new { kind = "refund", target = order, reason = "Parcel never left the warehouse." });
        Assert.Equal("pending_approval", action.GetProperty("status").GetString());
        Assert.Null(action.GetProperty("executionReference").GetString());
        Assert.Empty(await LedgerAsync(t.Agent, @case, order));

        // It lands on the supervisor on duty, with a count and a notification.
        var mine = await t.Supervisor.Client.GetJsonAsync<List<JsonElement>>("/api/approvals?mine=true");
        var approval = Assert.Single(mine, a => a.GetProperty("caseNumber").GetString() == @case.Number);
        Assert.Equal("80.00", approval.GetProperty("amount").GetProperty("amount").GetString());
        Assert.Equal(t.Supervisor.Id, approval.GetProperty("assignee").GetProperty("id").GetGuid());
        Assert.Contains("Supervisor", approval.GetProperty("routedVia").GetString(), StringComparison.Ordinal);
        Assert.Contains("50.00 USD", approval.GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await t.Supervisor.Client.GetJsonAsync<JsonElement>("/api/approvals/count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await t.Supervisor.NotificationsAsync()).Count("approval_requested", @case.Number));

        // An agent cannot decide it.
        using var agentTries = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/approvals/{approval.GetProperty("id").GetGuid()}/decision", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.Forbidden, agentTries.StatusCode);

        // One call approves it, while the customer is on the line.
        var decided = await t.Supervisor.Client.PostJsonAsync<JsonElement>($"/api/approvals/{approval.GetProperty("id").GetGuid()}/decision", new { decision = "approve", reason = "Carrier never received it; refund now." });
        Assert.Equal("approved", decided.GetProperty("state").GetString());
        Assert.Equal(t.Supervisor.Name, decided.GetProperty("decidedBy").GetString());
        Assert.Equal(0, (await t.Supervisor.Client.GetJsonAsync<JsonElement>("/api/approvals/count")).GetProperty("count").GetInt32());

        // The agent sees the decision on the case: the action executed, the timeline says who asked, who approved, when, what.
        var actions = await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/actions");
        var done = Assert.Single(actions);
        Assert.Equal("executed", done.GetProperty("status").GetString());
        Assert.StartsWith("ledger:", done.GetProperty("executionReference").GetString(), StringComparison.Ordinal);
        var timeline = await t.Agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "action_pending_approval" && i.Author == t.Agent.Name && i.Body!.Contains(t.Supervisor.Name, StringComparison.Ordinal));
        var approved = Assert.Single(timeline.Items, i => i.EventType == "approval_approved");
        Assert.Equal(t.Supervisor.Name, approved.Author);
        Assert.Contains($"asked by {t.Agent.Name}", approved.Body, StringComparison.Ordinal);
        Assert.Contains("80.00 USD", approved.Body, StringComparison.Ordinal);
        Assert.Equal(1, (await t.Agent.NotificationsAsync()).Count("approval_decided", @case.Number));
        var caseApprovals = await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/approvals");
        Assert.Equal("approved", Assert.Single(caseApprovals).GetProperty("state").GetString());

        // The ledger has it, once.
        var ledger = await LedgerAsync(t.Agent, @case, order);
        Assert.Equal("80.00", Assert.Single(ledger).GetProperty("amount").GetProperty("amount").GetString());

        // Deciding it again is a conflict naming the decision already taken.
        using var again = await t.Manager.Client.SendJsonAsync(HttpMethod.Post, $"/api/approvals/{approval.GetProperty("id").GetGuid()}/decision", new { decision = "deny", reason = "Too late" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("approve", (await again.ProblemAsync()).GetProperty("decision").GetString());

        // The supervisor takes the case over.
        using var taken = await t.Supervisor.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/take-over", new { });
        var after = await taken.ReadAsync<CaseJson>();
        Assert.Equal(t.Supervisor.Id, after.Owner!.Id);
        using var agentTakesOver = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/take-over", new { });
        Assert.Equal(HttpStatusCode.Forbidden, agentTakesOver.StatusCode);
    }

    [Fact]
    public async Task DeniedWithoutReason_Is400_DeniedWithReason_TheActionIsDeniedAndNothingIsPaid()
    {
        var t = await Arrange.TeamAsync(app);
        var (@case, order) = await CaseWithOrderAsync(t, "120.00");
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/actions", new { kind = "partial_refund", target = order, amount = new { amount = "70.00", currency = "USD" } });
        var id = (await t.Supervisor.Client.GetJsonAsync<List<JsonElement>>("/api/approvals?mine=true")).Single(a => a.GetProperty("caseNumber").GetString() == @case.Number).GetProperty("id").GetGuid();

        using var noReason = await t.Supervisor.Client.SendJsonAsync(HttpMethod.Post, $"/api/approvals/{id}/decision", new { decision = "deny" });
        Assert.NotEmpty((await noReason.ProblemAsync()).ErrorsFor("reason"));
        using var badDecision = await t.Supervisor.Client.SendJsonAsync(HttpMethod.Post, $"/api/approvals/{id}/decision", new { decision = "maybe" });
        Assert.NotEmpty((await badDecision.ProblemAsync()).ErrorsFor("decision"));

        await t.Supervisor.Client.PostJsonAsync<JsonElement>($"/api/approvals/{id}/decision", new { decision = "deny", reason = "Item was used; offer store credit." });
        Assert.Equal("denied", (await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/actions")).Single().GetProperty("status").GetString());
        Assert.Empty(await LedgerAsync(t.Agent, @case, order));
        var timeline = await t.Agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "approval_denied" && i.Body!.Contains("offer store credit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoSupervisorsDecideAtOnce_OneWinsTheOtherGets409WithTheWinnersDecision()
    {
        var t = await Arrange.TeamAsync(app);
        for (var round = 0; round < 5; round++)
        {
            var (@case, order) = await CaseWithOrderAsync(t, "90.00");
            await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/actions", new { kind = "refund", target = order });
            var id = (await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/approvals")).Single().GetProperty("id").GetGuid();

            var approve = t.Supervisor.Client.SendJsonAsync(HttpMethod.Post, $"/api/approvals/{id}/decision", new { decision = "approve", reason = "Fine" });
            var deny = t.Manager.Client.SendJsonAsync(HttpMethod.Post, $"/api/approvals/{id}/decision", new { decision = "deny", reason = "No" });
            var responses = await Task.WhenAll(approve, deny);
            try
            {
                Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
                var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
                var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadAsync<JsonElement>();
                var expected = winner.GetProperty("state").GetString() == "approved" ? "approve" : "deny";
                Assert.Equal(expected, (await loser.ProblemAsync()).GetProperty("decision").GetString());

                var action = (await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/actions")).Single();
                Assert.Equal(expected == "approve" ? "executed" : "denied", action.GetProperty("status").GetString());
                Assert.Equal(expected == "approve" ? 1 : 0, (await LedgerAsync(t.Agent, @case, order)).Count);
                var timeline = await t.Agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
                Assert.Single(timeline.Items, i => i.EventType is "approval_approved" or "approval_denied");
            }
            finally
            {
                foreach (var r in responses)
                {
                    r.Dispose();
                }
            }
        }
    }

    [Fact]
    public async Task TwoRefundsAtOnce_CannotTogetherExceedWhatWasPaid()
    {
        var t = await Arrange.TeamAsync(app);
        for (var round = 0; round < 3; round++)
        {
            var (@case, order) = await CaseWithOrderAsync(t, "80.00");
            var body = new { kind = "partial_refund", target = order, amount = new { amount = "50.00", currency = "USD" } };
            var responses = await Task.WhenAll(
                t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", body),
                t.Supervisor.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", body));
            try
            {
                Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
                Assert.Single(responses, r => r.StatusCode == HttpStatusCode.BadRequest);
                Assert.Single(await LedgerAsync(t.Agent, @case, order));
            }
            finally
            {
                foreach (var r in responses)
                {
                    r.Dispose();
                }
            }
        }
    }

    [Fact]
    public async Task ApprovedAfterTheCaseClosed_StillExecutesRecordsAndTellsTheAgent()
    {
        var t = await Arrange.TeamAsync(app);
        var (@case, order) = await CaseWithOrderAsync(t, "75.00");
        await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/actions", new { kind = "refund", target = order });
        using var resolved = await t.Agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{@case.Number}", new { status = "resolved", reason = "Customer hung up" });
        using var closed = await t.Agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{@case.Number}", new { status = "closed" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        var id = (await t.Supervisor.Client.GetJsonAsync<List<JsonElement>>("/api/approvals?mine=true")).Single(a => a.GetProperty("caseNumber").GetString() == @case.Number).GetProperty("id").GetGuid();
        await t.Supervisor.Client.PostJsonAsync<JsonElement>($"/api/approvals/{id}/decision", new { decision = "approve" });

        Assert.Equal("closed", (await t.Agent.Client.GetJsonAsync<CaseJson>($"/api/cases/{@case.Number}")).Status);
        Assert.Single(await LedgerAsync(t.Agent, @case, order));
        var timeline = await t.Agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "approval_approved" && i.Body!.Contains("after the case was closed", StringComparison.Ordinal));
        var told = (await t.Agent.NotificationsAsync()).Single(n => n.GetProperty("kind").GetString() == "approval_decided" && n.GetProperty("caseNumber").GetString() == @case.Number);
        Assert.Contains("already closed", told.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S11_LateFeeAfterClosure_ReversedWithinAgentAuthority_ExecutesAtOnceClearsTheFlagAndResolvesInOneContact()
    {
        var t = await Arrange.TeamAsync(app);
        var @case = await Arrange.CaseAsync(t, "Late fee after I closed my store card");
        var number = "SC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await t.Agent.Client.PostJsonAsync<JsonElement>("/api/accounts/import", new
        {
            customerId = t.CustomerId, number, plan = "Store card", status = "closed", openedOn = "2024-06-01", closedOn = "2026-03-01",
            balance = new { amount = "25.00", currency = "USD" },
            charges = new[] { new { postedOn = "2026-03-15", kind = "late_fee", amount = new { amount = "25.00", currency = "USD" } } },
        });
        var flag = Assert.Single(await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/flags"));
        var chargeId = flag.GetProperty("chargeId").GetGuid();

        var reversal = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/actions", new { kind = "fee_reversal", target = chargeId.ToString(), reason = "Fee posted after the account closed." });

        Assert.Equal("executed", reversal.GetProperty("status").GetString());
        Assert.Equal("25.00", reversal.GetProperty("amount").GetProperty("amount").GetString());
        Assert.Empty(await t.Supervisor.Client.GetJsonAsync<List<JsonElement>>("/api/approvals?mine=true"));
        var account = await t.Agent.Client.GetJsonAsync<JsonElement>($"/api/accounts/{number}");
        Assert.Equal("0.00", account.GetProperty("balance").GetProperty("amount").GetString());
        Assert.Equal(0, account.GetProperty("flags").GetArrayLength());
        var charge = account.GetProperty("charges")[0];
        Assert.Equal(JsonValueKind.Null, charge.GetProperty("needs").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, charge.GetProperty("reversedAt").ValueKind);
        Assert.Empty(await t.Agent.Client.GetJsonAsync<List<JsonElement>>($"/api/cases/{@case.Number}/flags"));
        var audit = await t.Agent.Client.GetJsonAsync<List<AuditJson>>($"/api/accounts/{number}/audit");
        Assert.Contains(audit, a => a.Action == "fee_reversed" && a.Actor == t.Agent.Name);

        using var resolved = await t.Agent.Client.SendJsonAsync(HttpMethod.Patch, $"/api/cases/{@case.Number}", new { status = "resolved", reason = "Late fee reversed" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var timeline = await t.Agent.Client.GetJsonAsync<PageJson<TimelineJson>>($"/api/cases/{@case.Number}/timeline");
        Assert.Contains(timeline.Items, i => i.EventType == "charge_after_closure");
        Assert.Contains(timeline.Items, i => i.EventType == "action_executed" && i.Body!.Contains("Fee reversal of 25.00 USD", StringComparison.Ordinal));

        // A second reversal of the same fee is more than the fee.
        using var twice = await t.Agent.Client.SendJsonAsync(HttpMethod.Post, $"/api/cases/{@case.Number}/actions", new { kind = "fee_reversal", target = chargeId.ToString(), amount = new { amount = "1.00", currency = "USD" } });
        Assert.NotEmpty((await twice.ProblemAsync()).ErrorsFor("amount.amount"));
    }

    [Fact]
    public async Task AdminEditsLimits_OverrideAndRoleLimitChangeWhatExecutesAtOnce_OthersMayNotEdit()
    {
        var limits = await app.Admin.GetJsonAsync<List<JsonElement>>("/api/authority-limits");
        Assert.Contains(limits, l => l.GetProperty("role").GetString() == "agent" && l.GetProperty("kind").GetString() == "refund" && l.GetProperty("limit").GetProperty("amount").GetString() == "50.00");
        Assert.Contains(limits, l => l.GetProperty("role").GetString() == "agent" && l.GetProperty("kind").GetString() == "fee_reversal" && l.GetProperty("limit").GetProperty("amount").GetString() == "100.00");
        Assert.Contains(limits, l => l.GetProperty("role").GetString() == "supervisor" && l.GetProperty("kind").GetString() == "refund" && l.GetProperty("limit").GetProperty("amount").GetString() == "500.00");

        var t = await Arrange.TeamAsync(app);
        using var agentEdits = await t.Agent.Client.SendJsonAsync(HttpMethod.Put, "/api/authority-limits", new { role = "agent", kind = "refund", limit = new { amount = "5000.00", currency = "USD" } });
        Assert.Equal(HttpStatusCode.Forbidden, agentEdits.StatusCode);

        foreach (var (body, field) in new (object, string)[]
        {
            (new { role = "agent", kind = "reship", limit = new { amount = "5.00", currency = "USD" } }, "kind"),
            (new { role = "agent", kind = "refund", limit = new { amount = "-1", currency = "USD" } }, "limit.amount"),
            (new { role = "agent", kind = "refund", limit = new { amount = "10", currency = "ZZZ" } }, "limit.currency"),
            (new { role = "intern", kind = "refund", limit = new { amount = "10", currency = "USD" } }, "role"),
            (new { user = "nobody@nowhere.test", kind = "refund", limit = new { amount = "10", currency = "USD" } }, "user"),
        })
        {
            using var bad = await app.Admin.SendJsonAsync(HttpMethod.Put, "/api/authority-limits", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.NotEmpty((await bad.ProblemAsync()).ErrorsFor(field));
        }

        // A person's override wins over the role: this agent may refund 80 USD alone.
        using var set = await app.Admin.SendJsonAsync(HttpMethod.Put, "/api/authority-limits", new { user = t.Agent.Email, kind = "refund", limit = new { amount = "100.00", currency = "USD" } });
        var overrideRow = await set.ReadAsync<JsonElement>();
        Assert.Equal(t.Agent.Id, overrideRow.GetProperty("user").GetProperty("id").GetGuid());
        var (@case, order) = await CaseWithOrderAsync(t, "80.00");
        var refund = await t.Agent.Client.PostJsonAsync<JsonElement>($"/api/cases/{@case.Number}/actions", new { kind = "refund", target = order });
        Assert.Equal("executed", refund.GetProperty("status").GetString());

        // Lowering the role's limit holds a smaller refund by another agent; restoring it lets it through again.
        var other = await app.CreateStaffAsync("agent", t.Team);
        var otherCase = await other.Client.PostJsonAsync<CaseJson>("/api/cases", new { customerId = t.CustomerId, subject = "Partial refund", channel = "chat", team = t.Team });
        using var lowered = await app.Admin.SendJsonAsync(HttpMethod.Put, "/api/authority-limits", new { role = "agent", kind = "credit", limit = new { amount = "20.00", currency = "USD" } });
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        try
        {
            var held = await other.Client.PostJsonAsync<JsonElement>($"/api/cases/{otherCase.Number}/actions", new { kind = "credit", target = order, amount = new { amount = "30.00", currency = "USD" } });
            Assert.Equal("pending_approval", held.GetProperty("status").GetString());
        }
        finally
        {
            using var restored = await app.Admin.SendJsonAsync(HttpMethod.Put, "/api/authority-limits", new { role = "agent", kind = "credit", limit = new { amount = "50.00", currency = "USD" } });
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }

        var credit = await other.Client.PostJsonAsync<JsonElement>($"/api/cases/{otherCase.Number}/actions", new { kind = "credit", target = order, amount = new { amount = "30.00", currency = "USD" } });
        Assert.Equal("executed", credit.GetProperty("status").GetString());
        var after = await app.Admin.GetJsonAsync<List<JsonElement>>("/api/authority-limits");
        Assert.Single(after, l => l.GetProperty("role").GetString() == "agent" && l.GetProperty("kind").GetString() == "credit");
    }

    private async Task<(CaseJson Case, string Order)> CaseWithOrderAsync(TeamSetup t, string total)
    {
        var order = "C-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await t.Agent.Client.PostJsonAsync<JsonElement>("/api/orders", new { number = order, customerId = t.CustomerId, total = new { amount = total, currency = "USD" } });
        var @case = await Arrange.CaseAsync(t, $"Refund for {order}");
        return (@case, order);
    }

    private static async Task<List<JsonElement>> LedgerAsync(Staff staff, CaseJson @case, string target) =>
        await staff.Client.GetJsonAsync<List<JsonElement>>($"/api/ledger?customerId={@case.CustomerId}&target={target}");
}

public sealed class ApprovalStoryTestsOnSqlite(SqliteApp app) : ApprovalStoryTests(app), IClassFixture<SqliteApp>;

public sealed class ApprovalStoryTestsOnPostgres(PostgresApp app) : ApprovalStoryTests(app), IClassFixture<PostgresApp>;
