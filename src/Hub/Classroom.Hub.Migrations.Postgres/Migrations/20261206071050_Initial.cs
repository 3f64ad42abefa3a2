using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Hub.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    StudentName = table.Column<string>(type: "character varying(299)", maxLength: 299, nullable: false),
                    Absent = table.Column<bool>(type: "boolean", nullable: false),
                    MediaTimeMs = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Author = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Absentees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CheckIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    Present = table.Column<int>(type: "integer", nullable: false),
                    Expected = table.Column<int>(type: "integer", nullable: false),
                    MediaTimeMs = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Author = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckIns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Hands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    MediaTimeMs = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    ClosedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    Author = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Hands", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LessonRooms",
                columns: table => new
                {
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    ClassroomName = table.Column<string>(type: "text", nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolName = table.Column<string>(type: "text", nullable: false),
                    ExpectedHeadcount = table.Column<int>(type: "integer", nullable: false),
                    AllianceId = table.Column<long>(type: "bigint", nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    StartsAtMs = table.Column<long>(type: "bigint", nullable: false),
                    EndsAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LessonRooms", x => new { x.LessonId, x.ClassroomId });
                });

            migrationBuilder.CreateTable(
                name: "Presence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: true),
                    SchoolId = table.Column<long>(type: "bigint", nullable: true),
                    StartedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenAtMs = table.Column<long>(type: "bigint", nullable: false),
                    DisconnectedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    EndedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    Connections = table.Column<int>(type: "integer", nullable: false),
                    Drops = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Presence", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    MediaTimeMs = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    StatusChangedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    Author = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuestionVotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    QuestionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Author = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionVotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuizAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    QuizId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    CountsJson = table.Column<string>(type: "text", nullable: false),
                    StudentAnswersJson = table.Column<string>(type: "text", nullable: true),
                    MediaTimeMs = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Author = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Quizzes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    Prompt = table.Column<string>(type: "text", nullable: false),
                    OptionsJson = table.Column<string>(type: "text", nullable: false),
                    OptionCount = table.Column<int>(type: "integer", nullable: false),
                    MediaTimeMs = table.Column<long>(type: "bigint", nullable: false),
                    OpenedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    ClosedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    Author = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Quizzes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StageCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<string>(type: "text", nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    CalledAtMs = table.Column<long>(type: "bigint", nullable: false),
                    EndedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    Author = table.Column<string>(type: "text", nullable: false)
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
