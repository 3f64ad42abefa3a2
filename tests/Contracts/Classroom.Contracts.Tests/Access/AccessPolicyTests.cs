using Classroom.Contracts.Access;

namespace Classroom.Contracts.Tests.Access;

public sealed class AccessPolicyTests
{
    private static readonly ResourceScope OwnSchool = new(1, 10);
    private static readonly ResourceScope OtherSchool = new(1, 11);
    private static readonly ResourceScope OtherAlliance = new(2, 20);
    private static readonly ResourceScope Alliance1 = new(1, null);
    private static readonly ResourceScope LessonOfTeacher7 = new(1, 10, null, 7);

    [Theory]
    [InlineData(Permission.Read, true)]
    [InlineData(Permission.Manage, true)]
    [InlineData(Permission.ReadPersonal, true)]
    [InlineData(Permission.Administer, false)]
    [InlineData(Permission.Teach, false)]
    [InlineData(Permission.ReadAudit, false)]
    public void A_school_admin_acts_inside_their_school_only_and_never_on_the_alliances_structure(Permission permission, bool own)
    {
        Grant[] grants = [new(AccountRole.SchoolAdmin, 1, 10)];
        Assert.Equal(own, AccessPolicy.Allows(grants, permission, OwnSchool));
        Assert.False(AccessPolicy.Allows(grants, permission, OtherSchool));
        Assert.False(AccessPolicy.Allows(grants, permission, OtherAlliance));
        Assert.False(AccessPolicy.Allows(grants, permission, Alliance1));
        Assert.False(AccessPolicy.Allows(grants, permission, ResourceScope.County));
    }

    [Fact]
    public void A_school_admin_grant_naming_a_school_of_another_alliance_reaches_nothing()
    {
        // The grant says alliance 1, the school resolves to alliance 2: a forged or stale pairing of ids is refused.
        Grant[] grants = [new(AccountRole.SchoolAdmin, 1, 20)];
        Assert.False(AccessPolicy.Allows(grants, Permission.Read, OtherAlliance));
    }

    [Fact]
    public void An_alliance_admin_administers_their_alliance_and_nothing_at_county_level()
    {
        Grant[] grants = [new(AccountRole.AllianceAdmin, 1)];
        Assert.True(AccessPolicy.Allows(grants, Permission.Administer, OwnSchool));
        Assert.True(AccessPolicy.Allows(grants, Permission.ReadPersonal, OtherSchool));
        Assert.False(AccessPolicy.Allows(grants, Permission.Read, OtherAlliance));
        Assert.False(AccessPolicy.Allows(grants, Permission.Manage, ResourceScope.County));
        Assert.False(AccessPolicy.Allows(grants, Permission.ReadAudit, Alliance1));
    }

    [Fact]
    public void A_teacher_teaches_and_reads_only_the_lessons_that_name_them()
    {
        Grant[] grants = [new(AccountRole.Teacher, 1, 10, null, 7)];
        Assert.True(AccessPolicy.Allows(grants, Permission.Teach, LessonOfTeacher7));
        Assert.True(AccessPolicy.Allows(grants, Permission.Read, LessonOfTeacher7));
        Assert.False(AccessPolicy.Allows(grants, Permission.Teach, LessonOfTeacher7 with { TeacherId = 8 }));
        Assert.False(AccessPolicy.Allows(grants, Permission.Manage, LessonOfTeacher7));
        Assert.False(AccessPolicy.Allows(grants, Permission.Read, OwnSchool));
    }

    [Fact]
    public void Auditors_read_the_audit_log_of_their_scope_and_nothing_else()
    {
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.Auditor)], Permission.ReadAudit, ResourceScope.County));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Auditor)], Permission.Read, Alliance1));
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.Auditor, 1)], Permission.ReadAudit, Alliance1));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Auditor, 1)], Permission.ReadAudit, ResourceScope.County));
    }

    [Theory]
    [InlineData(AccountRole.Student)]
    [InlineData(AccountRole.Device)]
    public void Students_and_devices_get_no_resource_permission_but_a_student_watches_their_class(AccountRole role)
    {
        Grant[] grants = [new(role, 1, 10, 100)];
        foreach (var p in Enum.GetValues<Permission>())
            Assert.Equal(role == AccountRole.Student && p == Permission.Watch, AccessPolicy.Allows(grants, p, new ResourceScope(1, 10, 100)));
        Assert.False(AccessPolicy.Allows(grants, Permission.Watch, new ResourceScope(1, 10, 101)));
    }

    [Fact]
    public void A_recordings_audience_may_watch_it_and_nothing_more()
    {
        // Lesson of teacher 7 at lead school 10; classes 100 (school 11) and 200 (school 12) were paired.
        var recording = LessonOfTeacher7 with { Audience = [new ResourceScope(1, 11, 100), new ResourceScope(1, 12, 200)] };
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.Student, 1, 11, 100)], Permission.Watch, recording));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Student, 1, 11, 101)], Permission.Watch, recording));
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.SchoolAdmin, 1, 12)], Permission.Watch, recording));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.SchoolAdmin, 1, 12)], Permission.Manage, recording));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.SchoolAdmin, 1, 13)], Permission.Watch, recording));
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.SchoolAdmin, 1, 10)], Permission.Manage, recording));
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.Teacher, 1, 11, null, 9)], Permission.Watch, recording));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Teacher, 1, 11, null, 9)], Permission.Teach, recording));
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.Teacher, 1, 10, null, 7)], Permission.Teach, recording));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Teacher, 2, 11, null, 9)], Permission.Watch, recording));
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.AllianceAdmin, 1)], Permission.Watch, recording));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.AllianceAdmin, 2)], Permission.Watch, recording));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Auditor, 1)], Permission.Watch, recording));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Device, 1, 11, 100)], Permission.Watch, recording));
    }

    [Fact]
    public void A_researcher_reads_watches_and_evaluates_the_lessons_of_their_scope_and_nothing_more()
    {
        var lesson = LessonOfTeacher7 with { Audience = [new ResourceScope(1, 11, 100)] };
        Grant[] ofAlliance = [new(AccountRole.Researcher, 1)];
        Grant[] ofCounty = [new(AccountRole.Researcher)];
        foreach (var p in Enum.GetValues<Permission>())
        {
            var expected = p is Permission.Read or Permission.Watch or Permission.Evaluate;
            Assert.Equal(expected, AccessPolicy.Allows(ofAlliance, p, lesson));
            Assert.Equal(expected, AccessPolicy.Allows(ofCounty, p, OtherAlliance));
            Assert.False(AccessPolicy.Allows(ofAlliance, p, OtherAlliance)); // another alliance: nothing
        }

        // Evaluating is theirs and alliance admins'; never a teacher's, school admin's or student's.
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.AllianceAdmin, 1)], Permission.Evaluate, lesson));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Teacher, 1, 10, null, 7)], Permission.Evaluate, lesson));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.SchoolAdmin, 1, 10)], Permission.Evaluate, lesson));
        Assert.False(AccessPolicy.Allows([new Grant(AccountRole.Student, 1, 11, 100)], Permission.Evaluate, lesson));
        Assert.True(AccessPolicy.Allows([new Grant(AccountRole.Teacher, 1, 10, null, 7)], Permission.Read, lesson)); // the teacher reads the evaluations
    }

    [Fact]
    public void No_grant_allows_nothing_and_a_district_admin_everything()
    {
        foreach (var p in Enum.GetValues<Permission>())
        {
            Assert.False(AccessPolicy.Allows([], p, ResourceScope.County));
            Assert.True(AccessPolicy.Allows([new Grant(AccountRole.DistrictAdmin)], p, OtherAlliance));
        }
    }

    [Fact]
    public void Grants_round_trip_through_their_claim_value_and_junk_is_refused()
    {
        foreach (var g in new[] { new Grant(AccountRole.DistrictAdmin), new Grant(AccountRole.Teacher, 1, 2, null, 3), new Grant(AccountRole.Device, 1, 2, 3, null, 4) })
        {
            Assert.True(Grant.TryParse(g.ToClaimValue(), out var back));
            Assert.Equal(g, back);
        }

        foreach (var junk in new[] { "", "king", "teacher;x=1", "teacher;a=", "teacher;a=-1", "school-admin;s=1;zz" })
            Assert.False(Grant.TryParse(junk, out _));
    }

    [Fact]
    public void A_revocation_covers_its_token_id_or_its_subject_within_its_lesson_until_it_lapses()
    {
        var revocations = new Revocations();
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var closed = new List<Revocation>();
        using var subscription = revocations.Subscribe(closed.Add);
        revocations.Publish(new Revocation("device:1", null, null, now.AddHours(1), "revoked"));
        revocations.Publish(new Revocation(null, "jti-9", "L1-20261123", now.AddMinutes(15), "off stage"));

        Assert.Equal(2, closed.Count);
        Assert.True(revocations.IsRevoked("device:1", "any", "L5-20261124", now));
        Assert.True(revocations.IsRevoked("room:3", "jti-9", "L1-20261123", now));
        Assert.False(revocations.IsRevoked("room:3", "jti-8", "L1-20261123", now));
        Assert.False(revocations.IsRevoked("device:1", "any", null, now.AddHours(2)));
    }
}
