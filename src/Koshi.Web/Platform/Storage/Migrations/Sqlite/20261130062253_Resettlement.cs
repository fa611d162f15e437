using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Resettlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ResettlementCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApplicantIin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ApplicantBirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Programme = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Destination = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    RegisteredJobSeeker = table.Column<bool>(type: "INTEGER", nullable: false),
                    PermanentRegistrationMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    KandasCondition = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    HousingCost = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: false),
                    PayoutAccount = table.Column<string>(type: "TEXT", maxLength: 34, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ChecksJson = table.Column<string>(type: "TEXT", nullable: false),
                    PackHash = table.Column<string>(type: "TEXT", maxLength: 71, nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    HoldsSeat = table.Column<bool>(type: "INTEGER", nullable: false),
                    ArrivedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ContractEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastAddressCheckOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastAddressCheck = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DepartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RefundStatus = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RefundKzt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: true),
                    RefundBasis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RefundInstalments = table.Column<int>(type: "INTEGER", nullable: true),
                    RefundDetail = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    RefundDecidedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RefundReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResettlementCases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResettlementQuotas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Programme = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    Used = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResettlementQuotas", x => x.Id);
                    table.CheckConstraint("CK_ResettlementQuotas_Used", "\"Used\" >= 0 AND \"Used\" <= \"Seats\"");
                });

            migrationBuilder.CreateTable(
                name: "ResettlementMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Iin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Passport = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResettlementMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResettlementMembers_ResettlementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ResettlementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResettlementPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedKzt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PaidKzt = table.Column<decimal>(type: "TEXT", precision: 16, scale: 2, nullable: true),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GatewayReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResettlementPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResettlementPayments_ResettlementCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "ResettlementCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementCases_ApplicantIin_Year",
                table: "ResettlementCases",
                columns: new[] { "ApplicantIin", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementCases_ArrivedOn",
                table: "ResettlementCases",
                column: "ArrivedOn");

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementCases_Destination_Status",
                table: "ResettlementCases",
                columns: new[] { "Destination", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementCases_OwnerId",
                table: "ResettlementCases",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementCases_Reference",
                table: "ResettlementCases",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementMembers_CaseId",
                table: "ResettlementMembers",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementPayments_CaseId",
                table: "ResettlementPayments",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementPayments_DueOn_Status",
                table: "ResettlementPayments",
                columns: new[] { "DueOn", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementPayments_Reference",
                table: "ResettlementPayments",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResettlementQuotas_Year_Region_Programme",
                table: "ResettlementQuotas",
                columns: new[] { "Year", "Region", "Programme" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResettlementMembers");

            migrationBuilder.DropTable(
                name: "ResettlementPayments");

            migrationBuilder.DropTable(
                name: "ResettlementQuotas");

            migrationBuilder.DropTable(
                name: "ResettlementCases");
        }
    }
}
