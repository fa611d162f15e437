using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Trust : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AttemptCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    Expires = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttemptCounters", x => x.Key);
                });

            // Counts of sign-in attempts need no crash safety (a crash only starts the windows again): unlogged, an
            // attempt's upsert commits without waiting for the WAL to reach the disk.
            migrationBuilder.Sql("ALTER TABLE \"AttemptCounters\" SET UNLOGGED;");

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementCases_NoDueOn",
                table: "ResettlementCases",
                column: "Id",
                filter: "\"DueOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AttemptCounters_Expires",
                table: "AttemptCounters",
                column: "Expires");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttemptCounters");

            migrationBuilder.DropIndex(
                name: "IX_ResettlementCases_NoDueOn",
                table: "ResettlementCases");
        }
    }
}
