using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Classroom.Scheduler.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Recording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StreamKeyHash",
                table: "Studios",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StreamKeyRotatedUtcTicks",
                table: "Studios",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StageRecordingConsent",
                table: "Schools",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "RecordingEnabled",
                table: "LeadLessons",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // every lesson is recorded unless a school turns it off

            migrationBuilder.AddColumn<int>(
                name: "RecordingRetentionDays",
                table: "Alliances",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Studios_StreamKeyHash",
                table: "Studios",
                column: "StreamKeyHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Studios_StreamKeyHash",
                table: "Studios");

            migrationBuilder.DropColumn(
                name: "StreamKeyHash",
                table: "Studios");

            migrationBuilder.DropColumn(
                name: "StreamKeyRotatedUtcTicks",
                table: "Studios");

            migrationBuilder.DropColumn(
                name: "StageRecordingConsent",
                table: "Schools");

            migrationBuilder.DropColumn(
                name: "RecordingEnabled",
                table: "LeadLessons");

            migrationBuilder.DropColumn(
                name: "RecordingRetentionDays",
                table: "Alliances");
        }
    }
}
