using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Scheduler.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StudioBookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LeadLessons_StudioId",
                table: "LeadLessons");

            migrationBuilder.AddColumn<string>(
                name: "BookedRooms",
                table: "LeadLessons",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OneOffDate",
                table: "LeadLessons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeadLessons_StudioId_OneOffDate",
                table: "LeadLessons",
                columns: new[] { "StudioId", "OneOffDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LeadLessons_StudioId_OneOffDate",
                table: "LeadLessons");

            migrationBuilder.DropColumn(
                name: "BookedRooms",
                table: "LeadLessons");

            migrationBuilder.DropColumn(
                name: "OneOffDate",
                table: "LeadLessons");

            migrationBuilder.CreateIndex(
                name: "IX_LeadLessons_StudioId",
                table: "LeadLessons",
                column: "StudioId");
        }
    }
}
