using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OpenQueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ResidenceApplications_OpenQueue",
                table: "ResidenceApplications",
                columns: new[] { "Region", "LodgedOn" },
                filter: "\"Stage\" NOT IN ('Approved', 'Refused', 'Withdrawn')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResidenceApplications_OpenQueue",
                table: "ResidenceApplications");
        }
    }
}
