// Roles edited in the people view (docs/admin-people.md "Roles"): the audit log names the new
// actions in words, and the roles texts exist in both languages.
import { describe, expect, it } from "vitest";
import en from "../locales/admin-people.en";
import zh from "../locales/admin-people.zh-CN";
import rolesEn from "../locales/admin-roles.en";
import rolesZh from "../locales/admin-roles.zh-CN";
import { creatableRoles, grantRequest, namedActions } from "./admin-people";
import { reachOf } from "./admin-scope";

describe("roles of a person", () => {
  it("names adding and removing a role in the audit log, both as the request and as the named row", () => {
    expect(namedActions["POST /api/people/{id:long}/grants"]).toBe("grantAdd");
    expect(namedActions["DELETE /api/people/{id:long}/grants/{grantId:long}"]).toBe("grantRemove");
    expect(namedActions["person.grant.add"]).toBe("grantAdd");
    expect(namedActions["person.grant.remove"]).toBe("grantRemove");
    for (const key of new Set(Object.values(namedActions))) {
      expect(zh.people.audit.actions, key).toHaveProperty(key);
      expect(en.people.audit.actions, key).toHaveProperty(key);
    }
    expect(zh.people.audit.actions.grantAdd).toBe("添加角色");
  });

  it("asks for a role added at a school as the create dialog does: the school is the place's, a teacher or class is picked", () => {
    const school = reachOf([{ role: "school-admin", allianceId: 1, schoolId: 5 }]);
    const place = { allianceId: 1, schoolId: 5 };
    expect(creatableRoles(school, place)).toEqual(["school-admin", "teacher", "student"]);
    expect(grantRequest("school-admin", place, null)).toEqual({ role: "school-admin", allianceId: null, schoolId: 5, classroomId: null, teacherId: null });
    expect(grantRequest("teacher", place, 12)).toEqual({ role: "teacher", allianceId: null, schoolId: null, classroomId: null, teacherId: 12 });
  });

  it("has every roles text in both languages", () => {
    expect(Object.keys(rolesEn.peopleRoles).sort()).toEqual(Object.keys(rolesZh.peopleRoles).sort());
    expect(rolesZh.peopleRoles.button).toBe("角色");
    expect(rolesEn.peopleRoles.button).toBe("Roles");
  });
});
