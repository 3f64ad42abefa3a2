using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Scheduler.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SolveRunChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangesJson",
                table: "SolveRuns",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChangesJson",
                table: "SolveRuns");
        }
    }
}
