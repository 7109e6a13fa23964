using System.Globalization;
using System.Text.Json;
using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Customers;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Accounts;

/// <summary>
/// Importing accounts and charges from the billing system, and correcting them. A charge that lands on a
/// closed account after its closed date is flagged on the account, the customer's timeline and every open case.
/// </summary>
public sealed class AccountOperations(BridgelineDb db, TimeProvider clock)
{
    private static readonly string[] AccountColumns = ["customerId", "number", "plan", "status", "openedOn", "closedOn", "balance", "currency"];
    private static readonly string[] ChargeColumns = ["accountNumber", "postedOn", "kind", "amount", "currency", "description"];

    /// <summary>Creates accounts that are new and updates those whose number exists; charges already on the account are not added twice.</summary>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<ImportAccountRequest> accounts, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var rows = new List<(ImportAccountRequest Request, string Number, string Plan, AccountStatus Status, decimal Balance, string Currency, List<ParsedCharge> Charges)>();
        for (var i = 0; i < accounts.Count; i++)
        {
            var a = accounts[i];
            var at = accounts.Count == 1 ? "" : $"[{i}].";
            var number = v.Required(at + "number", a.Number, 64)?.ToUpperInvariant();
            var plan = v.Required(at + "plan", a.Plan, 200);
            var status = v.Enum<AccountStatus>(at + "status", a.Status, required: false) ?? (a.ClosedOn is null ? AccountStatus.Active : AccountStatus.Closed);
            if (a.CustomerId is null)
            {
                v.Add(at + "customerId", "This field is required.");
            }

            if (a.OpenedOn is null)
            {
                v.Add(at + "openedOn", "This field is required (YYYY-MM-DD).");
            }

            if (status == AccountStatus.Closed && a.ClosedOn is null)
            {
                v.Add(at + "closedOn", "A closed account needs its closed date.");
            }

            if (a.ClosedOn is { } closed && a.OpenedOn is { } opened && closed < opened)
            {
                v.Add(at + "closedOn", "An account cannot close before it opened.");
            }

            var (balance, currency) = ReadMoney(v, at + "balance", a.Balance, required: false);
            var charges = new List<ParsedCharge>();
            for (var j = 0; j < (a.Charges?.Count ?? 0); j++)
            {
                if (ReadCharge(v, $"{at}charges[{j}].", a.Charges![j], currency) is { } charge)
                {
                    charges.Add(charge);
                }
            }

            if (number is not null && plan is not null)
            {
                rows.Add((a, number, plan, status, balance ?? 0, currency ?? "USD", charges));
            }
        }

        var customerIds = accounts.Where(a => a.CustomerId is not null).Select(a => a.CustomerId!.Value).Distinct().ToList();
        var known = await db.Customers.Where(c => customerIds.Contains(c.Id)).Select(c => new { c.Id, c.MergedIntoId }).ToDictionaryAsync(c => c.Id, c => c.MergedIntoId, ct);
        foreach (var missing in customerIds.Where(id => !known.ContainsKey(id)))
        {
            v.Add("customerId", $"No customer {missing}.");
        }

        v.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var numbers = rows.Select(r => r.Number).ToList();
        var existing = await db.Set<Account>().Include(a => a.Charges).Where(a => numbers.Contains(a.Number)).ToDictionaryAsync(a => a.Number, ct);
        var created = 0;
        var updated = 0;
        var added = new List<(Account Account, Charge Charge)>();
        foreach (var row in rows)
        {
            var customerId = known[row.Request.CustomerId!.Value] ?? row.Request.CustomerId.Value;
            if (!existing.TryGetValue(row.Number, out var account))
            {
                account = new Account
                {
                    CustomerId = customerId,
                    Number = row.Number,
                    Plan = row.Plan,
                    Status = row.Status,
                    OpenedOn = row.Request.OpenedOn!.Value,
                    ClosedOn = row.Request.ClosedOn,
                    Balance = row.Balance,
                    Currency = row.Currency,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Set<Account>().Add(account);
                existing[row.Number] = account;
                Auditor.Record(db, actor, now, "account", account.Id, "imported", [
                    new FieldChange("number", null, account.Number),
                    new FieldChange("plan", null, account.Plan),
                    new FieldChange("status", null, Names.Of(account.Status)),
                ]);
                created++;
            }
            else
            {
                var changes = new List<FieldChange>();
                Auditor.Compare(changes, "plan", account.Plan, row.Plan);
                Auditor.Compare(changes, "status", Names.Of(account.Status), Names.Of(row.Status));
                Auditor.Compare(changes, "closedOn", Iso(account.ClosedOn), Iso(row.Request.ClosedOn));
                Auditor.Compare(changes, "balance", MoneyDto.Of(account.Balance, account.Currency).Amount, MoneyDto.Of(row.Balance, row.Currency).Amount);
                account.Plan = row.Plan;
                account.Status = row.Status;
                account.ClosedOn = row.Request.ClosedOn;
                account.OpenedOn = row.Request.OpenedOn!.Value;
                account.Balance = row.Balance;
                if (changes.Count > 0)
                {
                    account.UpdatedAt = now;
                    account.Version++;
                    Auditor.Record(db, actor, now, "account", account.Id, "imported", changes);
                    updated++;
                }
            }

            foreach (var c in row.Charges)
            {
                if (AddCharge(account, c, now) is { } charge)
                {
                    added.Add((account, charge));
                }
            }
        }

        var flagged = await FlagAsync(Reflag(existing.Values).Concat(added.Where(x => x.Charge.AfterClosure)).DistinctBy(x => x.Charge.Id).ToList(), actor, now, ct);
        await db.SaveChangesAsync(ct);
        return new ImportResult(created, updated, added.Count, flagged);
    }

    /// <summary>Charges for accounts that exist, each row naming its account number.</summary>
    public async Task<ImportResult> ImportChargesAsync(IReadOnlyList<ImportChargeRequest> charges, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var parsed = new List<ParsedCharge>();
        for (var i = 0; i < charges.Count; i++)
        {
            var at = charges.Count == 1 ? "" : $"[{i}].";
            if (string.IsNullOrWhiteSpace(charges[i].AccountNumber))
            {
                v.Add(at + "accountNumber", "This field is required.");
            }

            if (ReadCharge(v, at, charges[i], null) is { } charge)
            {
                parsed.Add(charge);
            }
        }

        var numbers = parsed.Select(p => p.AccountNumber!).Distinct().ToList();
        var accounts = await db.Set<Account>().Include(a => a.Charges).Where(a => numbers.Contains(a.Number)).ToDictionaryAsync(a => a.Number, ct);
        foreach (var missing in numbers.Where(n => !accounts.ContainsKey(n)))
        {
            v.Add("accountNumber", $"No account {missing}. Import the account first (POST /api/accounts/import).");
        }

        v.ThrowIfInvalid();
        var now = clock.GetUtcNow();
        var added = new List<(Account Account, Charge Charge)>();
        foreach (var c in parsed)
        {
            var account = accounts[c.AccountNumber!];
            if (AddCharge(account, c, now) is { } charge)
            {
                added.Add((account, charge));
            }
        }

        var flagged = await FlagAsync(added.Where(x => x.Charge.AfterClosure).ToList(), actor, now, ct);
        await db.SaveChangesAsync(ct);
        return new ImportResult(0, 0, added.Count, flagged);
    }

    /// <summary>
    /// Corrects an account's plan, status or closed date. A reason is required; the change is audited, shown on the
    /// timeline (and on the case given), and the customer is sent a notice. Changing the plan is a sensitive correction.
    /// </summary>
    public async Task<Account> UpdateAsync(string number, UpdateAccountRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        var reason = v.Required("reason", request.Reason, 2000);
        var plan = request.Plan is null ? null : v.Required("plan", request.Plan, 200);
        var status = v.Enum<AccountStatus>("status", request.Status, required: false);
        if (request.Plan is null && request.Status is null && request.ClosedOn is null)
        {
            v.Add("body", "Nothing to change: give plan, status or closedOn.");
        }

        v.ThrowIfInvalid();

        var account = await LoadAsync(number, ct);
        Case? @case = null;
        if (request.CaseNumber is not null)
        {
            @case = await CaseQueries.LoadAsync(db, request.CaseNumber, ct);
            if (@case.CustomerId != account.CustomerId)
            {
                throw ValidationFailed.For("caseNumber", $"Case {@case.DisplayNumber} belongs to another customer.");
            }
        }

        var newStatus = status ?? account.Status;
        var closedOn = request.ClosedOn ?? (newStatus == AccountStatus.Active ? null : account.ClosedOn);
        if (newStatus == AccountStatus.Closed && closedOn is null)
        {
            throw ValidationFailed.For("closedOn", "Closing an account needs its closed date.");
        }

        if (newStatus == AccountStatus.Active && request.ClosedOn is not null)
        {
            throw ValidationFailed.For("closedOn", "An active account has no closed date.");
        }

        var changes = new List<FieldChange>();
        if (plan is not null)
        {
            Auditor.Compare(changes, "plan", account.Plan, plan);
        }

        Auditor.Compare(changes, "status", Names.Of(account.Status), Names.Of(newStatus));
        Auditor.Compare(changes, "closedOn", Iso(account.ClosedOn), Iso(closedOn));
        if (changes.Count == 0)
        {
            return account;
        }

        if (changes.Exists(c => c.Field == "plan"))
        {
            await IdentityChecks.RequireAsync(db, account.CustomerId, actor, "an account's plan", ct);
        }

        var now = clock.GetUtcNow();
        account.Plan = plan ?? account.Plan;
        account.Status = newStatus;
        account.ClosedOn = closedOn;
        account.UpdatedAt = now;
        account.Version++;
        Auditor.Record(db, actor, now, "account", account.Id, "corrected", changes, reason);
        var what = string.Join("; ", changes.Select(c => $"{c.Field}: {c.Before ?? "—"} → {c.After ?? "—"}"));
        db.Interactions.Add(new Interaction
        {
            CustomerId = account.CustomerId,
            CaseId = @case?.Id,
            Kind = InteractionKind.Event,
            EventType = "data_corrected",
            Body = $"Account {account.Number}: {what} (reason: {reason})",
            AuthorId = actor.UserId,
            AuthorName = actor.Name,
            OccurredAt = now,
            RecordedAt = now,
        });
        CorrectionNotice.Queue(db, account.CustomerId, @case?.Id, $"account {account.Number} " + string.Join("; ", changes.Select(c => $"{c.Field} is now {c.After ?? "—"}")), now);
        await FlagAsync(Reflag([account]).ToList(), actor, now, ct);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictProblem("Someone else changed this account at the same time. Reload and apply the correction again.");
        }

        return account;
    }

    public async Task<Account> LoadAsync(string number, CancellationToken ct)
    {
        var key = number.Trim().ToUpperInvariant();
        return await db.Set<Account>().Include(a => a.Charges).FirstOrDefaultAsync(a => a.Number == key, ct)
            ?? throw new NotFoundProblem($"Account {number}");
    }

    public static async Task<List<AccountDto>> ForCustomerAsync(BridgelineDb db, Guid customerId, CancellationToken ct)
    {
        var accounts = await db.Set<Account>().AsNoTracking().Include(a => a.Charges).Where(a => a.CustomerId == customerId).ToListAsync(ct);
        return accounts.OrderBy(a => a.Status).ThenBy(a => a.Number, StringComparer.Ordinal).Select(AccountDto.From).ToList();
    }

    /// <summary>Every charge after closure on the customer's accounts, found through the stored flag's index.</summary>
    public static async Task<List<ChargeFlag>> FlagsForCustomerAsync(BridgelineDb db, Guid customerId, CancellationToken ct)
    {
        var rows = await db.Set<Charge>().AsNoTracking()
            .Where(c => c.AfterClosure && c.ReversedAt == null)
            .Join(db.Set<Account>().Where(a => a.CustomerId == customerId), c => c.AccountId, a => a.Id, (c, a) => new { c, a })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.c.PostedOn).Select(r => ChargeFlag.For(r.a, r.c)).ToList();
    }

    public static (List<ImportAccountRequest> Accounts, Validator Problems) ParseAccountsCsv(string text)
    {
        var v = new Validator();
        var result = new List<ImportAccountRequest>();
        foreach (var (line, row) in Csv.Read(text, AccountColumns, v))
        {
            result.Add(new ImportAccountRequest(
                Guid.TryParse(row["customerId"], CultureInfo.InvariantCulture, out var id) ? id : ReportGuid(v, line, "customerId"),
                row["number"],
                row["plan"],
                row["status"],
                Csv.Date(v, line, "openedOn", row["openedOn"]),
                Csv.Date(v, line, "closedOn", row["closedOn"]),
                string.IsNullOrWhiteSpace(row["balance"]) ? null : new MoneyInput(JsonSerializer.SerializeToElement(row["balance"]), row.GetValueOrDefault("currency")),
                null));
        }

        return (result, v);
    }

    public static (List<ImportChargeRequest> Charges, Validator Problems) ParseChargesCsv(string text)
    {
        var v = new Validator();
        var result = new List<ImportChargeRequest>();
        foreach (var (line, row) in Csv.Read(text, ChargeColumns, v))
        {
            result.Add(new ImportChargeRequest(
                row["accountNumber"],
                Csv.Date(v, line, "postedOn", row["postedOn"]),
                row["kind"],
                row.GetValueOrDefault("description"),
                new MoneyInput(JsonSerializer.SerializeToElement(row["amount"]), row.GetValueOrDefault("currency"))));
        }

        return (result, v);
    }

    private static Guid? ReportGuid(Validator v, int line, string field)
    {
        v.Add($"line {line}.{field}", "Not an id.");
        return null;
    }

    private static IEnumerable<(Account Account, Charge Charge)> Reflag(IEnumerable<Account> accounts)
    {
        // Closing (or reopening) an account changes which of its existing charges came after closure.
        foreach (var account in accounts)
        {
            foreach (var charge in account.Charges)
            {
                var after = IsAfterClosure(account, charge.PostedOn);
                if (after && !charge.AfterClosure)
                {
                    charge.AfterClosure = true;
                    yield return (account, charge);
                }
                else if (!after)
                {
                    charge.AfterClosure = false;
                }
            }
        }
    }

    private static bool IsAfterClosure(Account account, DateOnly postedOn) =>
        account.Status == AccountStatus.Closed && account.ClosedOn is { } closed && postedOn > closed;

    private Charge? AddCharge(Account account, ParsedCharge c, DateTimeOffset now)
    {
        if (account.Charges.Exists(x => x.PostedOn == c.PostedOn && x.Kind == c.Kind && x.Amount == c.Amount && x.Description == c.Description))
        {
            return null;
        }

        var charge = new Charge
        {
            AccountId = account.Id,
            PostedOn = c.PostedOn,
            Kind = c.Kind,
            Description = c.Description,
            Amount = c.Amount,
            Currency = c.Currency ?? account.Currency,
            AfterClosure = IsAfterClosure(account, c.PostedOn),
            RecordedAt = now,
        };
        account.Charges.Add(charge);
        db.Set<Charge>().Add(charge);
        return charge;
    }

    /// <summary>Puts each new flag on the customer's timeline and on every open case of the customer.</summary>
    private async Task<int> FlagAsync(List<(Account Account, Charge Charge)> flagged, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (flagged.Count == 0)
        {
            return 0;
        }

        var customerIds = flagged.Select(f => f.Account.CustomerId).Distinct().ToList();
        var open = new[] { CaseStatus.New, CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.PendingInternal };
        var openCases = await db.Cases.Where(c => customerIds.Contains(c.CustomerId) && open.Contains(c.Status)).ToListAsync(ct);
        foreach (var (account, charge) in flagged)
        {
            var flag = ChargeFlag.For(account, charge);
            var cases = openCases.Where(c => c.CustomerId == account.CustomerId).ToList();
            if (cases.Count == 0)
            {
                db.Interactions.Add(FlagEvent(account.CustomerId, null, flag, actor, now));
            }

            foreach (var @case in cases)
            {
                db.Interactions.Add(FlagEvent(account.CustomerId, @case.Id, flag, actor, now));
                @case.UpdatedAt = now;
            }

            Auditor.Record(db, actor, now, "account", account.Id, "charge_flagged", [new FieldChange("charge", null, flag.Describe())]);
        }

        return flagged.Count;
    }

    private static Interaction FlagEvent(Guid customerId, Guid? caseId, ChargeFlag flag, Actor actor, DateTimeOffset now) => new()
    {
        CustomerId = customerId,
        CaseId = caseId,
        Kind = InteractionKind.Event,
        EventType = ChargeFlag.ChargeAfterClosure,
        Body = flag.Describe(),
        AuthorId = actor.UserId,
        AuthorName = actor.Name,
        OccurredAt = now,
        RecordedAt = now,
    };

    private static ParsedCharge? ReadCharge(Validator v, string at, ImportChargeRequest c, string? currency)
    {
        var kind = v.Required(at + "kind", c.Kind, 64)?.ToLowerInvariant().Replace(' ', '_');
        var description = v.Optional(at + "description", c.Description, 500);
        if (c.PostedOn is null)
        {
            v.Add(at + "postedOn", "This field is required (YYYY-MM-DD).");
        }

        var (amount, chargeCurrency) = ReadMoney(v, at + "amount", c.Amount, required: true);
        return kind is null || amount is null || c.PostedOn is null
            ? null
            : new ParsedCharge(c.AccountNumber?.Trim().ToUpperInvariant(), c.PostedOn.Value, kind, description, amount.Value, chargeCurrency ?? currency);
    }

    private static (decimal? Amount, string? Currency) ReadMoney(Validator v, string field, MoneyInput? money, bool required)
    {
        if (money?.Amount is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            if (required)
            {
                v.Add(field, "This field is required: {\"amount\":\"25.00\",\"currency\":\"USD\"}.");
            }

            return (null, money?.Currency);
        }

        decimal? amount = element.ValueKind switch
        {
            JsonValueKind.Number when element.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(element.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
        if (amount is null)
        {
            v.Add(field + ".amount", "Not an amount: write it like \"25.00\".");
        }

        var currency = money.Currency?.Trim().ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            v.Add(field + ".currency", "Not an ISO 4217 currency code such as USD.");
        }

        return (amount, currency);
    }

    private static string? Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record ParsedCharge(string? AccountNumber, DateOnly PostedOn, string Kind, string? Description, decimal Amount, string? Currency);
}
