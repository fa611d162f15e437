using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ForeignLabour : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Employers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OkedSection = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    KazakhCat1 = table.Column<int>(type: "INTEGER", nullable: false),
                    KazakhCat2 = table.Column<int>(type: "INTEGER", nullable: false),
                    KazakhCat3 = table.Column<int>(type: "INTEGER", nullable: false),
                    KazakhCat4 = table.Column<int>(type: "INTEGER", nullable: false),
                    ForeignCat1 = table.Column<int>(type: "INTEGER", nullable: false),
                    ForeignCat2 = table.Column<int>(type: "INTEGER", nullable: false),
                    ForeignCat3 = table.Column<int>(type: "INTEGER", nullable: false),
                    ForeignCat4 = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Employers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuotaAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Pool = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    Used = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaAllocations", x => x.Id);
                    table.CheckConstraint("CK_QuotaAllocations_Used", "\"Used\" >= 0 AND \"Used\" <= \"Seats\"");
                });

            migrationBuilder.CreateTable(
                name: "QuotaChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Pool = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SeatsBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    SeatsAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Vacancies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Isco = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Positions = table.Column<int>(type: "INTEGER", nullable: false),
                    PostedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vacancies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkPermits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    EmployerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EmployerName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    EmployerIdentifier = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    OkedSection = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    SectorGroup = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    VacancyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Pool = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    WorkerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WorkerPassport = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WorkerCitizenship = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    WorkerBirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Isco = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    IscoSkillLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    Qualification = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ExperienceYears = table.Column<int>(type: "INTEGER", nullable: false),
                    Skilled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DurationDays = table.Column<int>(type: "INTEGER", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ChecksJson = table.Column<string>(type: "TEXT", nullable: false),
                    PackHash = table.Column<string>(type: "TEXT", maxLength: 71, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    QuotaYear = table.Column<int>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkPermits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PermitInvoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DurationDays = table.Column<int>(type: "INTEGER", nullable: false),
                    FeeMrp = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    QuotedKzt = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    QuotedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FeeRule = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PaidKzt = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    MrpOnPayment = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    PaymentReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PermitId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PermitInvoices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PermitInvoices_WorkPermits_PermitId",
                        column: x => x.PermitId,
                        principalTable: "WorkPermits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Employers_Bin",
                table: "Employers",
                column: "Bin",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Employers_OwnerId",
                table: "Employers",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_PermitInvoices_Number",
                table: "PermitInvoices",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PermitInvoices_PermitId",
                table: "PermitInvoices",
                column: "PermitId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaAllocations_Year_Region_Pool",
                table: "QuotaAllocations",
                columns: new[] { "Year", "Region", "Pool" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaChanges_Year_Region_Pool",
                table: "QuotaChanges",
                columns: new[] { "Year", "Region", "Pool" });

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_EmployerId",
                table: "Vacancies",
                column: "EmployerId");

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_Reference",
                table: "Vacancies",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkPermits_EmployerId_Category_Status",
                table: "WorkPermits",
                columns: new[] { "EmployerId", "Category", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkPermits_Number",
                table: "WorkPermits",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkPermits_OwnerId",
                table: "WorkPermits",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkPermits_QuotaYear_Status",
                table: "WorkPermits",
                columns: new[] { "QuotaYear", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkPermits_Region_Status",
                table: "WorkPermits",
                columns: new[] { "Region", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Employers");

            migrationBuilder.DropTable(
                name: "PermitInvoices");

            migrationBuilder.DropTable(
                name: "QuotaAllocations");

            migrationBuilder.DropTable(
                name: "QuotaChanges");

            migrationBuilder.DropTable(
                name: "Vacancies");

            migrationBuilder.DropTable(
                name: "WorkPermits");
        }
    }
}
