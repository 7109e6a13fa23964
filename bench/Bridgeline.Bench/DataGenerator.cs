using System.Diagnostics;
using Bogus;
using Bridgeline.Auth;
using Bridgeline.Cases;
using Bridgeline.Customers;
using Bridgeline.Customers.Matching;
using Bridgeline.Data;
using Bridgeline.Interactions;
using Bridgeline.Sla;
using Bridgeline.Teams;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bridgeline.Bench;

/// <summary>
/// A support floor at a chosen scale: teams and agents, customers with several emails and phones typed in
/// mixed formats, cases over two years with a realistic mix of statuses, channels and reasons, and two to
/// eight interactions per case, SLA clocks on the cases still open. Deterministic (fixed seed; dates count back
/// from today's midnight so the server's deadline worker sees a floor in its present), loaded through each
/// database's fast path.
/// </summary>
public sealed class DataGenerator(BenchOptions options)
{
    public const int TeamCount = 12;
    public const int AgentsPerTeam = 25;
    private const int Chunk = 20_000;

    private static readonly string[] TeamNames = ["Tier 1", "Tier 2", "Billing", "Returns", "Shipping", "Hotline", "Claims Management", "Carrier Follow-up", "Retention", "Technical", "Social", "Executive Response"];

    private static readonly string[] Reasons = ["order.where-is-my-order", "order.not-received", "order.damaged", "billing.fee-dispute", "billing.refund", "account.correction", "account.close", "claims.status", "claims.new", "technical.outage", "technical.setup", "shipping.expectation", "complaint.public", "returns.label", "general.question"];

    private static readonly string[] Openers =
    [
        "My order {0} was supposed to arrive last week and the tracking has not moved.",
        "I was charged twice for order {0}. Please refund the second charge.",
        "The package for {0} arrived damaged, the box was crushed and the lamp is broken.",
        "I closed my account last month but I still got a late fee on my statement.",
        "My internet drops every evening around eight and comes back after an hour.",
        "The name on my account is wrong and my plan shows Basic 50 instead of Premium 300.",
        "I was promised a callback yesterday and nobody called.",
        "Where is my refund for the return I sent two weeks ago?",
        "The claim form rejects my business because it has no storefront.",
        "I have been on hold for an hour; I need someone who can actually decide this.",
    ];

    private static readonly string[] Replies =
    [
        "Thank you for your patience. I checked order {0}: the carrier never scanned the parcel, so I am sending a replacement by express at no charge.",
        "I have refunded the duplicate charge of {1} USD; it reaches your card in three to five days.",
        "I escalated this to our claims team with the photos you sent; you will hear from them by Friday.",
        "I removed the late fee and added a note so it does not happen again.",
        "I corrected your plan to Premium 300 and credited the difference for the last two months.",
        "A technician will call you tomorrow between 9 and 12 to check the line.",
    ];

    private static readonly string[] Notes =
    [
        "Customer verified by postcode and last four digits of the card. Tracking shows label created only; carrier follow-up opened.",
        "Refund approved within my limit; order {0} marked for reship. Customer satisfied, no follow-up needed.",
        "Called back as promised; line tested fine from our side, escalated to technical for a field visit.",
        "Customer asked for a supervisor; explained the policy and offered the callback slot, accepted.",
        "Wrap-up: customer wanted a refund for {0}; refunded {1} USD; next step none, case resolved.",
    ];

    public async Task<Floor> EnsureAsync(BridgelineDb db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        var existing = await db.Cases.CountAsync(ct);
        if (existing >= options.Cases && options.Reuse)
        {
            Console.WriteLine($"Reusing the generated data: {existing:N0} cases.");
            return await Floor.ReadAsync(db, ct);
        }

        if (existing > 0)
        {
            throw new InvalidOperationException($"The database already holds {existing:N0} cases; pass --reuse to use it, or point at an empty one.");
        }

        var stopwatch = Stopwatch.StartNew();
        var faker = new Faker("en") { Random = new Randomizer(20261122) };
        var now = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

        var teams = TeamNames.Take(TeamCount).Select(n => new Team { Name = n, CreatedAt = now.AddYears(-3) }).ToList();
        var agents = new List<StaffUser>();
        foreach (var team in teams)
        {
            for (var i = 0; i < AgentsPerTeam; i++)
            {
                var email = $"agent{agents.Count + 1}@bench.bridgeline";
                agents.Add(new StaffUser
                {
                    Name = faker.Name.FullName(), Role = Roles.Agent, TeamId = team.Id, CreatedAt = now.AddYears(-2),
                    Email = email, NormalizedEmail = email.ToUpperInvariant(), UserName = email, NormalizedUserName = email.ToUpperInvariant(),
                    SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
                });
            }
        }

        var reasons = await db.ContactReasons.Select(r => r.Code).ToListAsync(ct);
        var newReasons = Reasons.Except(reasons, StringComparer.Ordinal).Select(code => new ContactReason { Code = code, Name = code }).ToList();

        var agentsByTeam = agents.GroupBy(a => a.TeamId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        await using var sink = await Sink.OpenAsync(db, ct);
        await sink.WriteAsync(teams, ct);
        await sink.WriteAsync(agents, ct);
        await sink.WriteAsync(newReasons, ct);

        var progress = new Progress("Generating", options.Customers + options.Cases);
        var customers = new List<Guid>(options.Customers);
        var number = CaseNumbers.FirstNumber;
        var casesPerCustomer = (double)options.Cases / options.Customers;
        var casesLeft = options.Cases;
        var span = TimeSpan.FromDays(730);
        var interactionCount = 0L;

        for (var start = 0; start < options.Customers; start += Chunk)
        {
            var batch = new List<Customer>();
            var emails = new List<CustomerEmail>();
            var phones = new List<CustomerPhone>();
            var nameKeys = new List<CustomerNameKey>();
            var clocks = new List<SlaClock>();
            var cases = new List<Case>();
            var interactions = new List<Interaction>();
            var owed = new List<Customer>();
            for (var i = start; i < Math.Min(options.Customers, start + Chunk); i++)
            {
                var person = new Person("en", 1000 + i);
                var created = now.AddDays(-faker.Random.Int(30, 900));
                var customer = new Customer { Name = person.FullName, CreatedAt = created, UpdatedAt = created };
                batch.Add(customer);
                nameKeys.AddRange(CustomerNameKey.KeysOf(NameText.Tokens(customer.Name)).Select(k => new CustomerNameKey { CustomerId = customer.Id, Key = k }));
                customers.Add(customer.Id);
                for (var e = 0; e < faker.Random.Int(1, 3); e++)
                {
                    var address = e == 0 ? person.Email : faker.Internet.Email(person.FirstName, person.LastName, uniqueSuffix: i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    emails.Add(new CustomerEmail { CustomerId = customer.Id, Address = address, Normalized = address.ToLowerInvariant() });
                }

                for (var p = 0; p < faker.Random.Int(1, 2); p++)
                {
                    var phone = Phones.ToCustomerPhone(TypedPhone(faker, i * 3 + p), "US");
                    phone.CustomerId = customer.Id;
                    phones.Add(phone);
                }

                // Spread the cases so the total lands on the requested count.
                var want = i == options.Customers - 1 ? casesLeft : Math.Min(casesLeft, (int)Math.Round(casesPerCustomer * faker.Random.Double(0.3, 1.7)));
                for (var c = 0; c < want; c++)
                {
                    owed.Add(customer);
                }

                casesLeft -= want;
            }

            // Case numbers go up with time, as on a real floor, so the tables lie on disk in time order;
            // within a chunk the customers' cases are shuffled so one customer's cases are spread in time.
            foreach (var customer in faker.Random.Shuffle(owed))
            {
                var created = now - span * (1 - (number - CaseNumbers.FirstNumber + 0.5) / options.Cases) - TimeSpan.FromMinutes(faker.Random.Int(0, 30));
                var (@case, said) = NewCase(faker, customer, teams, agentsByTeam, number++, created, now);
                cases.Add(@case);
                interactions.AddRange(said);
                if (ResolutionClock(@case, now) is { } slaClock)
                {
                    clocks.Add(slaClock);
                }
            }

            await sink.WriteAsync(batch, ct);
            await sink.WriteAsync(nameKeys, ct);
            await sink.WriteAsync(emails, ct);
            await sink.WriteAsync(phones, ct);
            await sink.WriteAsync(cases, ct);
            await sink.WriteAsync(interactions, ct);
            await sink.WriteAsync(clocks, ct);
            interactionCount += interactions.Count;
            progress.Advance(batch.Count + cases.Count);
        }

        progress.Done();
        await sink.FinishAsync(number, ct);
        Console.WriteLine($"Generated {options.Customers:N0} customers, {options.Cases - casesLeft:N0} cases, {interactionCount:N0} interactions in {stopwatch.Elapsed.TotalSeconds:N0} s.");
        return await Floor.ReadAsync(db, ct);
    }

    private static string TypedPhone(Faker faker, int seed)
    {
        var area = 201 + (seed % 700);
        var line = 1000 + (seed * 7919 % 9000);
        var exchange = 200 + (seed / 7 % 700);
        return faker.Random.Int(0, 4) switch
        {
            0 => $"({area}) {exchange}-{line}",
            1 => $"+1 {area}-{exchange}-{line}",
            2 => $"{area} {exchange} {line}",
            3 => $"{area}.{exchange}.{line}",
            _ => $"001 {area} {exchange} {line}",
        };
    }

    /// <summary>
    /// The resolution clock of a case still open, as the server would have left it: a two-day target, warned and
    /// breached in the past when its time has come (so the worker has nothing stale to do), due later otherwise.
    /// </summary>
    private static SlaClock? ResolutionClock(Case @case, DateTimeOffset now)
    {
        if (@case.Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            return null;
        }

        var clock = new SlaClock
        {
            CaseId = @case.Id, Kind = SlaClockKind.Resolution, TargetMinutes = 2 * 24 * 60, StartedAt = @case.CreatedAt,
            WarnAt = @case.CreatedAt.AddHours(36), BreachAt = @case.CreatedAt.AddHours(48),
        };
        if (@case.Status == CaseStatus.PendingCustomer)
        {
            clock.State = SlaClockState.Paused;
            clock.ElapsedSeconds = (long)Math.Min((now - @case.CreatedAt).TotalSeconds, 24 * 3600);
            clock.WarnAt = clock.BreachAt = null;
            return clock;
        }

        clock.State = SlaClockState.Running;
        clock.RunningSince = @case.CreatedAt;
        if (clock.BreachAt <= now)
        {
            (clock.WarnedAt, clock.BreachedAt) = (clock.WarnAt, clock.BreachAt);
        }
        else if (clock.WarnAt <= now)
        {
            (clock.WarnedAt, clock.NextDueAt, clock.DueStage) = (clock.WarnAt, clock.BreachAt, SlaDueStage.Breach);
        }
        else
        {
            (clock.NextDueAt, clock.DueStage) = (clock.WarnAt, SlaDueStage.Warn);
        }

        return clock;
    }

    private static (Case Case, List<Interaction> Said) NewCase(Faker f, Customer customer, List<Team> teams, Dictionary<Guid, List<StaffUser>> agentsByTeam, long number, DateTimeOffset created, DateTimeOffset now)
    {
        var age = now - created;
        var team = f.PickRandom(teams);
        var teamAgents = agentsByTeam[team.Id];
        var status = age.TotalDays switch
        {
            > 30 => f.Random.WeightedRandom([CaseStatus.Closed, CaseStatus.Resolved, CaseStatus.Open, CaseStatus.PendingInternal], [0.9f, 0.07f, 0.02f, 0.01f]),
            > 3 => f.Random.WeightedRandom([CaseStatus.Closed, CaseStatus.Resolved, CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.PendingInternal], [0.5f, 0.2f, 0.15f, 0.1f, 0.05f]),
            _ => f.Random.WeightedRandom([CaseStatus.New, CaseStatus.Open, CaseStatus.PendingCustomer, CaseStatus.Resolved], [0.35f, 0.4f, 0.15f, 0.1f]),
        };
        var channel = f.Random.WeightedRandom([Channel.Email, Channel.Phone, Channel.Chat, Channel.Web, Channel.Social], [0.4f, 0.3f, 0.18f, 0.1f, 0.02f]);
        var owner = status == CaseStatus.New && f.Random.Bool(0.7f) ? null : f.PickRandom(teamAgents);
        var order = $"C-{f.Random.Int(1000, 999_999)}";
        var amount = f.Random.Int(5, 400).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var @case = new Case
        {
            Number = number, CustomerId = customer.Id, Subject = Subject(f, order), Status = status,
            Priority = f.Random.WeightedRandom([CasePriority.Low, CasePriority.Normal, CasePriority.High, CasePriority.Urgent], [0.15f, 0.65f, 0.15f, 0.05f]),
            Channel = channel, TeamId = team.Id, OwnerId = owner?.Id, ContactReasonCode = f.PickRandom(Reasons),
            Tags = f.Random.Bool(0.2f) ? [f.PickRandom("vip", "repeat", "public", "fees", "order")] : [],
            CreatedAt = created, UpdatedAt = created,
        };

        var said = new List<Interaction>();
        var at = created;
        var count = f.Random.WeightedRandom([2, 3, 4, 5, 6, 7, 8], [0.12f, 0.22f, 0.26f, 0.18f, 0.12f, 0.06f, 0.04f]);
        for (var k = 0; k < count; k++)
        {
            var agent = owner ?? f.PickRandom(teamAgents);
            var kind = k == 0 ? 0 : f.Random.WeightedRandom([0, 1, 2, 3], [0.3f, 0.35f, 0.25f, 0.1f]);
            var item = new Interaction { CustomerId = customer.Id, CaseId = @case.Id, OccurredAt = at, RecordedAt = at, AuthorName = customer.Name };
            switch (kind)
            {
                case 0:
                    item.Kind = InteractionKind.Message; item.Channel = channel; item.Direction = Direction.Inbound;
                    item.Body = string.Format(System.Globalization.CultureInfo.InvariantCulture, f.PickRandom(Openers), order);
                    break;
                case 1:
                    item.Kind = InteractionKind.Message; item.Channel = channel; item.Direction = Direction.Outbound; item.AuthorId = agent.Id; item.AuthorName = agent.Name;
                    item.Body = string.Format(System.Globalization.CultureInfo.InvariantCulture, f.PickRandom(Replies), order, amount);
                    break;
                case 2:
                    item.Kind = InteractionKind.Note; item.NoteKind = f.Random.Bool(0.4f) ? NoteKind.Wrapup : NoteKind.Internal; item.AuthorId = agent.Id; item.AuthorName = agent.Name;
                    // A small share of old wrap-ups are the junk S1 is about, written before the gate existed.
                    item.Body = f.Random.Bool(0.01f) ? "blah blah blah" : string.Format(System.Globalization.CultureInfo.InvariantCulture, f.PickRandom(Notes), order, amount);
                    break;
                default:
                    item.Kind = InteractionKind.Call; item.Channel = Channel.Phone; item.Direction = Direction.Inbound; item.AuthorId = agent.Id; item.AuthorName = agent.Name;
                    item.CallFrom = "+1" + f.Random.ReplaceNumbers("##########"); item.CallEndedAt = at.AddMinutes(f.Random.Int(1, 25)); item.CallDropped = f.Random.Bool(0.05f);
                    break;
            }

            said.Add(item);
            at = at.AddMinutes(f.Random.Int(5, 60 * 24));
            at = at > now ? now : at;
        }

        @case.LastActivityAt = at > now ? now : at;
        @case.UpdatedAt = @case.LastActivityAt;
        if (status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            @case.ResolvedAt = @case.LastActivityAt;
            @case.ClosedAt = status == CaseStatus.Closed ? @case.LastActivityAt : null;
        }

        return (@case, said);
    }

    private static string Subject(Faker f, string order) => f.Random.Int(0, 7) switch
    {
        0 => $"Where is my order {order}?",
        1 => "Charged twice",
        2 => $"Damaged parcel, order {order}",
        3 => "Late fee after closing my account",
        4 => "Internet keeps dropping",
        5 => "Wrong plan on my account",
        6 => "Nobody called me back",
        _ => "Refund for my return",
    };

    /// <summary>
    /// Where the rows go: binary COPY on PostgreSQL, prepared inserts in big transactions on SQLite. On PostgreSQL
    /// the big tables' secondary indexes are dropped for the load and built once at the end, and the load session
    /// skips foreign-key triggers (the generator writes parents before children): the usual bulk-load practice,
    /// which needs the superuser the benchmark's throwaway server has.
    /// </summary>
    private sealed class Sink : IAsyncDisposable
    {
        private static readonly string[] BigTables = ["customers", "customer_name_keys", "customer_emails", "customer_phones", "cases", "interactions", "sla_clocks"];

        private readonly BridgelineDb db;
        private readonly NpgsqlConnection? postgres;
        private readonly List<(string Name, string Definition)> deferredIndexes = [];

        private Sink(BridgelineDb db, NpgsqlConnection? postgres)
        {
            this.db = db;
            this.postgres = postgres;
        }

        public static async Task<Sink> OpenAsync(BridgelineDb db, CancellationToken ct)
        {
            if (db is PostgresBridgelineDb)
            {
                var connection = new NpgsqlConnection(db.Database.GetConnectionString());
                await connection.OpenAsync(ct);
                var sink = new Sink(db, connection);
                await sink.DeferIndexesAsync(ct);
                return sink;
            }

            await db.Database.OpenConnectionAsync(ct);
            return new Sink(db, null);
        }

        public async Task WriteAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct)
            where T : class
        {
            if (rows.Count == 0)
            {
                return;
            }

            var writer = new RowWriter<T>(db);
            if (postgres is not null)
            {
                await writer.CopyAsync(postgres, rows, ct);
                return;
            }

            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = writer.PrepareInsert(connection);
            command.Transaction = transaction;
            foreach (var row in rows)
            {
                writer.Bind(command, row);
                await command.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        private async Task DeferIndexesAsync(CancellationToken ct)
        {
            await using (var list = new NpgsqlCommand(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY(@tables) " +
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)", postgres))
            {
                list.Parameters.AddWithValue("tables", BigTables);
                await using var reader = await list.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    deferredIndexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            var drop = string.Concat(deferredIndexes.Select(i => $"DROP INDEX \"{i.Name}\"; "));
            await using var command = new NpgsqlCommand(drop + "SET session_replication_role = replica;", postgres);
            await command.ExecuteNonQueryAsync(ct);
        }

        public async Task FinishAsync(long nextNumber, CancellationToken ct)
        {
            if (postgres is not null)
            {
                var started = Stopwatch.StartNew();
                await using (var settings = new NpgsqlCommand("SET session_replication_role = DEFAULT; SET maintenance_work_mem = '1GB';", postgres))
                {
                    await settings.ExecuteNonQueryAsync(ct);
                }

                foreach (var (name, definition) in deferredIndexes)
                {
                    Console.Write($"\rBuilding index {name} ...".PadRight(80));
                    await using var build = new NpgsqlCommand(definition, postgres) { CommandTimeout = 0 };
                    await build.ExecuteNonQueryAsync(ct);
                }

                Console.WriteLine($"\rBuilt {deferredIndexes.Count} indexes in {started.Elapsed.TotalSeconds:N0} s.".PadRight(80));
                await using var command = new NpgsqlCommand($"SELECT setval('{CaseNumbers.SequenceName}', {nextNumber}, false); ANALYZE;", postgres) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync(ct);
                return;
            }

            var last = nextNumber - 1;
            await db.Database.ExecuteSqlAsync($"UPDATE counters SET value = {last} WHERE name = {CaseNumbers.CounterName}", ct);
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
            else
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}

/// <summary>What the scenarios pick targets from: agents with their teams, and a sample of customers and cases.</summary>
public sealed record Floor(IReadOnlyList<(Guid Id, string Email, string Team)> Agents, IReadOnlyList<Guid> Customers, IReadOnlyList<long> CaseNumbers, IReadOnlyList<string> Teams)
{
    public static async Task<Floor> ReadAsync(BridgelineDb db, CancellationToken ct)
    {
        var agents = await db.Users.Where(u => u.Email!.EndsWith("@bench.bridgeline")).OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, Team = u.Team!.Name }).ToListAsync(ct);
        var customers = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).Take(200_000).ToListAsync(ct);
        var max = await db.Cases.MaxAsync(c => (long?)c.Number, ct) ?? 0;
        var numbers = Enumerable.Range(0, 2_000).Select(i => Cases.CaseNumbers.FirstNumber + (long)((max - Cases.CaseNumbers.FirstNumber) * (i / 2000.0))).ToList();
        var teams = await db.Teams.Select(t => t.Name).ToListAsync(ct);
        return new Floor(agents.Select(a => (a.Id, a.Email!, a.Team)).ToList(), customers, numbers, teams);
    }
}

/// <summary>A one-line progress bar on the console.</summary>
public sealed class Progress(string label, long total)
{
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private long done;

    public void Advance(long count)
    {
        done += count;
        var share = total == 0 ? 1 : (double)done / total;
        var bar = new string('#', (int)(share * 30)).PadRight(30, '.');
        var rate = done / Math.Max(0.001, stopwatch.Elapsed.TotalSeconds);
        Console.Write($"\r{label} [{bar}] {share,6:P0}  {rate:N0} rows/s   ");
    }

    public void Done() => Console.WriteLine();
}
