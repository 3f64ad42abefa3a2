-- The hub store as the release before migrations left it: the schema its EnsureCreated made
-- (generated once from that release's model) and a few rows it wrote. Never regenerate this file.

CREATE TABLE "Absentees" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Absentees" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "ClassroomId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "StudentName" TEXT NOT NULL,
    "Absent" INTEGER NOT NULL,
    "MediaTimeMs" INTEGER NOT NULL,
    "ReceivedAtMs" INTEGER NOT NULL,
    "Author" TEXT NOT NULL
);


CREATE TABLE "CheckIns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CheckIns" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "ClassroomId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "Present" INTEGER NOT NULL,
    "Expected" INTEGER NOT NULL,
    "MediaTimeMs" INTEGER NOT NULL,
    "ReceivedAtMs" INTEGER NOT NULL,
    "Author" TEXT NOT NULL
);


CREATE TABLE "Hands" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Hands" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "ClassroomId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "MediaTimeMs" INTEGER NOT NULL,
    "ReceivedAtMs" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "ClosedAtMs" INTEGER NULL,
    "Author" TEXT NOT NULL
);


CREATE TABLE "LessonRooms" (
    "LessonId" TEXT NOT NULL,
    "ClassroomId" INTEGER NOT NULL,
    "ClassroomName" TEXT NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "SchoolName" TEXT NOT NULL,
    "ExpectedHeadcount" INTEGER NOT NULL,
    "AllianceId" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "StartsAtMs" INTEGER NOT NULL,
    "EndsAtMs" INTEGER NOT NULL,
    CONSTRAINT "PK_LessonRooms" PRIMARY KEY ("LessonId", "ClassroomId")
);


CREATE TABLE "Presence" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Presence" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "ClassroomId" INTEGER NULL,
    "SchoolId" INTEGER NULL,
    "StartedAtMs" INTEGER NOT NULL,
    "LastSeenAtMs" INTEGER NOT NULL,
    "DisconnectedAtMs" INTEGER NULL,
    "EndedAtMs" INTEGER NULL,
    "Connections" INTEGER NOT NULL,
    "Drops" INTEGER NOT NULL
);


CREATE TABLE "Questions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Questions" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "ClassroomId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "MediaTimeMs" INTEGER NOT NULL,
    "ReceivedAtMs" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "StatusChangedAtMs" INTEGER NULL,
    "Author" TEXT NOT NULL
);


CREATE TABLE "QuestionVotes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_QuestionVotes" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "QuestionId" TEXT NOT NULL,
    "ClassroomId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "ReceivedAtMs" INTEGER NOT NULL,
    "Author" TEXT NOT NULL
);


CREATE TABLE "QuizAnswers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_QuizAnswers" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "QuizId" TEXT NOT NULL,
    "ClassroomId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "CountsJson" TEXT NOT NULL,
    "StudentAnswersJson" TEXT NULL,
    "MediaTimeMs" INTEGER NOT NULL,
    "ReceivedAtMs" INTEGER NOT NULL,
    "Author" TEXT NOT NULL
);


CREATE TABLE "Quizzes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Quizzes" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "Prompt" TEXT NOT NULL,
    "OptionsJson" TEXT NOT NULL,
    "OptionCount" INTEGER NOT NULL,
    "MediaTimeMs" INTEGER NOT NULL,
    "OpenedAtMs" INTEGER NOT NULL,
    "ClosedAtMs" INTEGER NULL,
    "Author" TEXT NOT NULL
);


CREATE TABLE "StageCalls" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StageCalls" PRIMARY KEY,
    "LessonId" TEXT NOT NULL,
    "ClassroomId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "CalledAtMs" INTEGER NOT NULL,
    "EndedAtMs" INTEGER NULL,
    "Author" TEXT NOT NULL
);


CREATE INDEX "IX_Absentees_LessonId_ClassroomId" ON "Absentees" ("LessonId", "ClassroomId");


CREATE INDEX "IX_Absentees_ReceivedAtMs" ON "Absentees" ("ReceivedAtMs");


CREATE INDEX "IX_CheckIns_LessonId_ClassroomId" ON "CheckIns" ("LessonId", "ClassroomId");


CREATE INDEX "IX_Hands_LessonId" ON "Hands" ("LessonId");


CREATE INDEX "IX_LessonRooms_AllianceId_StartsAtMs" ON "LessonRooms" ("AllianceId", "StartsAtMs");


CREATE INDEX "IX_Presence_EndedAtMs" ON "Presence" ("EndedAtMs");


CREATE INDEX "IX_Presence_LessonId_Subject" ON "Presence" ("LessonId", "Subject");


CREATE INDEX "IX_Questions_LessonId" ON "Questions" ("LessonId");


CREATE INDEX "IX_QuestionVotes_LessonId_QuestionId" ON "QuestionVotes" ("LessonId", "QuestionId");


CREATE INDEX "IX_QuizAnswers_LessonId_QuizId" ON "QuizAnswers" ("LessonId", "QuizId");


CREATE INDEX "IX_Quizzes_LessonId" ON "Quizzes" ("LessonId");


CREATE INDEX "IX_StageCalls_LessonId" ON "StageCalls" ("LessonId");



-- Rows that release wrote.
INSERT INTO "Absentees" ("Id", "LessonId", "ClassroomId", "SchoolId", "StudentName", "Absent", "MediaTimeMs", "ReceivedAtMs", "Author")
VALUES ('0F8FAD5B-D9CB-469F-A165-70867728950E', 'L-2026-10-08-1', 11, 2, '李小红', TRUE, 60000, 1791417600000, 'teacher:7');
INSERT INTO "LessonRooms" ("LessonId", "ClassroomId", "ClassroomName", "SchoolId", "SchoolName", "ExpectedHeadcount", "AllianceId", "Subject", "StartsAtMs", "EndsAtMs")
VALUES ('L-2026-10-08-1', 11, '三年级1班', 2, '柳树湾教学点', 9, 1, '音乐', 1791417600000, 1791420000000);
