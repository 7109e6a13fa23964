using System.Globalization;
using Bridgeline.Auth;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Cases;

public static class CaseQueries
{
    public static async Task<Case> LoadAsync(BridgelineDb db, string caseNumber, CancellationToken ct)
    {
        if (!Case.TryParseNumber(caseNumber, out var number))
        {
            throw new NotFoundProblem($"Case {caseNumber}");
        }

        return await db.Cases.FirstOrDefaultAsync(c => c.Number == number, ct) ?? throw new NotFoundProblem($"Case {caseNumber}");
    }

    public static async Task<CaseDto> GetAsync(BridgelineDb db, string caseNumber, CancellationToken ct)
    {
        if (!Case.TryParseNumber(caseNumber, out var number))
        {
            throw new NotFoundProblem($"Case {caseNumber}");
        }

        var row = await db.Cases.AsNoTracking()
            .Where(c => c.Number == number)
            .Select(c => new
            {
                Case = c,
                CustomerName = c.Customer!.Name,
                TeamName = c.Team != null ? c.Team.Name : null,
                OwnerName = c.Owner != null ? c.Owner.Name : null,
            })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundProblem($"Case {caseNumber}");
        var c = row.Case;
        return new CaseDto(
            c.Id,
            c.DisplayNumber,
            c.CustomerId,
            row.CustomerName,
            c.Subject,
            c.Status,
            c.Priority,
            c.Channel,
            c.TeamId is { } teamId ? new NamedRef(teamId, row.TeamName!) : null,
            c.OwnerId is { } ownerId ? new NamedRef(ownerId, row.OwnerName!) : null,
            c.ContactReasonCode,
            c.Tags,
            c.CreatedAt,
            c.UpdatedAt,
            c.LastActivityAt,
            c.ResolvedAt,
            c.ClosedAt,
            CaseTransitions.From(c.Status),
            await Escalations.EscalationQueries.CustomerNoticeAsync(db, c.Id, c.TeamId, ct));
    }

    /// <summary>
    /// The case list, newest number first, keyset-paged by number: each filter is served by an index
    /// ending in the number, so a page costs the same at ten cases or ten million.
    /// </summary>
    public static async Task<Page<CaseSummary>> ListAsync(BridgelineDb db, CaseFilter filter, Actor actor, string? cursor, int? limit, CancellationToken ct)
    {
        var take = Interactions.Timeline.ClampLimit(limit);
        var v = new Validator();
        var query = db.Cases.AsNoTracking();

        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            var statuses = new List<CaseStatus>();
            foreach (var part in filter.Status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (v.Enum<CaseStatus>("status", part, required: false) is { } s)
                {
                    statuses.Add(s);
                }
            }

            query = query.Where(c => statuses.Contains(c.Status));
        }
        else if (filter.OpenOnly)
        {
            query = query.Where(c => EF.Constant(CaseTransitions.OpenStatuses).Contains(c.Status));
        }

        if (v.Enum<CasePriority>("priority", filter.Priority, required: false) is { } priority)
        {
            query = query.Where(c => c.Priority == priority);
        }

        if (!string.IsNullOrWhiteSpace(filter.Owner))
        {
            if (string.Equals(filter.Owner, "none", StringComparison.OrdinalIgnoreCase))
            {
                query = query.Where(c => c.OwnerId == null);
            }
            else if (await Staff.ResolveUserIdAsync(db, filter.Owner, actor, ct) is { } ownerId)
            {
                query = query.Where(c => c.OwnerId == ownerId);
            }
            else
            {
                v.Add("owner", $"No staff user '{filter.Owner}'. Use \"me\", \"none\", a user id or an email.");
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Team))
        {
            if (await Staff.ResolveTeamIdAsync(db, filter.Team, ct) is { } teamId)
            {
                query = query.Where(c => c.TeamId == teamId);
            }
            else
            {
                v.Add("team", $"No team '{filter.Team}'.");
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Reason))
        {
            query = query.Where(c => c.ContactReasonCode == filter.Reason);
        }

        if (filter.CustomerId is { } customerId)
        {
            query = query.Where(c => c.CustomerId == customerId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            if (Case.TryParseNumber(q, out var number) && q.Length >= 4)
            {
                query = query.Where(c => c.Number == number);
            }
            else
            {
                var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                query = db is PostgresBridgelineDb
                    ? query.Where(c => EF.Functions.ILike(c.Subject, pattern, "\\"))
                    : query.Where(c => EF.Functions.Like(c.Subject, pattern, "\\"));
            }
        }

        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var before))
            {
                v.Add("cursor", "Not a cursor this server issued. Pass back the nextCursor of a previous page.");
            }

            query = query.Where(c => c.Number < before);
        }

        v.ThrowIfInvalid();

        var rows = await query
            .OrderByDescending(c => c.Number)
            .Take(take + 1)
            .Select(c => new
            {
                c.Number,
                c.CustomerId,
                CustomerName = c.Customer!.Name,
                c.Subject,
                c.Status,
                c.Priority,
                c.Channel,
                Team = c.Team != null ? c.Team.Name : null,
                Owner = c.Owner != null ? c.Owner.Name : null,
                c.ContactReasonCode,
                c.CreatedAt,
                c.LastActivityAt,
            })
            .ToListAsync(ct);

        var next = rows.Count > take ? rows[take - 1].Number.ToString(CultureInfo.InvariantCulture) : null;
        var items = rows.Take(take)
            .Select(c => new CaseSummary(Case.FormatNumber(c.Number), c.CustomerId, c.CustomerName, c.Subject, c.Status, c.Priority, c.Channel, c.Team, c.Owner, c.ContactReasonCode, c.CreatedAt, c.LastActivityAt))
            .ToList();
        return new Page<CaseSummary>(items, next);
    }
}
