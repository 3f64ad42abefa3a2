using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Hub.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Recordings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RecordingRooms",
                columns: table => new
                {
                    RecordingId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    ClassroomName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingRooms", x => new { x.RecordingId, x.ClassroomId });
                });

            migrationBuilder.CreateTable(
                name: "Recordings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LessonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RosterKnown = table.Column<bool>(type: "boolean", nullable: false),
                    AllianceId = table.Column<long>(type: "bigint", nullable: true),
                    LeadSchoolId = table.Column<long>(type: "bigint", nullable: true),
                    TeacherId = table.Column<long>(type: "bigint", nullable: true),
                    Subject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TeacherName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LessonStartsAtMs = table.Column<long>(type: "bigint", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    EndedAtMs = table.Column<long>(type: "bigint", nullable: true),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    RenditionsJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Poster = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Discontinuities = table.Column<int>(type: "integer", nullable: false),
                    Recovered = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    DeletedAtMs = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recordings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecordingViews",
                columns: table => new
                {
                    RecordingId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LessonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: true),
                    StudentName = table.Column<string>(type: "character varying(443)", maxLength: 443, nullable: false),
                    PositionMs = table.Column<long>(type: "bigint", nullable: false),
                    WatchedMs = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordingViews", x => new { x.RecordingId, x.Subject });
                });

            migrationBuilder.CreateTable(
                name: "ReplayQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordingId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LessonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClassroomId = table.Column<long>(type: "bigint", nullable: false),
                    SchoolId = table.Column<long>(type: "bigint", nullable: false),
                    Author = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    MediaTimeMs = table.Column<long>(type: "bigint", nullable: false),
                    AskedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnsweredAtMs = table.Column<long>(type: "bigint", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplayQuestions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecordingRooms_ClassroomId",
                table: "RecordingRooms",
                column: "ClassroomId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordingRooms_SchoolId",
                table: "RecordingRooms",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_LessonId",
                table: "Recordings",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_State_StartedAtMs",
                table: "Recordings",
                columns: new[] { "State", "StartedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_TeacherId_StartedAtMs",
                table: "Recordings",
                columns: new[] { "TeacherId", "StartedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_RecordingViews_LessonId",
                table: "RecordingViews",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReplayQuestions_LessonId",
                table: "ReplayQuestions",
                column: "LessonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReplayQuestions_RecordingId",
                table: "ReplayQuestions",
                column: "RecordingId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecordingRooms");

            migrationBuilder.DropTable(
                name: "Recordings");

            migrationBuilder.DropTable(
                name: "RecordingViews");

            migrationBuilder.DropTable(
                name: "ReplayQuestions");
        }
    }
}
