using Bridgeline.Audit;
using Bridgeline.Auth;
using Bridgeline.Data;
using Bridgeline.Infrastructure;
using Bridgeline.Interactions;
using Microsoft.EntityFrameworkCore;

namespace Bridgeline.Cases;

/// <summary>Opening a case and changing it. Each change is audited and shown on the timeline in the same transaction.</summary>
public sealed class CaseOperations(BridgelineDb db, TimeProvider clock)
{
    public async Task<Case> CreateAsync(CreateCaseRequest request, Actor actor, CancellationToken ct)
    {
        var v = new Validator();
        if (request.CustomerId is null)
        {
            v.Add("customerId", "This field is required.");
        }

        var subject = v.Required("subject", request.Subject, 300);
        var channel = v.Enum<Channel>("channel", request.Channel, required: true);
        var priority = v.Enum<CasePriority>("priority", request.Priority, required: false) ?? CasePriority.Normal;
        var body = v.Optional("body", request.Body, 100_000);
        var tags = ReadTags(v, request.Tags);
        Guid? teamId = null;
        Guid? ownerId = null;
        if (!string.IsNullOrWhiteSpace(request.Team) && (teamId = await Staff.ResolveTeamIdAsync(db, request.Team, ct)) is null)
        {
            v.Add("team", $"No team '{request.Team}'. Known teams: {string.Join(", ", await db.Teams.Select(t => t.Name).ToListAsync(ct))}.");
        }

        if (!string.IsNullOrWhiteSpace(request.Owner) && (ownerId = await Staff.ResolveUserIdAsync(db, request.Owner, actor, ct)) is null)
        {
            v.Add("owner", $"No staff user '{request.Owner}'.");
        }

        var reason = await ReadReasonAsync(v, request.ContactReason, ct);
        if (request.CustomerId is { } cid && !await db.Customers.AnyAsync(c => c.Id == cid, ct))
        {
            v.Add("customerId", $"No customer {cid}.");
        }

        v.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var @case = new Case
        {
            CustomerId = request.CustomerId!.Value,
            Subject = subject!,
            Channel = channel!.Value,
            Priority = priority,
            TeamId = teamId ?? actor.TeamId,
            OwnerId = ownerId,
            ContactReasonCode = reason,
            Tags = tags ?? [],
            CreatedAt = now,
            UpdatedAt = now,
            LastActivityAt = now,
        };
        await CaseNumbers.AssignAsync(db, @case, ct);
        db.Cases.Add(@case);
        if (body is not null)
        {
            db.Interactions.Add(new Interaction
            {
                CustomerId = @case.CustomerId,
                CaseId = @case.Id,
                Kind = InteractionKind.Message,
                Channel = @case.Channel,
                Direction = Direction.Inbound,
                Body = body,
                AuthorName = actor.IsStaff ? "Customer (taken by " + actor.Name + ")" : "Customer",
                OccurredAt = now,
                RecordedAt = now,
            });
        }

        Auditor.Record(db, actor, now, "case", @case.Id, "created", [
            new FieldChange("subject", null, @case.Subject),
            new FieldChange("channel", null, Names.Of(@case.Channel)),
        ]);

        await Sla.SlaClocks.SyncAsync(db, @case, now, null, ct);
        await db.SaveChangesAsync(ct);

        return @case;
    }

    public async Task<Case> UpdateAsync(string caseNumber, UpdateCaseRequest request, Actor actor, CancellationToken ct, bool unassign = false)
    {
        var v = new Validator();
        var subject = request.Subject is null ? null : v.Required("subject", request.Subject, 300);
        var status = v.Enum<CaseStatus>("status", request.Status, required: false);
        var priority = v.Enum<CasePriority>("priority", request.Priority, required: false);
        var tags = ReadTags(v, request.Tags);
        var reasonText = v.Optional("reason", request.Reason, 2000);
        Guid? teamId = null;
        Guid? ownerId = null;
        if (request.Team is not null && (teamId = await Staff.ResolveTeamIdAsync(db, request.Team, ct)) is null)
        {
            v.Add("team", $"No team '{request.Team}'.");
        }

        if (request.Owner is not null && (ownerId = await Staff.ResolveUserIdAsync(db, request.Owner, actor, ct)) is null)
        {
            v.Add("owner", string.Equals(request.Owner, "me", StringComparison.OrdinalIgnoreCase)
                ? "\"me\" needs a signed-in staff user or a key issued to one."
                : $"No staff user '{request.Owner}'.");
        }

        var contactReason = request.ContactReason is null ? null : await ReadReasonAsync(v, request.ContactReason, ct);
        v.ThrowIfInvalid();

        return await ConcurrencyRetry.RunAsync(db, async () =>
        {
            var @case = await CaseQueries.LoadAsync(db, caseNumber, ct);
            var now = clock.GetUtcNow();
            var changes = new List<FieldChange>();

            if (subject is not null)
            {
                Auditor.Compare(changes, "subject", @case.Subject, subject);
                @case.Subject = subject;
            }

            if (priority is { } p)
            {
                Auditor.Compare(changes, "priority", Names.Of(@case.Priority), Names.Of(p));
                @case.Priority = p;
            }

            if (teamId is not null && teamId != @case.TeamId)
            {
                var names = await db.Teams.Where(t => t.Id == teamId || t.Id == @case.TeamId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
                changes.Add(new FieldChange("team", @case.TeamId is { } old ? names.GetValueOrDefault(old) : null, names[teamId.Value]));
                @case.TeamId = teamId;
            }

            if (contactReason is not null)
            {
                Auditor.Compare(changes, "contactReason", @case.ContactReasonCode, contactReason);
                @case.ContactReasonCode = contactReason;
            }

            if (tags is not null)
            {
                Auditor.Compare(changes, "tags", string.Join(", ", @case.Tags), string.Join(", ", tags));
                @case.Tags = tags;
            }

            if ((ownerId is not null && ownerId != @case.OwnerId) || (unassign && @case.OwnerId is not null))
            {
                var ids = new[] { ownerId, @case.OwnerId }.Where(x => x is not null).Select(x => x!.Value).ToList();
                var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
                var before = @case.OwnerId is { } o ? names.GetValueOrDefault(o) : null;
                var after = ownerId is { } n ? names[n] : null;
                @case.OwnerId = ownerId;
                @case.Version++;
                Auditor.Record(db, actor, now, "case", @case.Id, "assigned", [new FieldChange("owner", before, after)], reasonText);
                CaseActivity.AddEvent(db, @case, actor, now, "assigned", after is null ? $"Unassigned (was {before})" : $"Assigned to {after}" + (before is null ? "" : $" (was {before})"));
            }

            if (status is { } s)
            {
                CaseActivity.ChangeStatus(db, @case, s, actor, now, reasonText);
            }

            if (changes.Count > 0)
            {
                @case.Version++;
                Auditor.Record(db, actor, now, "case", @case.Id, "updated", changes, reasonText);
            }

            @case.UpdatedAt = now;
            await Sla.SlaClocks.SyncAsync(db, @case, now, null, ct);
            await db.SaveChangesAsync(ct);
            return @case;
        }, ct);
    }

    private async Task<string?> ReadReasonAsync(Validator v, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var value = code.Trim();
        if (!await db.ContactReasons.AnyAsync(r => r.Code == value && r.IsActive, ct))
        {
            v.Add("contactReason", $"No active contact reason '{value}'. See GET /api/contact-reasons.");
        }

        return value;
    }

    private static List<string>? ReadTags(Validator v, List<string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        var result = new List<string>();
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(tag) || tag.Length > 50)
            {
                v.Add($"tags[{i}]", "A tag must be 1 to 50 characters.");
            }
            else if (!result.Contains(tag, StringComparer.Ordinal))
            {
                result.Add(tag);
            }
        }

        return result;
    }
}
