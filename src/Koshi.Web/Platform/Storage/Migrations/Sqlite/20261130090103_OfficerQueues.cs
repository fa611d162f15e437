using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfficerQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApplicantNameKey",
                table: "ResidenceApplications",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CaseNumber",
                table: "ResidenceApplications",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueOn",
                table: "ResidenceApplications",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.CreateTable(
                name: "CaseNumberCounters",
                columns: table => new
                {
                    Series = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Last = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNumberCounters", x => new { x.Series, x.Year });
                });

            // Existing applications: the stored due day and search key, and case numbers in lodgement order within each
            // year; the counters continue from there. (SQLite's lower() folds Latin letters only; the search also matches
            // a name as written.)
            migrationBuilder.Sql("""
                UPDATE "ResidenceApplications"
                SET "DueOn" = date("LodgedOn", '+' || "ProcessingDays" || ' days'), "ApplicantNameKey" = lower(trim("ApplicantName"));
                """);
            migrationBuilder.Sql("""
                UPDATE "ResidenceApplications" SET "CaseNumber" = (
                    SELECT substr(n."LodgedOn", 1, 4) || '-' || printf('%06d', n."Rank")
                    FROM (SELECT "Id", "LodgedOn", ROW_NUMBER() OVER (PARTITION BY substr("LodgedOn", 1, 4) ORDER BY "LodgedAt", "Id") AS "Rank"
                          FROM "ResidenceApplications") AS n
                    WHERE n."Id" = "ResidenceApplications"."Id");
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CaseNumberCounters" ("Series", "Year", "Last")
                SELECT 'residence', CAST(substr("LodgedOn", 1, 4) AS INTEGER), COUNT(*) FROM "ResidenceApplications" GROUP BY substr("LodgedOn", 1, 4);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ResidenceApplications_ApplicantIin",
                table: "ResidenceApplications",
                column: "ApplicantIin");

            migrationBuilder.CreateIndex(
                name: "IX_ResidenceApplications_CaseNumber",
                table: "ResidenceApplications",
                column: "CaseNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResidenceApplications_OpenByDue",
                table: "ResidenceApplications",
                columns: new[] { "Region", "DueOn" },
                filter: "\"Stage\" NOT IN ('Approved', 'Refused', 'Withdrawn')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseNumberCounters");

            migrationBuilder.DropIndex(
                name: "IX_ResidenceApplications_ApplicantIin",
                table: "ResidenceApplications");

            migrationBuilder.DropIndex(
                name: "IX_ResidenceApplications_CaseNumber",
                table: "ResidenceApplications");

            migrationBuilder.DropIndex(
                name: "IX_ResidenceApplications_OpenByDue",
                table: "ResidenceApplications");

            migrationBuilder.DropColumn(
                name: "ApplicantNameKey",
                table: "ResidenceApplications");

            migrationBuilder.DropColumn(
                name: "CaseNumber",
                table: "ResidenceApplications");

            migrationBuilder.DropColumn(
                name: "DueOn",
                table: "ResidenceApplications");
        }
    }
}
