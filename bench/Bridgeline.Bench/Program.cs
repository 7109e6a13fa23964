using System.Globalization;
using Bridgeline.Bench;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;

// Scenarios: generate | intake | views | carrier-events | deadlines | all | smoke | micro. See BENCHMARKS.md for the recorded runs.
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Micro).Assembly).Run(args[1..]);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: bench <generate|intake|views|carrier-events|deadlines|all|smoke|micro> (--postgres CONN | --sqlite FILE) [--customers N] [--cases N] [--reuse] [--clients 1,4,16,64] [--seconds S] [--samples N] [--no-report]");
    return 2;
}

var ct = CancellationToken.None;
var connection = options.Provider == DatabaseProvider.Postgres
    ? await Databases.PostgresForScaleAsync(options.Postgres!, options.Customers, options.Cases, fresh: !options.Reuse, ct)
    : options.ConnectionString;
await using var db = Databases.Open(options.Provider, connection);
var floor = await new DataGenerator(options).EnsureAsync(db, ct);
if (options.Scenario == "generate")
{
    return 0;
}

var reports = new List<Report>();
double peak;
await using (var server = await ServerProcess.StartAsync(options.Provider, connection, ct))
{
    if (options.Scenario is "intake" or "all" or "smoke")
    {
        reports.Add(await new Intake(options, floor, db, server).RunAsync(ct));
    }

    if (options.Scenario is "views" or "all" or "smoke")
    {
        reports.Add(await new AgentViews(options, floor, server).RunAsync(ct));
    }

    if (options.Scenario is "carrier-events" or "all" or "smoke")
    {
        reports.Add(await new CarrierEvents(options, floor, server).RunAsync(ct));
    }

    if (options.Scenario is "deadlines" or "all")
    {
        reports.Add(await new Deadlines(db).RunAsync(ct));
    }

    peak = server.PeakRssMiB();
}

foreach (var report in reports)
{
    report.Print();
}

Console.WriteLine($"Server peak RSS: {peak:N0} MiB");
if (options.Report is not null)
{
    var cases = await db.Cases.CountAsync(ct);
    var interactions = await db.Interactions.CountAsync(ct);
    var customers = await db.Customers.CountAsync(ct);
    var context = string.Join(Environment.NewLine,
        $"- Date: {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
        $"- Machine: {Environment.ProcessorCount} cores, {Databases.MemoryGiB():N0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
        $"- Database: {options.Provider} ({await Databases.VersionAsync(db, ct)})",
        $"- Data: {customers:N0} customers, {cases:N0} cases, {interactions:N0} interactions",
        $"- Command: `{options.CommandLine}`",
        $"- Server peak RSS over the run: {peak:N0} MiB");
    Report.Append(Path.Combine(ServerProcess.RepoRoot(), options.Report), $"{options.Scenario} on {options.Provider}, {options.Cases:N0} cases", context, reports);
}

return 0;
