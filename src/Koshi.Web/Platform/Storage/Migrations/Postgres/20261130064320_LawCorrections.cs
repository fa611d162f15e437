using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                // Applications stored before the limit was kept per case were all lodged under the pilot order's 29 days [R28][R29].
                defaultValue: 29);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProcessingDays",
                table: "ResidenceApplications");
        }
    }
}
