using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bridgeline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddFloorReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_sla_clocks_breached_at",
                table: "sla_clocks",
                column: "breached_at");

            migrationBuilder.CreateIndex(
                name: "ix_cases_status_team_id_contact_reason_code",
                table: "cases",
                columns: new[] { "status", "team_id", "contact_reason_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sla_clocks_breached_at",
                table: "sla_clocks");

            migrationBuilder.DropIndex(
                name: "ix_cases_status_team_id_contact_reason_code",
                table: "cases");
        }
    }
}
