using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bridgeline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddKnowledge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "articles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    customer_reply = table.Column<string>(type: "TEXT", nullable: true),
                    visibility = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    contact_reasons = table.Column<string>(type: "TEXT", nullable: false),
                    anomalies = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    helpful_yes = table.Column<int>(type: "INTEGER", nullable: false),
                    helpful_no = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_articles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "macros",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    set_status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    add_tags = table.Column<string>(type: "TEXT", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_macros", x => x.id);
                    table.ForeignKey(
                        name: "fk_macros_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "wrap_up_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    agent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    agent_name = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    contact_reason_code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    score = table.Column<int>(type: "INTEGER", nullable: false),
                    accepted = table.Column<bool>(type: "INTEGER", nullable: false),
                    reasons = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    interaction_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wrap_up_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_wrap_up_attempts_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_feedback",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    article_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    helpful = table.Column<bool>(type: "INTEGER", nullable: false),
                    comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_feedback", x => x.id);
                    table.ForeignKey(
                        name: "fk_article_feedback_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "article_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    article_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    customer_reply = table.Column<string>(type: "TEXT", nullable: true),
                    visibility = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    changed = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    changed_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_article_versions_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_article_feedback_article_id_at",
                table: "article_feedback",
                columns: new[] { "article_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_article_versions_article_id_version",
                table: "article_versions",
                columns: new[] { "article_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_articles_slug",
                table: "articles",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_macros_team_id_name",
                table: "macros",
                columns: new[] { "team_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wrap_up_attempts_agent_id_at",
                table: "wrap_up_attempts",
                columns: new[] { "agent_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_wrap_up_attempts_case_id_at",
                table: "wrap_up_attempts",
                columns: new[] { "case_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_wrap_up_attempts_team_id_at",
                table: "wrap_up_attempts",
                columns: new[] { "team_id", "at" });

            // Search index SQL that EF Core cannot model; re-add this call when regenerating the migration.
            migrationBuilder.Sql(Bridgeline.Search.SearchSql.SqliteUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Bridgeline.Search.SearchSql.SqliteDown);

            migrationBuilder.DropTable(
                name: "article_feedback");

            migrationBuilder.DropTable(
                name: "article_versions");

            migrationBuilder.DropTable(
                name: "macros");

            migrationBuilder.DropTable(
                name: "wrap_up_attempts");

            migrationBuilder.DropTable(
                name: "articles");
        }
    }
}
