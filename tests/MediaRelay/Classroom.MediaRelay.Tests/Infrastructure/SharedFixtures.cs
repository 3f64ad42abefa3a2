// Chromium comes from the fixtures every test project shares (tests/Shared/Classroom.Testing).
global using ChromiumFixture = Classroom.Testing.ChromiumFixture;
