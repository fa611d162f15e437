using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KaztestRulesFromPack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AttemptsAllowed",
                table: "ResidenceKaztestAttempts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Passed",
                table: "ResidenceKaztestAttempts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SectionPassPercent",
                table: "ResidenceKaztestAttempts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Attempts recorded before the rules came from the pack were judged by the 2026 pilot's rules (30 %, 3 attempts).
            migrationBuilder.Sql(
                "UPDATE \"ResidenceKaztestAttempts\" SET \"SectionPassPercent\" = 30, \"AttemptsAllowed\" = 3, " +
                "\"Passed\" = (\"ListeningPercent\" >= 30 AND \"ReadingPercent\" >= 30)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AttemptsAllowed",
                table: "ResidenceKaztestAttempts");

            migrationBuilder.DropColumn(
                name: "Passed",
                table: "ResidenceKaztestAttempts");

            migrationBuilder.DropColumn(
                name: "SectionPassPercent",
                table: "ResidenceKaztestAttempts");
        }
    }
}
