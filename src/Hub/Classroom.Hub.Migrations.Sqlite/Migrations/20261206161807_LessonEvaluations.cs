using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Hub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LessonEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordingId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Evaluator = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EvaluatorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MediaTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationComments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationSheets",
                columns: table => new
                {
                    RecordingId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Evaluator = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EvaluatorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Scores = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationSheets", x => new { x.RecordingId, x.Evaluator });
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationComments_RecordingId_MediaTimeMs",
                table: "EvaluationComments",
                columns: new[] { "RecordingId", "MediaTimeMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationComments");

            migrationBuilder.DropTable(
                name: "EvaluationSheets");
        }
    }
}
