using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LabRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LabRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    BaselineHash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReformHash = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReformDescription = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ChangesJson = table.Column<string>(type: "text", nullable: false),
                    PopulationDescription = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PopulationHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: true),
                    Total = table.Column<long>(type: "bigint", nullable: false),
                    Done = table.Column<long>(type: "bigint", nullable: false),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    Started = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Finished = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Heartbeat = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ResultJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LabRuns_Owner_Started",
                table: "LabRuns",
                columns: new[] { "Owner", "Started" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LabRuns");
        }
    }
}
