using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "EmployerSubsidyClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseReference = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ParticipantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    EmployerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EmployerBin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    EmployerName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    HiredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HousedFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PayoutAccount = table.Column<string>(type: "TEXT", maxLength: 34, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ChecksJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AmountKzt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: true),
                    AmountSource = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    PaymentError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PaidKzt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: true),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GatewayReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
