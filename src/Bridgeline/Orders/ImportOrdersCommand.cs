using Bridgeline.Auth;
using Bridgeline.Data;

namespace Bridgeline.Orders;

/// <summary>
/// <c>dotnet run --project src/Bridgeline -- import-orders orders.csv</c>: imports a CSV of orders
/// (the columns of <see cref="OrderCsv.Header"/>) in chunks, with a progress bar, and lists the rows refused.
/// </summary>
public static class ImportOrdersCommand
{
    public const string Name = "import-orders";
    private const int Chunk = 500;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        var at = Array.IndexOf(args, Name);
        if (at < 0 || at + 1 >= args.Length || !File.Exists(args[at + 1]))
        {
            await output.WriteLineAsync($"Usage: {Name} <file.csv>   (columns: {OrderCsv.Header})");
            return 2;
        }

        var rows = OrderCsv.ReadRows(await File.ReadAllTextAsync(args[at + 1], ct));
        if (rows.Count < 2)
        {
            await output.WriteLineAsync("The file has no rows below its header.");
            return 2;
        }

        var header = rows[0];
        var numberColumn = Math.Max(0, header.FindIndex(h => h.Trim().Equals("order_number", StringComparison.OrdinalIgnoreCase)));
        var body = rows.Skip(1).Where(r => r.Any(c => c.Length > 0)).ToList();
        int created = 0, refused = 0;
        var problems = new List<string>();

        // Chunks end where an order's rows end, so one order's shipments are never split across chunks.
        var start = 0;
        while (start < body.Count)
        {
            var end = Math.Min(start + Chunk, body.Count);
            while (end < body.Count && OrderNumberOf(body[end], numberColumn) == OrderNumberOf(body[end - 1], numberColumn))
            {
                end++;
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BridgelineDb>();
            var operations = scope.ServiceProvider.GetRequiredService<OrderOperations>();
            var parsed = await OrderCsv.ParseAsync(db, [header, .. body.Skip(start).Take(end - start)], ct);
            var result = OrderCsv.WithRowErrors(await operations.CreateManyAsync(parsed.Orders, Actor.System, ct), parsed);
            created += result.Created.Count;
            refused += result.Errors.Count;
            problems.AddRange(result.Errors.Select(e => $"row {e.Index + start}: {string.Join("; ", e.Errors.Select(x => x.Key + ": " + string.Join(" ", x.Value)))}"));
            start = end;
            await output.WriteAsync($"\r{Bar(start, body.Count)} {start}/{body.Count} rows · {created} orders created · {refused} refused");
        }

        await output.WriteLineAsync();
        foreach (var problem in problems.Take(50))
        {
            await output.WriteLineAsync(problem);
        }

        return refused == 0 ? 0 : 1;
    }

    private static string Bar(int done, int total)
    {
        const int width = 30;
        var filled = total == 0 ? width : done * width / total;
        return "[" + new string('#', filled) + new string(' ', width - filled) + "]";
    }

    private static string OrderNumberOf(List<string> row, int column) => column < row.Count ? row[column].Trim() : "";
}
