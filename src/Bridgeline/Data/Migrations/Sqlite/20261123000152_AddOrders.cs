using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bridgeline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "order",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    lines = table.Column<string>(type: "TEXT", nullable: false),
                    placed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order", x => x.id);
                    table.ForeignKey(
                        name: "fk_order_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "resolution_action",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    target_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    service_level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    part_of_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    execution_reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    requested_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    requested_by_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    executed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resolution_action", x => x.id);
                    table.ForeignKey(
                        name: "fk_resolution_action_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_order",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    attached_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_order", x => new { x.case_id, x.order_id });
                    table.ForeignKey(
                        name: "fk_case_order_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_order_order_order_id",
                        column: x => x.order_id,
                        principalTable: "order",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shipment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    tracking_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reference_kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    carrier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    service_level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    shipped_at = table.Column<long>(type: "INTEGER", nullable: true),
                    promised_by = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    last_event_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_event_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    last_event_description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    last_event_location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    reported_not_received_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reship_of_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    no_charge_upgrade = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipment", x => x.id);
                    table.ForeignKey(
                        name: "fk_shipment_order_order_id",
                        column: x => x.order_id,
                        principalTable: "order",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_shipment_shipment_reship_of_id",
                        column: x => x.reship_of_id,
                        principalTable: "shipment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entry",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entry", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_entry_resolution_action_action_id",
                        column: x => x.action_id,
                        principalTable: "resolution_action",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "carrier_follow_up",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    shipment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_by_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_carrier_follow_up", x => x.id);
                    table.ForeignKey(
                        name: "fk_carrier_follow_up_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_carrier_follow_up_shipment_shipment_id",
                        column: x => x.shipment_id,
                        principalTable: "shipment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_carrier_follow_up_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tracking_event",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    tracking_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    shipment_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    carrier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tracking_event", x => x.id);
                    table.ForeignKey(
                        name: "fk_tracking_event_shipment_shipment_id",
                        column: x => x.shipment_id,
                        principalTable: "shipment",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_carrier_follow_up_case_id_created_at",
                table: "carrier_follow_up",
                columns: new[] { "case_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_carrier_follow_up_shipment_id",
                table: "carrier_follow_up",
                column: "shipment_id");

            migrationBuilder.CreateIndex(
                name: "ix_carrier_follow_up_team_id_status",
                table: "carrier_follow_up",
                columns: new[] { "team_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_case_order_order_id",
                table: "case_order",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entry_action_id",
                table: "ledger_entry",
                column: "action_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entry_customer_id_at",
                table: "ledger_entry",
                columns: new[] { "customer_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_order_customer_id_placed_at",
                table: "order",
                columns: new[] { "customer_id", "placed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_order_number",
                table: "order",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_resolution_action_case_id_created_at",
                table: "resolution_action",
                columns: new[] { "case_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_resolution_action_status_created_at",
                table: "resolution_action",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shipment_order_id",
                table: "shipment",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_shipment_reship_of_id",
                table: "shipment",
                column: "reship_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_shipment_tracking_number",
                table: "shipment",
                column: "tracking_number");

            migrationBuilder.CreateIndex(
                name: "ix_tracking_event_shipment_id_occurred_at",
                table: "tracking_event",
                columns: new[] { "shipment_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tracking_event_tracking_number_code_occurred_at",
                table: "tracking_event",
                columns: new[] { "tracking_number", "code", "occurred_at" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "carrier_follow_up");

            migrationBuilder.DropTable(
                name: "case_order");

            migrationBuilder.DropTable(
                name: "ledger_entry");

            migrationBuilder.DropTable(
                name: "tracking_event");

            migrationBuilder.DropTable(
                name: "resolution_action");

            migrationBuilder.DropTable(
                name: "shipment");

            migrationBuilder.DropTable(
                name: "order");
        }
    }
}
