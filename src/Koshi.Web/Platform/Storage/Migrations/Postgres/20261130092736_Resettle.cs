using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Resettle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Candidates",
                table: "AgencyInspectionPlans",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "EmployerSubsidyClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseReference = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ParticipantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Region = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    EmployerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EmployerBin = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    EmployerName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    HiredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    HousedFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PayoutAccount = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ChecksJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AmountKzt = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: true),
                    AmountSource = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    PaymentError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PaidKzt = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: true),
                    PaidAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GatewayReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmployerSubsidyClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmployerSubsidyClaims_ResettlementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ResettlementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyPlacements_WorkPermitId",
                table: "AgencyPlacements",
                column: "WorkPermitId",
                unique: true,
                filter: "\"WorkPermitId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_EmployerSubsidyClaims_EmployerId",
                table: "EmployerSubsidyClaims",
                column: "EmployerId");

            migrationBuilder.CreateIndex(
                name: "IX_EmployerSubsidyClaims_Live",
                table: "EmployerSubsidyClaims",
                column: "CaseId",
                unique: true,
                filter: "\"Status\" <> 'Refused'");

            migrationBuilder.CreateIndex(
                name: "IX_EmployerSubsidyClaims_Reference",
                table: "EmployerSubsidyClaims",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmployerSubsidyClaims_Region_Status",
                table: "EmployerSubsidyClaims",
                columns: new[] { "Region", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmployerSubsidyClaims");

            migrationBuilder.DropIndex(
                name: "IX_AgencyPlacements_WorkPermitId",
                table: "AgencyPlacements");

            migrationBuilder.DropColumn(
                name: "Candidates",
                table: "AgencyInspectionPlans");
        }
    }
}
