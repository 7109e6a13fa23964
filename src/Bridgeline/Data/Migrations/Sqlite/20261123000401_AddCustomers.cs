using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bridgeline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCustomers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "suffix",
                table: "customer_phones",
                type: "TEXT",
                maxLength: 7,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "account",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    plan = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    opened_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    balance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "customer_name_key",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_name_key", x => new { x.customer_id, x.key });
                    table.ForeignKey(
                        name: "fk_customer_name_key_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_verification",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    verified_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    verified_by_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    verified_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_verification", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_verification_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "charge",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    posted_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    after_closure = table.Column<bool>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charge", x => x.id);
                    table.ForeignKey(
                        name: "fk_charge_account_account_id",
                        column: x => x.account_id,
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_phones_suffix",
                table: "customer_phones",
                column: "suffix");

            migrationBuilder.CreateIndex(
                name: "ix_account_customer_id",
                table: "account",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_number",
                table: "account",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charge_account_id_after_closure",
                table: "charge",
                columns: new[] { "account_id", "after_closure" });

            migrationBuilder.CreateIndex(
                name: "ix_charge_account_id_posted_on",
                table: "charge",
                columns: new[] { "account_id", "posted_on" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_name_key_key_customer_id",
                table: "customer_name_key",
                columns: new[] { "key", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_verification_case_id_verified_at",
                table: "identity_verification",
                columns: new[] { "case_id", "verified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_verification_customer_id_verified_at",
                table: "identity_verification",
                columns: new[] { "customer_id", "verified_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "charge");

            migrationBuilder.DropTable(
                name: "customer_name_key");

            migrationBuilder.DropTable(
                name: "identity_verification");

            migrationBuilder.DropTable(
                name: "account");

            migrationBuilder.DropIndex(
                name: "ix_customer_phones_suffix",
                table: "customer_phones");

            migrationBuilder.DropColumn(
                name: "suffix",
                table: "customer_phones");
        }
    }
}
