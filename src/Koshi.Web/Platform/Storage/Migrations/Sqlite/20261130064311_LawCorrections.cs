using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LawCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ProcessingDays",
                table: "ResidenceApplications",
                type: "INTEGER",
                nullable: false,
                // Applications stored before the limit was kept per case were all lodged under the pilot order's 29 days [R28][R29].
                defaultValue: 29);

            migrationBuilder.CreateTable(
                name: "StaffDeclarations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeclaredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DeclaredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    KazakhCat1 = table.Column<int>(type: "INTEGER", nullable: false),
                    KazakhCat2 = table.Column<int>(type: "INTEGER", nullable: false),
                    KazakhCat3 = table.Column<int>(type: "INTEGER", nullable: false),
                    KazakhCat4 = table.Column<int>(type: "INTEGER", nullable: false),
                    ForeignCat1 = table.Column<int>(type: "INTEGER", nullable: false),
                    ForeignCat2 = table.Column<int>(type: "INTEGER", nullable: false),
                    ForeignCat3 = table.Column<int>(type: "INTEGER", nullable: false),
                    ForeignCat4 = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffDeclarations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StaffDeclarations_EmployerId_DeclaredOn",
                table: "StaffDeclarations",
                columns: new[] { "EmployerId", "DeclaredOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffDeclarations");

            migrationBuilder.DropColumn(
                name: "ProcessingDays",
                table: "ResidenceApplications");
        }
    }
}
