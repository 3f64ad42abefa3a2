-- The scheduler store as the release before migrations left it: the schema its EnsureCreated made
-- (generated once from that release's model) and a few rows it wrote. Never regenerate this file.
CREATE TABLE "Alliances" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Alliances" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "TimeZone" TEXT NOT NULL,
    "MinOverlapShare" REAL NULL,
    "RelayCapacityPerLesson" INTEGER NULL,
    "UplinkSharePerStream" REAL NULL
);


CREATE TABLE "Pairings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Pairings" PRIMARY KEY AUTOINCREMENT,
    "AllianceId" INTEGER NOT NULL,
    "SolveRunId" INTEGER NOT NULL,
    "LessonId" TEXT NOT NULL,
    "LeadLessonId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "StartUtcTicks" INTEGER NOT NULL,
    "EndUtcTicks" INTEGER NOT NULL,
    "DemandId" INTEGER NOT NULL,
    "ClassroomId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL
);


CREATE TABLE "SolveJobs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SolveJobs" PRIMARY KEY AUTOINCREMENT,
    "AllianceId" INTEGER NOT NULL,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Progress" REAL NOT NULL,
    "CreatedUtcTicks" INTEGER NOT NULL,
    "StartedUtcTicks" INTEGER NULL,
    "FinishedUtcTicks" INTEGER NULL,
    "SolveRunId" INTEGER NULL,
    "ErrorCode" TEXT NULL,
    "ErrorDetail" TEXT NULL
);


CREATE TABLE "SolveRuns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SolveRuns" PRIMARY KEY AUTOINCREMENT,
    "AllianceId" INTEGER NOT NULL,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "CreatedUtcTicks" INTEGER NOT NULL,
    "Demanded" INTEGER NOT NULL,
    "Covered" INTEGER NOT NULL,
    "UpperBound" INTEGER NOT NULL,
    "Kept" INTEGER NOT NULL,
    "Moved" INTEGER NOT NULL,
    "Added" INTEGER NOT NULL,
    "DroppedNotOccurring" INTEGER NOT NULL,
    "ElapsedMs" REAL NOT NULL,
    "SolverStatus" TEXT NOT NULL,
    "UncoveredJson" TEXT NOT NULL
);


CREATE TABLE "Schools" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Schools" PRIMARY KEY AUTOINCREMENT,
    "AllianceId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "IsLead" INTEGER NOT NULL,
    "LinkMbps" REAL NOT NULL,
    CONSTRAINT "FK_Schools_Alliances_AllianceId" FOREIGN KEY ("AllianceId") REFERENCES "Alliances" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Terms" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Terms" PRIMARY KEY AUTOINCREMENT,
    "AllianceId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "FirstDay" TEXT NOT NULL,
    "LastDay" TEXT NOT NULL,
    CONSTRAINT "FK_Terms_Alliances_AllianceId" FOREIGN KEY ("AllianceId") REFERENCES "Alliances" ("Id") ON DELETE CASCADE
);


CREATE TABLE "BellSchedules" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BellSchedules" PRIMARY KEY AUTOINCREMENT,
    "SchoolId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "ValidFrom" TEXT NULL,
    "ValidTo" TEXT NULL,
    CONSTRAINT "FK_BellSchedules_Schools_SchoolId" FOREIGN KEY ("SchoolId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Classrooms" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Classrooms" PRIMARY KEY AUTOINCREMENT,
    "SchoolId" INTEGER NOT NULL,
    "Grade" INTEGER NOT NULL,
    "ClassName" TEXT NOT NULL,
    "Seats" INTEGER NOT NULL,
    "KioskKeyHash" TEXT NOT NULL,
    "FeedKeyHash" TEXT NOT NULL,
    CONSTRAINT "FK_Classrooms_Schools_SchoolId" FOREIGN KEY ("SchoolId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Studios" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Studios" PRIMARY KEY AUTOINCREMENT,
    "SchoolId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_Studios_Schools_SchoolId" FOREIGN KEY ("SchoolId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Teachers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Teachers" PRIMARY KEY AUTOINCREMENT,
    "SchoolId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "FeedKeyHash" TEXT NOT NULL,
    CONSTRAINT "FK_Teachers_Schools_SchoolId" FOREIGN KEY ("SchoolId") REFERENCES "Schools" ("Id") ON DELETE CASCADE
);


CREATE TABLE "TermDays" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TermDays" PRIMARY KEY AUTOINCREMENT,
    "TermId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "FollowsWeekday" INTEGER NULL,
    "Note" TEXT NULL,
    CONSTRAINT "FK_TermDays_Terms_TermId" FOREIGN KEY ("TermId") REFERENCES "Terms" ("Id") ON DELETE CASCADE
);


CREATE TABLE "BellPeriods" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BellPeriods" PRIMARY KEY AUTOINCREMENT,
    "BellScheduleId" INTEGER NOT NULL,
    "Weekday" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Start" TEXT NOT NULL,
    "End" TEXT NOT NULL,
    CONSTRAINT "FK_BellPeriods_BellSchedules_BellScheduleId" FOREIGN KEY ("BellScheduleId") REFERENCES "BellSchedules" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Demands" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Demands" PRIMARY KEY AUTOINCREMENT,
    "ClassroomId" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "LessonsPerWeek" INTEGER NOT NULL,
    CONSTRAINT "FK_Demands_Classrooms_ClassroomId" FOREIGN KEY ("ClassroomId") REFERENCES "Classrooms" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Roster" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Roster" PRIMARY KEY AUTOINCREMENT,
    "ClassroomId" INTEGER NOT NULL,
    "SchoolStudentId" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "UpdatedUtcTicks" INTEGER NOT NULL,
    CONSTRAINT "FK_Roster_Classrooms_ClassroomId" FOREIGN KEY ("ClassroomId") REFERENCES "Classrooms" ("Id") ON DELETE CASCADE
);


CREATE TABLE "LeadLessons" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LeadLessons" PRIMARY KEY AUTOINCREMENT,
    "AllianceId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "Grade" INTEGER NOT NULL,
    "TeacherId" INTEGER NOT NULL,
    "StudioId" INTEGER NOT NULL,
    "Weekday" INTEGER NOT NULL,
    "PeriodName" TEXT NOT NULL,
    "BitrateMbps" REAL NOT NULL,
    CONSTRAINT "FK_LeadLessons_Alliances_AllianceId" FOREIGN KEY ("AllianceId") REFERENCES "Alliances" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_LeadLessons_Studios_StudioId" FOREIGN KEY ("StudioId") REFERENCES "Studios" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LeadLessons_Teachers_TeacherId" FOREIGN KEY ("TeacherId") REFERENCES "Teachers" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "DemandPeriods" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DemandPeriods" PRIMARY KEY AUTOINCREMENT,
    "MemberDemandId" INTEGER NOT NULL,
    "Weekday" INTEGER NOT NULL,
    "PeriodName" TEXT NOT NULL,
    CONSTRAINT "FK_DemandPeriods_Demands_MemberDemandId" FOREIGN KEY ("MemberDemandId") REFERENCES "Demands" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_BellPeriods_BellScheduleId" ON "BellPeriods" ("BellScheduleId");


CREATE INDEX "IX_BellSchedules_SchoolId" ON "BellSchedules" ("SchoolId");


CREATE UNIQUE INDEX "IX_Classrooms_SchoolId_ClassName" ON "Classrooms" ("SchoolId", "ClassName");


CREATE INDEX "IX_DemandPeriods_MemberDemandId" ON "DemandPeriods" ("MemberDemandId");


CREATE INDEX "IX_Demands_ClassroomId" ON "Demands" ("ClassroomId");


CREATE INDEX "IX_LeadLessons_AllianceId" ON "LeadLessons" ("AllianceId");


CREATE INDEX "IX_LeadLessons_StudioId" ON "LeadLessons" ("StudioId");


CREATE INDEX "IX_LeadLessons_TeacherId" ON "LeadLessons" ("TeacherId");


CREATE INDEX "IX_Pairings_AllianceId_Date" ON "Pairings" ("AllianceId", "Date");


CREATE INDEX "IX_Pairings_ClassroomId_Date" ON "Pairings" ("ClassroomId", "Date");


CREATE INDEX "IX_Pairings_LessonId" ON "Pairings" ("LessonId");


CREATE UNIQUE INDEX "IX_Roster_ClassroomId_SchoolStudentId" ON "Roster" ("ClassroomId", "SchoolStudentId");


CREATE INDEX "IX_Roster_UpdatedUtcTicks" ON "Roster" ("UpdatedUtcTicks");


CREATE UNIQUE INDEX "IX_Schools_AllianceId_Code" ON "Schools" ("AllianceId", "Code");


CREATE INDEX "IX_SolveJobs_AllianceId_From_To" ON "SolveJobs" ("AllianceId", "From", "To");


CREATE INDEX "IX_SolveJobs_State_Id" ON "SolveJobs" ("State", "Id");


CREATE INDEX "IX_SolveRuns_AllianceId_From" ON "SolveRuns" ("AllianceId", "From");


CREATE INDEX "IX_Studios_SchoolId" ON "Studios" ("SchoolId");


CREATE INDEX "IX_Teachers_SchoolId" ON "Teachers" ("SchoolId");


CREATE UNIQUE INDEX "IX_TermDays_TermId_Date" ON "TermDays" ("TermId", "Date");


CREATE INDEX "IX_Terms_AllianceId" ON "Terms" ("AllianceId");



-- Rows that release wrote (ids from the store's own sequences, as the application left them).
INSERT INTO "Alliances" ("Name", "TimeZone") VALUES ('城关教学联盟', 'Asia/Shanghai');
INSERT INTO "Schools" ("AllianceId", "Name", "Code", "IsLead", "LinkMbps") SELECT "Id", '城关中心小学', 'CG01', TRUE, 100 FROM "Alliances";
INSERT INTO "Classrooms" ("SchoolId", "Grade", "ClassName", "Seats", "KioskKeyHash", "FeedKeyHash") SELECT "Id", 3, '三年级1班', 42, 'kioskhash', 'feedhash' FROM "Schools";
INSERT INTO "Roster" ("ClassroomId", "SchoolStudentId", "DisplayName", "UpdatedUtcTicks") SELECT "Id", 'S001', '张小明', 638000000000000000 FROM "Classrooms";
INSERT INTO "Terms" ("AllianceId", "Name", "FirstDay", "LastDay") SELECT "Id", '2026秋季学期', '2026-09-01', '2027-01-20' FROM "Alliances";
INSERT INTO "TermDays" ("TermId", "Date", "Kind", "FollowsWeekday", "Note") SELECT "Id", '2026-10-01', 0, NULL, '国庆节' FROM "Terms";
