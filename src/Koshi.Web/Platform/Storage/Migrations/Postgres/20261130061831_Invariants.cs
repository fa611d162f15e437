using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Invariants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuotaNationals",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Pool = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Seats = table.Column<long>(type: "bigint", nullable: false),
                    Allocated = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaNationals", x => new { x.Year, x.Pool });
                    table.CheckConstraint("CK_QuotaNationals_Allocated", "\"Allocated\" >= 0 AND \"Allocated\" <= \"Seats\"");
                });

            migrationBuilder.CreateIndex(
                name: "IX_ResidenceApplications_OneOpenPerKind",
                table: "ResidenceApplications",
                columns: new[] { "ApplicantId", "Kind" },
                unique: true,
                filter: "\"Stage\" NOT IN ('Approved', 'Refused', 'Withdrawn')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuotaNationals");

            migrationBuilder.DropIndex(
                name: "IX_ResidenceApplications_OneOpenPerKind",
                table: "ResidenceApplications");
        }
    }
}
