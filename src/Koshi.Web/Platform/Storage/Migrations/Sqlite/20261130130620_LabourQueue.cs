using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Existing applications: case numbers in lodgement order within each year of lodgement; the counter continues
            // from there, so the next lodgement gets the following number.
            migrationBuilder.Sql("""
                UPDATE "WorkPermits" SET "CaseNumber" = (
                    SELECT n."Year" || '-' || printf('%06d', n."Rank")
                    FROM (SELECT "Id", substr("AppliedOn", 1, 4) AS "Year",
                                 ROW_NUMBER() OVER (PARTITION BY substr("AppliedOn", 1, 4) ORDER BY "AppliedAt", "Id") AS "Rank"
                          FROM "WorkPermits") AS n
                    WHERE n."Id" = "WorkPermits"."Id");
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CaseNumberCounters" ("Series", "Year", "Last")
                SELECT 'work-permit', CAST(substr("AppliedOn", 1, 4) AS INTEGER), COUNT(*) FROM "WorkPermits" GROUP BY substr("AppliedOn", 1, 4);
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
