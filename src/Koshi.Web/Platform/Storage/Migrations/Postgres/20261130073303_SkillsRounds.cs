using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SkillsRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AssessmentInDemand",
                table: "WorkPermits",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AssessmentJson",
                table: "WorkPermits",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "AssessmentLawDate",
                table: "WorkPermits",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssessmentPackHash",
                table: "WorkPermits",
                type: "character varying(71)",
                maxLength: 71,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AssessmentPoints",
                table: "WorkPermits",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssessmentTier",
                table: "WorkPermits",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EducationRelevant",
                table: "WorkPermits",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceJson",
                table: "WorkPermits",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "LanguageLevel",
                table: "WorkPermits",
                type: "character varying(4)",
                maxLength: 4,
                nullable: false,
                defaultValue: "none");

            migrationBuilder.AddColumn<bool>(
                name: "QualificationRecognised",
                table: "WorkPermits",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Ranked",
                table: "WorkPermits",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "RoundId",
                table: "WorkPermits",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AllocationRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Region = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Pool = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SeatsOffered = table.Column<int>(type: "integer", nullable: false),
                    Applicants = table.Column<int>(type: "integer", nullable: false),
                    Admitted = table.Column<int>(type: "integer", nullable: false),
                    CutOff = table.Column<int>(type: "integer", nullable: true),
                    CutOffLodgedBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PackHash = table.Column<string>(type: "character varying(71)", maxLength: 71, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationRounds", x => x.Id);
                    table.CheckConstraint("CK_AllocationRounds_Admitted", "\"Admitted\" >= 0 AND \"Admitted\" <= \"SeatsOffered\"");
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkPermits_Region_Pool_RoundId_Status",
                table: "WorkPermits",
                columns: new[] { "Region", "Pool", "RoundId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AllocationRounds_Year_Region_Pool_Number",
                table: "AllocationRounds",
                columns: new[] { "Year", "Region", "Pool", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllocationRounds");

            migrationBuilder.DropIndex(
                name: "IX_WorkPermits_Region_Pool_RoundId_Status",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "AssessmentInDemand",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "AssessmentJson",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "AssessmentLawDate",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "AssessmentPackHash",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "AssessmentPoints",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "AssessmentTier",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "EducationRelevant",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "EvidenceJson",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "LanguageLevel",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "QualificationRecognised",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "Ranked",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "RoundId",
                table: "WorkPermits");
        }
    }
}
