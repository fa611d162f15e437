using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Koshi.Web.Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PassportApplicants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ApplicantIin",
                table: "ResidenceApplications",
                type: "TEXT",
                maxLength: 12,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 12);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ApplicantBirthDate",
                table: "ResidenceApplications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApplicantCitizenship",
                table: "ResidenceApplications",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApplicantPassport",
                table: "ResidenceApplications",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "BirthDate",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Citizenship",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PassportNumber",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResidenceApplications_ApplicantPassport",
                table: "ResidenceApplications",
                column: "ApplicantPassport");

            migrationBuilder.CreateIndex(
                name: "IX_ResidenceApplications_OneOpenPerPassport",
                table: "ResidenceApplications",
                columns: new[] { "ApplicantCitizenship", "ApplicantPassport", "Kind" },
                unique: true,
                filter: "\"ApplicantPassport\" IS NOT NULL AND \"Stage\" NOT IN ('Approved', 'Refused', 'Withdrawn')");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_Citizenship_PassportNumber",
                table: "AspNetUsers",
                columns: new[] { "Citizenship", "PassportNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResidenceApplications_ApplicantPassport",
                table: "ResidenceApplications");

            migrationBuilder.DropIndex(
                name: "IX_ResidenceApplications_OneOpenPerPassport",
                table: "ResidenceApplications");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_Citizenship_PassportNumber",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ApplicantBirthDate",
                table: "ResidenceApplications");

            migrationBuilder.DropColumn(
                name: "ApplicantCitizenship",
                table: "ResidenceApplications");

            migrationBuilder.DropColumn(
                name: "ApplicantPassport",
                table: "ResidenceApplications");

            migrationBuilder.DropColumn(
                name: "BirthDate",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Citizenship",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PassportNumber",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<string>(
                name: "ApplicantIin",
                table: "ResidenceApplications",
                type: "TEXT",
                maxLength: 12,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 12,
                oldNullable: true);
        }
    }
}
