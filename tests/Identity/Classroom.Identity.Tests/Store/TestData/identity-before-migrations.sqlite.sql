-- The account store as the release before migrations left it: the schema its EnsureCreated made
-- (generated once from that release's model) and a few rows it wrote. Never regenerate this file.

CREATE TABLE "AccessTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AccessTokens" PRIMARY KEY AUTOINCREMENT,
    "PersonId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "CreatedUtcTicks" INTEGER NOT NULL,
    "ExpiresUtcTicks" INTEGER NOT NULL,
    "RevokedUtcTicks" INTEGER NULL
);


CREATE TABLE "AspNetRoles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY AUTOINCREMENT,
    "DisplayName" TEXT NOT NULL,
    "CreatedUtcTicks" INTEGER NOT NULL,
    "MustChangePassword" INTEGER NOT NULL,
    "Disabled" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "Audit" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Audit" PRIMARY KEY AUTOINCREMENT,
    "AtUtcTicks" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Scope" TEXT NOT NULL,
    "ClientAddress" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Status" INTEGER NOT NULL
);


CREATE TABLE "Devices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Devices" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "AllianceId" INTEGER NOT NULL,
    "SchoolId" INTEGER NOT NULL,
    "ClassroomId" INTEGER NULL,
    "StudioId" INTEGER NULL,
    "SecretHash" TEXT NOT NULL,
    "CreatedUtcTicks" INTEGER NOT NULL,
    "EnrolledBy" TEXT NOT NULL,
    "RevokedUtcTicks" INTEGER NULL,
    "LastSeenUtcTicks" INTEGER NULL
);


CREATE TABLE "EnrolmentCodes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EnrolmentCodes" PRIMARY KEY AUTOINCREMENT,
    "PersonId" INTEGER NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "ExpiresUtcTicks" INTEGER NOT NULL,
    "UsedUtcTicks" INTEGER NULL
);


CREATE TABLE "PairingRequests" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PairingRequests" PRIMARY KEY AUTOINCREMENT,
    "CodeHash" TEXT NOT NULL,
    "PollSecretHash" TEXT NOT NULL,
    "CreatedUtcTicks" INTEGER NOT NULL,
    "ExpiresUtcTicks" INTEGER NOT NULL,
    "DeviceId" INTEGER NULL,
    "PendingCredential" TEXT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" INTEGER NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" INTEGER NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" INTEGER NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" INTEGER NOT NULL,
    "RoleId" INTEGER NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" INTEGER NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Grants" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Grants" PRIMARY KEY AUTOINCREMENT,
    "PersonId" INTEGER NOT NULL,
    "Role" TEXT NOT NULL,
    "AllianceId" INTEGER NULL,
    "SchoolId" INTEGER NULL,
    "ClassroomId" INTEGER NULL,
    "TeacherId" INTEGER NULL,
    CONSTRAINT "FK_Grants_AspNetUsers_PersonId" FOREIGN KEY ("PersonId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_AccessTokens_PersonId" ON "AccessTokens" ("PersonId");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_Audit_AtUtcTicks" ON "Audit" ("AtUtcTicks");


CREATE INDEX "IX_Audit_Subject" ON "Audit" ("Subject");


CREATE INDEX "IX_Devices_SchoolId" ON "Devices" ("SchoolId");


CREATE INDEX "IX_Grants_PersonId" ON "Grants" ("PersonId");


CREATE INDEX "IX_PairingRequests_CodeHash" ON "PairingRequests" ("CodeHash");



-- Rows that release wrote (ids from the store's own sequences, as the application left them).
INSERT INTO "AspNetUsers" ("DisplayName", "CreatedUtcTicks", "MustChangePassword", "Disabled", "UserName", "NormalizedUserName", "EmailConfirmed",
    "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
VALUES ('王老师', 638000000000000000, FALSE, FALSE, 'wang', 'WANG', FALSE, 'STAMP1', 'c0ffee00-0000-0000-0000-000000000001', FALSE, FALSE, TRUE, 0);
INSERT INTO "Grants" ("PersonId", "Role", "AllianceId", "SchoolId", "ClassroomId", "TeacherId") SELECT "Id", 'Teacher', 1, 2, NULL, 7 FROM "AspNetUsers";
