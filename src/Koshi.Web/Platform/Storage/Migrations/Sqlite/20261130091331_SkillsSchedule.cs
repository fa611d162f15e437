using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SkillsSchedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EvidenceReasonsJson",
                table: "WorkPermits",
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "InDemandAdmitted",
                table: "AllocationRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "InDemandFirstCome",
                table: "AllocationRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "QualifiedAdmitted",
                table: "AllocationRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "QualifiedFirstCome",
                table: "AllocationRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SkilledAdmitted",
                table: "AllocationRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SkilledFirstCome",
                table: "AllocationRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Slot",
                table: "AllocationRounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AllocationRounds_Region_Pool_Slot",
                table: "AllocationRounds",
                columns: new[] { "Region", "Pool", "Slot" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AllocationRounds_Region_Pool_Slot",
                table: "AllocationRounds");

            migrationBuilder.DropColumn(
                name: "EvidenceReasonsJson",
                table: "WorkPermits");

            migrationBuilder.DropColumn(
                name: "InDemandAdmitted",
                table: "AllocationRounds");

            migrationBuilder.DropColumn(
                name: "InDemandFirstCome",
                table: "AllocationRounds");

            migrationBuilder.DropColumn(
                name: "QualifiedAdmitted",
                table: "AllocationRounds");

            migrationBuilder.DropColumn(
                name: "QualifiedFirstCome",
                table: "AllocationRounds");

            migrationBuilder.DropColumn(
                name: "SkilledAdmitted",
                table: "AllocationRounds");

            migrationBuilder.DropColumn(
                name: "SkilledFirstCome",
                table: "AllocationRounds");

            migrationBuilder.DropColumn(
                name: "Slot",
                table: "AllocationRounds");
        }
    }
}
