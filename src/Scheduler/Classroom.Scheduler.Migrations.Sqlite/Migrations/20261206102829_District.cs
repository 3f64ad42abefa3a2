using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Scheduler.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class District : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "AllianceId",
                table: "Terms",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "DistrictJobId",
                table: "SolveRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DistrictWide",
                table: "SolveJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Grade",
                table: "Demands",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MixedGrades",
                table: "Classrooms",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LessonSource",
                table: "Alliances",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Own");

            migrationBuilder.AddColumn<string>(
                name: "LessonSourceAlliances",
                table: "Alliances",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Districts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MinOverlapShare = table.Column<double>(type: "REAL", nullable: true),
                    RelayCapacityPerLesson = table.Column<int>(type: "INTEGER", nullable: true),
                    UplinkSharePerStream = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Districts", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Districts");

            migrationBuilder.DropColumn(
                name: "DistrictJobId",
                table: "SolveRuns");

            migrationBuilder.DropColumn(
                name: "DistrictWide",
                table: "SolveJobs");

            migrationBuilder.DropColumn(
                name: "Grade",
                table: "Demands");

            migrationBuilder.DropColumn(
                name: "MixedGrades",
                table: "Classrooms");

            migrationBuilder.DropColumn(
                name: "LessonSource",
                table: "Alliances");

            migrationBuilder.DropColumn(
                name: "LessonSourceAlliances",
                table: "Alliances");

            migrationBuilder.AlterColumn<long>(
                name: "AllianceId",
                table: "Terms",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
