using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Scheduler.Migrations.Postgres.Migrations
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
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<long>(
                name: "DistrictJobId",
                table: "SolveRuns",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DistrictWide",
                table: "SolveJobs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Grade",
                table: "Demands",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MixedGrades",
                table: "Classrooms",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LessonSource",
                table: "Alliances",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Own");

            migrationBuilder.AddColumn<string>(
                name: "LessonSourceAlliances",
                table: "Alliances",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Districts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MinOverlapShare = table.Column<double>(type: "double precision", nullable: true),
                    RelayCapacityPerLesson = table.Column<int>(type: "integer", nullable: true),
                    UplinkSharePerStream = table.Column<double>(type: "double precision", nullable: true)
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);
        }
    }
}
