using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Agencies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Director = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Services = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Countries = table.Column<string>(type: "TEXT", maxLength: 800, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Illustrative = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agencies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AgencyComplaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    InspectionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Illustrative = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyComplaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AgencyInspectionPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    RandomSlots = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyInspectionPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AgencyInspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Selection = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RiskScore = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskBand = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PlannedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    InspectedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Failed = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    CriticalFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Art98Sanction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Art98FineKzt = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Inspector = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    PackHash = table.Column<string>(type: "TEXT", maxLength: 71, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyInspections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AgencyPlacements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    WorkerId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    EmployerName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Deposit = table.Column<bool>(type: "INTEGER", nullable: false),
                    FeeChargedKzt = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    PlacedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WorkPermitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MissingTerms = table.Column<int>(type: "INTEGER", nullable: false),
                    DepositMissing = table.Column<bool>(type: "INTEGER", nullable: false),
                    FeeViolation = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Illustrative = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyPlacements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AgencyReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Applicants = table.Column<int>(type: "INTEGER", nullable: false),
                    PlacedAbroad = table.Column<int>(type: "INTEGER", nullable: false),
                    Recruited = table.Column<int>(type: "INTEGER", nullable: false),
                    PlacedDomestic = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyReports", x => x.Id);
                    table.CheckConstraint("CK_AgencyReports_Quarter", "\"Quarter\" BETWEEN 1 AND 4");
                });

            migrationBuilder.CreateTable(
                name: "AgencyStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgencyStatusChanges_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_Bin",
                table: "Agencies",
                column: "Bin",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_OwnerId",
                table: "Agencies",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_Status_Region",
                table: "Agencies",
                columns: new[] { "Status", "Region" });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyComplaints_AgencyId_FiledAt",
                table: "AgencyComplaints",
                columns: new[] { "AgencyId", "FiledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyComplaints_Status",
                table: "AgencyComplaints",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyInspectionPlans_Year_Quarter",
                table: "AgencyInspectionPlans",
                columns: new[] { "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgencyInspections_AgencyId_InspectedOn",
                table: "AgencyInspections",
                columns: new[] { "AgencyId", "InspectedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyInspections_PlanId_AgencyId",
                table: "AgencyInspections",
                columns: new[] { "PlanId", "AgencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgencyPlacements_AgencyId_PlacedOn",
                table: "AgencyPlacements",
                columns: new[] { "AgencyId", "PlacedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyPlacements_Kind_Country",
                table: "AgencyPlacements",
                columns: new[] { "Kind", "Country" });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyReports_AgencyId_Year_Quarter",
                table: "AgencyReports",
                columns: new[] { "AgencyId", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgencyStatusChanges_AgencyId_At",
                table: "AgencyStatusChanges",
                columns: new[] { "AgencyId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgencyComplaints");

            migrationBuilder.DropTable(
                name: "AgencyInspectionPlans");

            migrationBuilder.DropTable(
                name: "AgencyInspections");

            migrationBuilder.DropTable(
                name: "AgencyPlacements");

            migrationBuilder.DropTable(
                name: "AgencyReports");

            migrationBuilder.DropTable(
                name: "AgencyStatusChanges");

            migrationBuilder.DropTable(
                name: "Agencies");
        }
    }
}
