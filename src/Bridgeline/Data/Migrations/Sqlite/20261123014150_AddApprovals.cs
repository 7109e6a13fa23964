using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Bridgeline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "reversed_at",
                table: "charge",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requested_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    requested_by_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    why = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    assignee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    assignee_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    routed_via = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    decided_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decided_by_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_approval_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_approval_requests_asp_net_users_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_approval_requests_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_approval_requests_resolution_action_action_id",
                        column: x => x.action_id,
                        principalTable: "resolution_action",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "authority_limits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    max_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_authority_limits", x => x.id);
                    table.ForeignKey(
                        name: "fk_authority_limits_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "expectations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    source_detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    company_created = table.Column<bool>(type: "INTEGER", nullable: false),
                    valid = table.Column<bool>(type: "INTEGER", nullable: false),
                    obligation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    actual = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    met_at = table.Column<long>(type: "INTEGER", nullable: true),
                    met_by_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    met_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    explained_at = table.Column<long>(type: "INTEGER", nullable: true),
                    recorded_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    recorded_by_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expectations", x => x.id);
                    table.ForeignKey(
                        name: "fk_expectations_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "policy_blocks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    policy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    at_stake_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    at_stake_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    harm = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    escalation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    recorded_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    recorded_by_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    outcome_at = table.Column<long>(type: "INTEGER", nullable: true),
                    outcome_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_blocks", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_blocks_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_policy_blocks_escalation_escalation_id",
                        column: x => x.escalation_id,
                        principalTable: "escalations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_policy_blocks_policy_policy_id",
                        column: x => x.policy_id,
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "authority_limits",
                columns: new[] { "id", "currency", "kind", "max_amount", "role", "updated_at", "updated_by_name", "user_id" },
                values: new object[,]
                {
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000001"), "USD", "Refund", 50m, "agent", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000002"), "USD", "PartialRefund", 50m, "agent", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000003"), "USD", "Credit", 50m, "agent", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000004"), "USD", "FeeReversal", 100m, "agent", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000005"), "USD", "Refund", 500m, "supervisor", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000006"), "USD", "PartialRefund", 500m, "supervisor", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000007"), "USD", "Credit", 500m, "supervisor", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000008"), "USD", "FeeReversal", 500m, "supervisor", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000009"), "USD", "Refund", 5000m, "manager", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000010"), "USD", "PartialRefund", 5000m, "manager", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000011"), "USD", "Credit", 5000m, "manager", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000012"), "USD", "FeeReversal", 5000m, "manager", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000013"), "USD", "Refund", null, "admin", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000014"), "USD", "PartialRefund", null, "admin", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000015"), "USD", "Credit", null, "admin", 639028224000000000L, "Bridgeline", null },
                    { new Guid("a0a0a0a0-0000-7000-8000-000000000016"), "USD", "FeeReversal", null, "admin", 639028224000000000L, "Bridgeline", null }
                });

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_action_id",
                table: "approval_requests",
                column: "action_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_assignee_id_state_created_at",
                table: "approval_requests",
                columns: new[] { "assignee_id", "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_case_id_created_at",
                table: "approval_requests",
                columns: new[] { "case_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_approval_requests_state_created_at",
                table: "approval_requests",
                columns: new[] { "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_authority_limits_role_kind_currency",
                table: "authority_limits",
                columns: new[] { "role", "kind", "currency" });

            migrationBuilder.CreateIndex(
                name: "ix_authority_limits_user_id_kind_currency",
                table: "authority_limits",
                columns: new[] { "user_id", "kind", "currency" });

            migrationBuilder.CreateIndex(
                name: "ix_expectations_case_id_recorded_at",
                table: "expectations",
                columns: new[] { "case_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_expectations_recorded_at_source",
                table: "expectations",
                columns: new[] { "recorded_at", "source" });

            migrationBuilder.CreateIndex(
                name: "ix_policies_code",
                table: "policies",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policy_blocks_case_id",
                table: "policy_blocks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_blocks_escalation_id",
                table: "policy_blocks",
                column: "escalation_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_blocks_policy_id_recorded_at",
                table: "policy_blocks",
                columns: new[] { "policy_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_policy_blocks_recorded_at",
                table: "policy_blocks",
                column: "recorded_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_requests");

            migrationBuilder.DropTable(
                name: "authority_limits");

            migrationBuilder.DropTable(
                name: "expectations");

            migrationBuilder.DropTable(
                name: "policy_blocks");

            migrationBuilder.DropTable(
                name: "policies");

            migrationBuilder.DropColumn(
                name: "reversed_at",
                table: "charge");
        }
    }
}
