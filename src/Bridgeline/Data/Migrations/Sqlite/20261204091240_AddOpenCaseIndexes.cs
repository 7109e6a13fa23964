using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bridgeline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddOpenCaseIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_cases_owner_id_number",
                table: "cases",
                columns: new[] { "owner_id", "number" },
                filter: "status IN ('New', 'Open', 'PendingCustomer', 'PendingInternal')");

            migrationBuilder.CreateIndex(
                name: "ix_cases_team_id_number",
                table: "cases",
                columns: new[] { "team_id", "number" },
                filter: "status IN ('New', 'Open', 'PendingCustomer', 'PendingInternal')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_owner_id_number",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_team_id_number",
                table: "cases");
        }
    }
}
