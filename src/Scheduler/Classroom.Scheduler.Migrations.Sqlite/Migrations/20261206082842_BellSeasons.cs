using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Scheduler.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BellSeasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SeasonFrom",
                table: "BellSchedules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SeasonTo",
                table: "BellSchedules",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SeasonFrom",
                table: "BellSchedules");

            migrationBuilder.DropColumn(
                name: "SeasonTo",
                table: "BellSchedules");
        }
    }
}
