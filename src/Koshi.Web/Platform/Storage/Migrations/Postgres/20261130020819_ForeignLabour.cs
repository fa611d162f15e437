using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Bin = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OkedSection = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Region = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    KazakhCat1 = table.Column<int>(type: "integer", nullable: false),
                    KazakhCat2 = table.Column<int>(type: "integer", nullable: false),
                    KazakhCat3 = table.Column<int>(type: "integer", nullable: false),
                    KazakhCat4 = table.Column<int>(type: "integer", nullable: false),
                    ForeignCat1 = table.Column<int>(type: "integer", nullable: false),
                    ForeignCat2 = table.Column<int>(type: "integer", nullable: false),
                    ForeignCat3 = table.Column<int>(type: "integer", nullable: false),
                    ForeignCat4 = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Employers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuotaAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Region = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Pool = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    Used = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Region = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Pool = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SeatsBefore = table.Column<int>(type: "integer", nullable: false),
                    SeatsAfter = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Vacancies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EmployerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Isco = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Category = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Region = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Positions = table.Column<int>(type: "integer", nullable: false),
                    PostedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vacancies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkPermits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    EmployerId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EmployerName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    EmployerIdentifier = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    OkedSection = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    SectorGroup = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    VacancyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Pool = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    WorkerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WorkerPassport = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WorkerCitizenship = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    WorkerBirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Isco = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    IscoSkillLevel = table.Column<int>(type: "integer", nullable: false),
                    Qualification = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ExperienceYears = table.Column<int>(type: "integer", nullable: false),
                    Skilled = table.Column<bool>(type: "boolean", nullable: false),
                    Region = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DurationDays = table.Column<int>(type: "integer", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ChecksJson = table.Column<string>(type: "text", nullable: false),
                    PackHash = table.Column<string>(type: "character varying(71)", maxLength: 71, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    QuotaYear = table.Column<int>(type: "integer", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkPermits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PermitInvoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    DurationDays = table.Column<int>(type: "integer", nullable: false),
                    FeeMrp = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    QuotedKzt = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    QuotedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FeeRule = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PaidAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PaidKzt = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    MrpOnPayment = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PermitId = table.Column<Guid>(type: "uuid", nullable: false)
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
