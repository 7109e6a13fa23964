using System.Globalization;
using Bridgeline.Infrastructure;

namespace Bridgeline.Bench;

/// <summary>The command line: a scenario and its options, with defaults sized for a quick run.</summary>
public sealed class BenchOptions
{
    public string Scenario { get; private set; } = "all";

    public DatabaseProvider Provider { get; private set; } = DatabaseProvider.Postgres;

    public string? Postgres { get; private set; }

    public string Sqlite { get; private set; } = "bench-data/bridgeline-bench.db";

    public int Customers { get; private set; } = 10_000;

    public int Cases { get; private set; } = 20_000;

    public bool Reuse { get; private set; }

    public IReadOnlyList<int> Clients { get; private set; } = [1, 4, 16, 64];

    public double Seconds { get; private set; } = 10;

    public int Samples { get; private set; } = 300;

    public string? Report { get; private set; } = "BENCHMARKS.md";

    public string CommandLine { get; private set; } = "";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions { CommandLine = "dotnet run -c Release --project bench/Bridgeline.Bench -- " + string.Join(' ', args) };
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            o.Scenario = args[0];
            i = 1;
        }

        for (; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--provider": o.Provider = Enum.Parse<DatabaseProvider>(Next(), ignoreCase: true); break;
                case "--postgres": o.Postgres = Next(); break;
                case "--sqlite": o.Sqlite = Next(); o.Provider = DatabaseProvider.Sqlite; break;
                case "--customers": o.Customers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--cases": o.Cases = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--reuse": o.Reuse = true; break;
                case "--clients": o.Clients = Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList(); break;
                case "--seconds": o.Seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--samples": o.Samples = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--report": o.Report = Next(); break;
                case "--no-report": o.Report = null; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (o.Scenario == "smoke")
        {
            // Proves every scenario completes; the figures of a smoke run are not recorded.
            o.Customers = Math.Min(o.Customers, 2_000);
            o.Cases = Math.Min(o.Cases, 4_000);
            o.Clients = [1, 4];
            o.Seconds = 2;
            o.Samples = 20;
            o.Report = null;
        }

        if (o.Provider == DatabaseProvider.Postgres && string.IsNullOrEmpty(o.Postgres))
        {
            throw new ArgumentException("--postgres \"Host=…;Username=…;Database=…\" is required on PostgreSQL (scripts/postgres.sh start prints one), or use --sqlite FILE.");
        }

        return o;
    }

    public string ConnectionString => Provider == DatabaseProvider.Postgres ? Postgres! : $"Data Source={Path.GetFullPath(Sqlite)}";
}
