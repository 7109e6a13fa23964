using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bridgeline.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddSla : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "escalation_chains",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_chains", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalation_chains_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    chain_id = table.Column<Guid>(type: "uuid", nullable: true),
                    level = table.Column<int>(type: "integer", nullable: false),
                    level_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reason_text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    policy_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    at_stake_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    at_stake_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    harm = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    raised_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    raised_by_name = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledge_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answer_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answer = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    next_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalations", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalations_asp_net_users_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_escalations_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    case_number = table.Column<long>(type: "bigint", nullable: true),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_asp_net_users_recipient_id",
                        column: x => x.recipient_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "promises",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    made_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    remind_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    kept_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    broken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    next_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promises", x => x.id);
                    table.ForeignKey(
                        name: "fk_promises_asp_net_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_promises_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_clocks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: true),
                    target_minutes = table.Column<int>(type: "integer", nullable: false),
                    warn_percent = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    running_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    elapsed_seconds = table.Column<long>(type: "bigint", nullable: false),
                    warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    breach_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stopped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_clocks", x => x.id);
                    table.ForeignKey(
                        name: "fk_sla_clocks_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    work_days = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    opens_at = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    closes_at = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    holidays = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    warn_percent = table.Column<int>(type: "integer", nullable: false),
                    paused_statuses = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_sla_policies_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "escalation_levels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    chain_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    acknowledge_within_minutes = table.Column<int>(type: "integer", nullable: false),
                    answer_within_hours = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_levels", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalation_levels_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_escalation_levels_escalation_chains_chain_id",
                        column: x => x.chain_id,
                        principalTable: "escalation_chains",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_targets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    first_response_minutes = table.Column<int>(type: "integer", nullable: true),
                    next_response_minutes = table.Column<int>(type: "integer", nullable: true),
                    resolution_minutes = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_targets", x => x.id);
                    table.ForeignKey(
                        name: "fk_sla_targets_sla_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "sla_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "escalation_rota",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    level_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_rota", x => x.id);
                    table.ForeignKey(
                        name: "fk_escalation_rota_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_escalation_rota_escalation_levels_level_id",
                        column: x => x.level_id,
                        principalTable: "escalation_levels",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_escalation_chains_team_id",
                table: "escalation_chains",
                column: "team_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_escalation_levels_chain_id_level",
                table: "escalation_levels",
                columns: new[] { "chain_id", "level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_escalation_levels_user_id",
                table: "escalation_levels",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalation_rota_level_id",
                table: "escalation_rota",
                column: "level_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalation_rota_user_id",
                table: "escalation_rota",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_escalations_assignee_id_state_raised_at",
                table: "escalations",
                columns: new[] { "assignee_id", "state", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_case_id_raised_at",
                table: "escalations",
                columns: new[] { "case_id", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_escalations_next_due_at",
                table: "escalations",
                column: "next_due_at");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_recipient_id_read_at_created_at",
                table: "notifications",
                columns: new[] { "recipient_id", "read_at", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_promises_case_id_due_at",
                table: "promises",
                columns: new[] { "case_id", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_promises_next_due_at",
                table: "promises",
                column: "next_due_at");

            migrationBuilder.CreateIndex(
                name: "ix_promises_owner_id_state_due_at",
                table: "promises",
                columns: new[] { "owner_id", "state", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_promises_team_id_made_at",
                table: "promises",
                columns: new[] { "team_id", "made_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_clocks_case_id_kind",
                table: "sla_clocks",
                columns: new[] { "case_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sla_clocks_next_due_at",
                table: "sla_clocks",
                column: "next_due_at");

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_team_id",
                table: "sla_policies",
                column: "team_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sla_targets_policy_id",
                table: "sla_targets",
                column: "policy_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalation_rota");

            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "promises");

            migrationBuilder.DropTable(
                name: "sla_clocks");

            migrationBuilder.DropTable(
                name: "sla_targets");

            migrationBuilder.DropTable(
                name: "escalation_levels");

            migrationBuilder.DropTable(
                name: "sla_policies");

            migrationBuilder.DropTable(
                name: "escalation_chains");
        }
    }
}
