using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffDeclarations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StaffDeclarations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EmployerId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclaredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    KazakhCat1 = table.Column<int>(type: "integer", nullable: false),
                    KazakhCat2 = table.Column<int>(type: "integer", nullable: false),
                    KazakhCat3 = table.Column<int>(type: "integer", nullable: false),
                    KazakhCat4 = table.Column<int>(type: "integer", nullable: false),
                    ForeignCat1 = table.Column<int>(type: "integer", nullable: false),
                    ForeignCat2 = table.Column<int>(type: "integer", nullable: false),
                    ForeignCat3 = table.Column<int>(type: "integer", nullable: false),
                    ForeignCat4 = table.Column<int>(type: "integer", nullable: false)
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
        }
    }
}
