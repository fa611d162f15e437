using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
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
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CaseNumber",
                table: "ResidenceApplications",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueOn",
                table: "ResidenceApplications",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.CreateTable(
                name: "CaseNumberCounters",
                columns: table => new
                {
                    Series = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Last = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNumberCounters", x => new { x.Series, x.Year });
                });

            // Existing applications: the stored due day and search key, and case numbers in lodgement order within each
            // year; the counters continue from there.
            migrationBuilder.Sql("""
                UPDATE "ResidenceApplications"
                SET "DueOn" = "LodgedOn" + "ProcessingDays", "ApplicantNameKey" = lower(btrim("ApplicantName"));
                """);
            migrationBuilder.Sql("""
                UPDATE "ResidenceApplications" AS a
                SET "CaseNumber" = to_char(n."LodgedOn", 'YYYY') || '-' || lpad(n."Rank"::text, greatest(6, length(n."Rank"::text)), '0')
                FROM (SELECT "Id", "LodgedOn", ROW_NUMBER() OVER (PARTITION BY extract(year FROM "LodgedOn") ORDER BY "LodgedAt", "Id") AS "Rank"
                      FROM "ResidenceApplications") AS n
                WHERE a."Id" = n."Id";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CaseNumberCounters" ("Series", "Year", "Last")
                SELECT 'residence', extract(year FROM "LodgedOn")::int, COUNT(*) FROM "ResidenceApplications" GROUP BY extract(year FROM "LodgedOn");
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
