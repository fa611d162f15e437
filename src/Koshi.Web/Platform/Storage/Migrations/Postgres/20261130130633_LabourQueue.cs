using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LabourQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CaseNumber",
                table: "WorkPermits",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Existing applications: case numbers in lodgement order within each year of lodgement; the counter continues
            // from there, so the next lodgement gets the following number.
            migrationBuilder.Sql("""
                UPDATE "WorkPermits" AS p
                SET "CaseNumber" = lpad(n."Year"::text, 4, '0') || '-' || lpad(n."Rank"::text, greatest(6, length(n."Rank"::text)), '0')
                FROM (SELECT "Id", extract(year FROM "AppliedOn")::int AS "Year",
                             ROW_NUMBER() OVER (PARTITION BY extract(year FROM "AppliedOn") ORDER BY "AppliedAt", "Id") AS "Rank"
                      FROM "WorkPermits") AS n
                WHERE p."Id" = n."Id";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CaseNumberCounters" ("Series", "Year", "Last")
                SELECT 'work-permit', extract(year FROM "AppliedOn")::int, COUNT(*) FROM "WorkPermits" GROUP BY extract(year FROM "AppliedOn")::int;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_WorkPermits_CaseNumber",
                table: "WorkPermits",
                column: "CaseNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkPermits_CaseNumber",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "CaseNumber",
                table: "WorkPermits");
        }
    }
}
