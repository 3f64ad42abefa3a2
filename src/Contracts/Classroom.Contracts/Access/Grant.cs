using System.Globalization;
using System.Text;

namespace Classroom.Contracts.Access;

/// <summary>
/// One role a person holds and where it applies. A district admin's grant has no ids (the whole
/// county); an alliance admin's names the alliance; a school admin's and a teacher's name the
/// school (and its alliance); a student's and a classroom device's name the classroom.
/// </summary>
public sealed record Grant(AccountRole Role, long? AllianceId = null, long? SchoolId = null, long? ClassroomId = null, long? TeacherId = null, long? StudioId = null)
{
    /// <summary>Claim value, e.g. "school-admin;a=1;s=3" — parsed back by <see cref="TryParse"/>.</summary>
    public string ToClaimValue()
    {
        var b = new StringBuilder(Role.ToWire());
        Append(b, "a", AllianceId);
        Append(b, "s", SchoolId);
        Append(b, "c", ClassroomId);
        Append(b, "t", TeacherId);
        Append(b, "r", StudioId);
        return b.ToString();
    }

    public static bool TryParse(string? value, out Grant? grant)
    {
        grant = null;
        if (string.IsNullOrEmpty(value)) return false;
        var parts = value.Split(';');
        if (!AccountRoleNames.TryParse(parts[0], out var role)) return false;
        long? a = null, s = null, c = null, t = null, r = null;
        for (var i = 1; i < parts.Length; i++)
        {
            var kv = parts[i];
            if (kv.Length < 3 || kv[1] != '=' || !long.TryParse(kv.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
            switch (kv[0])
            {
                case 'a': a = id; break;
                case 's': s = id; break;
                case 'c': c = id; break;
                case 't': t = id; break;
                case 'r': r = id; break;
                default: return false;
            }
        }

        grant = new Grant(role, a, s, c, t, r);
        return true;
    }

    private static void Append(StringBuilder b, string key, long? id)
    {
        if (id is { } v) b.Append(';').Append(key).Append('=').Append(v.ToString(CultureInfo.InvariantCulture));
    }
}
