using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ResettlementQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApplicantNameKey",
                table: "ResettlementCases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "CaseNumber",
                table: "ResettlementCases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueOn",
                table: "ResettlementCases",
                type: "date",
                nullable: true);

            // Existing cases: the search key, and case numbers in application order within each year; the counter continues
            // from there. (The decision day needs the pack, which the start-up reads to fill it in.)
            migrationBuilder.Sql("""
                UPDATE "ResettlementCases" SET "ApplicantNameKey" = lower(btrim("ApplicantName"));
                """);
            migrationBuilder.Sql("""
                UPDATE "ResettlementCases" AS c
                SET "CaseNumber" = lpad(n."Year"::text, 4, '0') || '-' || lpad(n."Rank"::text, greatest(6, length(n."Rank"::text)), '0')
                FROM (SELECT "Id", "Year", ROW_NUMBER() OVER (PARTITION BY "Year" ORDER BY "AppliedAt", "Id") AS "Rank"
                      FROM "ResettlementCases") AS n
                WHERE c."Id" = n."Id";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CaseNumberCounters" ("Series", "Year", "Last")
                SELECT 'resettlement', "Year", COUNT(*) FROM "ResettlementCases" GROUP BY "Year";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementCases_CaseNumber",
                table: "ResettlementCases",
                column: "CaseNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementCases_Destination_DueOn",
                table: "ResettlementCases",
                columns: new[] { "Destination", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResettlementCases_CaseNumber",
                table: "ResettlementCases");

            migrationBuilder.DropIndex(
                name: "IX_ResettlementCases_Destination_DueOn",
                table: "ResettlementCases");

            migrationBuilder.DropColumn(
                name: "ApplicantNameKey",
                table: "ResettlementCases");

            migrationBuilder.DropColumn(
                name: "CaseNumber",
                table: "ResettlementCases");

            migrationBuilder.DropColumn(
                name: "DueOn",
                table: "ResettlementCases");
        }
    }
}
