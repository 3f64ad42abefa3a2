// Deleting a person in the people view (docs/admin-people.md "Deleting a person"): the typed
// confirmation, the audit view's name for the action, and the texts in both languages.
import { describe, expect, it } from "vitest";
import { namesPerson } from "../admin/people-delete";
import en from "../locales/admin-person-delete.en";
import zh from "../locales/admin-person-delete.zh-CN";
import peopleEn from "../locales/admin-people.en";
import peopleZh from "../locales/admin-people.zh-CN";
import { namedActions } from "./admin-people";

describe("deleting a person", () => {
  it("is confirmed only by the person's name or user name", () => {
    const person = { displayName: "小明", userName: "xiaoming" };
    expect(namesPerson("小明", person)).toBe(true);
    expect(namesPerson("  xiaoming ", person)).toBe(true);
    expect(namesPerson("", person)).toBe(false);
    expect(namesPerson("小", person)).toBe(false);
    expect(namesPerson("XIAOMING", person)).toBe(false);
    expect(namesPerson("", { displayName: "小明", userName: null })).toBe(false);
  });

  it("names the deletion in the audit log, as the request and as the named row", () => {
    expect(namedActions["DELETE /api/people/{id:long}"]).toBe("personDelete");
    expect(namedActions["person.delete"]).toBe("personDelete");
    expect(peopleZh.people.audit.actions.personDelete).toBe("删除账号");
    expect(peopleEn.people.audit.actions.personDelete).toBe("Delete account");
  });

  it("has every text in both languages", () => {
    expect(Object.keys(en.peopleDelete).sort()).toEqual(Object.keys(zh.peopleDelete).sort());
    for (const [key, value] of Object.entries(zh.peopleDelete)) {
      expect(value, key).not.toBe("");
      expect(value, key).not.toBe((en.peopleDelete as Record<string, string>)[key]);
    }
    expect(zh.peopleDelete.typeToConfirm).toContain("{name}");
    expect(en.peopleDelete.typeToConfirm).toContain("{userName}");
  });
});
