using System.Globalization;
using System.Text;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Orders;

/// <summary>
/// Reads orders from CSV, one row per shipment (rows with the same order number form one order;
/// an order without shipments has an empty shipping_number). Customers are found by id or email.
/// </summary>
public static class OrderCsv
{
    public const string Header = "order_number,customer_id,customer_email,placed_at,total,currency,status,shipping_number,carrier,service_level,shipped_at,promised_by";

    public sealed record Parsed(List<CreateOrderRequest?> Orders, List<int> FirstLines, List<BulkError> RowErrors);

    public static Task<Parsed> ParseAsync(BridgelineDb db, string text, CancellationToken ct) => ParseAsync(db, ReadRows(text), ct);

    /// <summary>Rows as read by <see cref="ReadRows"/>, the first naming the columns; errors give the row's line number (1 = header).</summary>
    public static async Task<Parsed> ParseAsync(BridgelineDb db, List<List<string>> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            throw ValidationFailed.For("file", "The file is empty. The first line names the columns: " + Header);
        }

        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var required in new[] { "order_number", "total", "currency" })
        {
            if (!header.Contains(required))
            {
                throw ValidationFailed.For("file", $"Missing column '{required}'. Columns: {Header}");
            }
        }

        string? Cell(List<string> row, string name)
        {
            var i = header.IndexOf(name);
            return i >= 0 && i < row.Count && !string.IsNullOrWhiteSpace(row[i]) ? row[i].Trim() : null;
        }

        DateTimeOffset? Date(List<string> row, string name, Dictionary<string, string[]> errors)
        {
            if (Cell(row, name) is not { } text)
            {
                return null;
            }

            // A date alone means the start of that day in UTC; a full timestamp must carry its offset.
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at;
            }

            errors[name] = [$"'{text}' is not an ISO 8601 date or timestamp."];
            return null;
        }

        var emails = rows.Skip(1).Select(r => Cell(r, "customer_email")?.ToLowerInvariant()).Where(e => e is not null).Distinct().ToList();
        var byEmail = await db.CustomerEmails.AsNoTracking().Where(e => emails.Contains(e.Normalized))
            .Select(e => new { e.Normalized, e.CustomerId }).ToListAsync(ct);
        var customerOf = byEmail.GroupBy(e => e.Normalized, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().CustomerId, StringComparer.Ordinal);

        var orders = new Dictionary<string, (CreateOrderRequest Request, int Line)>(StringComparer.OrdinalIgnoreCase);
        var rowErrors = new List<BulkError>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            var line = i + 1;
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var number = Cell(row, "order_number");
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            Guid? customerId = null;
            if (Cell(row, "customer_id") is { } idText)
            {
                if (Guid.TryParse(idText, CultureInfo.InvariantCulture, out var id))
                {
                    customerId = id;
                }
                else
                {
                    errors["customer_id"] = ["Not a customer id."];
                }
            }
            else if (Cell(row, "customer_email") is { } email)
            {
                if (customerOf.TryGetValue(email.ToLowerInvariant(), out var id))
                {
                    customerId = id;
                }
                else
                {
                    errors["customer_email"] = [$"No customer with email {email}."];
                }
            }

            var placedAt = Date(row, "placed_at", errors);
            var shippedAt = Date(row, "shipped_at", errors);
            var promisedBy = Date(row, "promised_by", errors);
            if (errors.Count > 0 || number is null)
            {
                if (number is null)
                {
                    errors["order_number"] = ["This field is required."];
                }

                rowErrors.Add(new BulkError(line, number, errors));
                continue;
            }

            if (!orders.TryGetValue(number, out var entry))
            {
                entry = (new CreateOrderRequest(number, customerId, placedAt, new MoneyRequest(Cell(row, "total"), Cell(row, "currency")), Cell(row, "status"), null, []), line);
                orders[number] = entry;
            }

            if (Cell(row, "shipping_number") is { } shipping)
            {
                entry.Request.Shipments!.Add(new ShipmentRequest(shipping, Cell(row, "carrier"), Cell(row, "service_level"), shippedAt, promisedBy));
            }
        }

        var list = orders.Values.ToList();
        return new Parsed(list.Select(o => (CreateOrderRequest?)o.Request).ToList(), list.Select(o => o.Line).ToList(), rowErrors);
    }

    /// <summary>Reports problems by the CSV line they came from rather than by position in the parsed list.</summary>
    public static BulkOrdersResult WithRowErrors(BulkOrdersResult result, Parsed parsed)
    {
        var errors = parsed.RowErrors
            .Concat(result.Errors.Select(e => e with { Index = parsed.FirstLines[e.Index] }))
            .OrderBy(e => e.Index)
            .ToList();
        return new BulkOrdersResult(parsed.Orders.Count + parsed.RowErrors.Count, result.Created, errors);
    }

    /// <summary>RFC 4180: commas, quoted fields, doubled quotes, line breaks inside quotes.</summary>
    public static List<List<string>> ReadRows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
