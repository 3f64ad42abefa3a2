using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Hub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Absentees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    ClassroomId = table.Column<long>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<long>(type: "INTEGER", nullable: false),
                    StudentName = table.Column<string>(type: "TEXT", maxLength: 299, nullable: false),
                    Absent = table.Column<bool>(type: "INTEGER", nullable: false),
                    MediaTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Absentees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CheckIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClassroomId = table.Column<long>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<long>(type: "INTEGER", nullable: false),
                    Present = table.Column<int>(type: "INTEGER", nullable: false),
                    Expected = table.Column<int>(type: "INTEGER", nullable: false),
                    MediaTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckIns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Hands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    ClassroomId = table.Column<long>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<long>(type: "INTEGER", nullable: false),
                    MediaTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    ClosedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Author = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Hands", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LessonRooms",
                columns: table => new
                {
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    ClassroomId = table.Column<long>(type: "INTEGER", nullable: false),
                    ClassroomName = table.Column<string>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<long>(type: "INTEGER", nullable: false),
                    SchoolName = table.Column<string>(type: "TEXT", nullable: false),
                    ExpectedHeadcount = table.Column<int>(type: "INTEGER", nullable: false),
                    AllianceId = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    StartsAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LessonRooms", x => new { x.LessonId, x.ClassroomId });
                });

            migrationBuilder.CreateTable(
                name: "Presence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    ClassroomId = table.Column<long>(type: "INTEGER", nullable: true),
                    SchoolId = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    DisconnectedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Connections = table.Column<int>(type: "INTEGER", nullable: false),
                    Drops = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Presence", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    ClassroomId = table.Column<long>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MediaTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    StatusChangedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Author = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuestionVotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassroomId = table.Column<long>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionVotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuizAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    QuizId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassroomId = table.Column<long>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<long>(type: "INTEGER", nullable: false),
                    CountsJson = table.Column<string>(type: "TEXT", nullable: false),
                    StudentAnswersJson = table.Column<string>(type: "TEXT", nullable: true),
                    MediaTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Quizzes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    Prompt = table.Column<string>(type: "TEXT", nullable: false),
                    OptionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    OptionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MediaTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Author = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Quizzes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StageCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<string>(type: "TEXT", nullable: false),
                    ClassroomId = table.Column<long>(type: "INTEGER", nullable: false),
                    SchoolId = table.Column<long>(type: "INTEGER", nullable: false),
                    CalledAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Author = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageCalls", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Absentees_LessonId_ClassroomId",
                table: "Absentees",
                columns: new[] { "LessonId", "ClassroomId" });

            migrationBuilder.CreateIndex(
                name: "IX_Absentees_ReceivedAtMs",
                table: "Absentees",
                column: "ReceivedAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_LessonId_ClassroomId",
                table: "CheckIns",
                columns: new[] { "LessonId", "ClassroomId" });

            migrationBuilder.CreateIndex(
                name: "IX_Hands_LessonId",
                table: "Hands",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_LessonRooms_AllianceId_StartsAtMs",
                table: "LessonRooms",
                columns: new[] { "AllianceId", "StartsAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_Presence_EndedAtMs",
                table: "Presence",
                column: "EndedAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_Presence_LessonId_Subject",
                table: "Presence",
                columns: new[] { "LessonId", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_Questions_LessonId",
                table: "Questions",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionVotes_LessonId_QuestionId",
                table: "QuestionVotes",
                columns: new[] { "LessonId", "QuestionId" });

            migrationBuilder.CreateIndex(
                name: "IX_QuizAnswers_LessonId_QuizId",
                table: "QuizAnswers",
                columns: new[] { "LessonId", "QuizId" });

            migrationBuilder.CreateIndex(
                name: "IX_Quizzes_LessonId",
                table: "Quizzes",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_StageCalls_LessonId",
                table: "StageCalls",
                column: "LessonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Absentees");

            migrationBuilder.DropTable(
                name: "CheckIns");

            migrationBuilder.DropTable(
                name: "Hands");

            migrationBuilder.DropTable(
                name: "LessonRooms");

            migrationBuilder.DropTable(
                name: "Presence");

            migrationBuilder.DropTable(
                name: "Questions");

            migrationBuilder.DropTable(
                name: "QuestionVotes");

            migrationBuilder.DropTable(
                name: "QuizAnswers");

            migrationBuilder.DropTable(
                name: "Quizzes");

            migrationBuilder.DropTable(
                name: "StageCalls");
        }
    }
}
