-- The hub store as the release before migrations left it: the schema its EnsureCreated made
-- (generated once from that release's model) and a few rows it wrote. Never regenerate this file.

CREATE TABLE "Absentees" (
    "Id" uuid NOT NULL,
    "LessonId" text NOT NULL,
    "ClassroomId" bigint NOT NULL,
    "SchoolId" bigint NOT NULL,
    "StudentName" character varying(299) NOT NULL,
    "Absent" boolean NOT NULL,
    "MediaTimeMs" bigint NOT NULL,
    "ReceivedAtMs" bigint NOT NULL,
    "Author" text NOT NULL,
    CONSTRAINT "PK_Absentees" PRIMARY KEY ("Id")
);


CREATE TABLE "CheckIns" (
    "Id" uuid NOT NULL,
    "LessonId" character varying(64) NOT NULL,
    "ClassroomId" bigint NOT NULL,
    "SchoolId" bigint NOT NULL,
    "Present" integer NOT NULL,
    "Expected" integer NOT NULL,
    "MediaTimeMs" bigint NOT NULL,
    "ReceivedAtMs" bigint NOT NULL,
    "Author" text NOT NULL,
    CONSTRAINT "PK_CheckIns" PRIMARY KEY ("Id")
);


CREATE TABLE "Hands" (
    "Id" uuid NOT NULL,
    "LessonId" text NOT NULL,
    "ClassroomId" bigint NOT NULL,
    "SchoolId" bigint NOT NULL,
    "MediaTimeMs" bigint NOT NULL,
    "ReceivedAtMs" bigint NOT NULL,
    "State" text NOT NULL,
    "ClosedAtMs" bigint,
    "Author" text NOT NULL,
    CONSTRAINT "PK_Hands" PRIMARY KEY ("Id")
);


CREATE TABLE "LessonRooms" (
    "LessonId" text NOT NULL,
    "ClassroomId" bigint NOT NULL,
    "ClassroomName" text NOT NULL,
    "SchoolId" bigint NOT NULL,
    "SchoolName" text NOT NULL,
    "ExpectedHeadcount" integer NOT NULL,
    "AllianceId" bigint NOT NULL,
    "Subject" text NOT NULL,
    "StartsAtMs" bigint NOT NULL,
    "EndsAtMs" bigint NOT NULL,
    CONSTRAINT "PK_LessonRooms" PRIMARY KEY ("LessonId", "ClassroomId")
);


CREATE TABLE "Presence" (
    "Id" uuid NOT NULL,
    "LessonId" text NOT NULL,
    "Subject" text NOT NULL,
    "Role" text NOT NULL,
    "ClassroomId" bigint,
    "SchoolId" bigint,
    "StartedAtMs" bigint NOT NULL,
    "LastSeenAtMs" bigint NOT NULL,
    "DisconnectedAtMs" bigint,
    "EndedAtMs" bigint,
    "Connections" integer NOT NULL,
    "Drops" integer NOT NULL,
    CONSTRAINT "PK_Presence" PRIMARY KEY ("Id")
);


CREATE TABLE "Questions" (
    "Id" uuid NOT NULL,
    "LessonId" text NOT NULL,
    "ClassroomId" bigint NOT NULL,
    "SchoolId" bigint NOT NULL,
    "Text" character varying(1000) NOT NULL,
    "MediaTimeMs" bigint NOT NULL,
    "ReceivedAtMs" bigint NOT NULL,
    "Status" text NOT NULL,
    "StatusChangedAtMs" bigint,
    "Author" text NOT NULL,
    CONSTRAINT "PK_Questions" PRIMARY KEY ("Id")
);


CREATE TABLE "QuestionVotes" (
    "Id" uuid NOT NULL,
    "LessonId" text NOT NULL,
    "QuestionId" uuid NOT NULL,
    "ClassroomId" bigint NOT NULL,
    "SchoolId" bigint NOT NULL,
    "ReceivedAtMs" bigint NOT NULL,
    "Author" text NOT NULL,
    CONSTRAINT "PK_QuestionVotes" PRIMARY KEY ("Id")
);


CREATE TABLE "QuizAnswers" (
    "Id" uuid NOT NULL,
    "LessonId" text NOT NULL,
    "QuizId" uuid NOT NULL,
    "ClassroomId" bigint NOT NULL,
    "SchoolId" bigint NOT NULL,
    "CountsJson" text NOT NULL,
    "StudentAnswersJson" text,
    "MediaTimeMs" bigint NOT NULL,
    "ReceivedAtMs" bigint NOT NULL,
    "Author" text NOT NULL,
    CONSTRAINT "PK_QuizAnswers" PRIMARY KEY ("Id")
);


CREATE TABLE "Quizzes" (
    "Id" uuid NOT NULL,
    "LessonId" text NOT NULL,
    "Prompt" text NOT NULL,
    "OptionsJson" text NOT NULL,
    "OptionCount" integer NOT NULL,
    "MediaTimeMs" bigint NOT NULL,
    "OpenedAtMs" bigint NOT NULL,
    "ClosedAtMs" bigint,
    "Author" text NOT NULL,
    CONSTRAINT "PK_Quizzes" PRIMARY KEY ("Id")
);


CREATE TABLE "StageCalls" (
    "Id" uuid NOT NULL,
    "LessonId" text NOT NULL,
    "ClassroomId" bigint NOT NULL,
    "SchoolId" bigint NOT NULL,
    "CalledAtMs" bigint NOT NULL,
    "EndedAtMs" bigint,
    "Author" text NOT NULL,
    CONSTRAINT "PK_StageCalls" PRIMARY KEY ("Id")
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
