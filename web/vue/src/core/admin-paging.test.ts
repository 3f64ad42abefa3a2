import { describe, expect, it } from "vitest";
import { hashOf, lastPage, pagedUrl, readHashState, totalOf } from "./admin-paging";

describe("admin paging", () => {
  it("builds the list address with the search trimmed and empty values left out", () => {
    expect(pagedUrl("/api/people", { q: "  王 ", page: 2, pageSize: 20 })).toBe("/api/people?q=%E7%8E%8B&page=2&pageSize=20");
    expect(pagedUrl("/api/recordings", { q: "", allianceId: null, page: 1, pageSize: 20 })).toBe("/api/recordings?page=1&pageSize=20");
    expect(pagedUrl("/api/x?a=1", { page: 3 })).toBe("/api/x?a=1&page=3");
    expect(pagedUrl("/api/x", {})).toBe("/api/x");
  });

  it("reads the total from the header, falling back to the rows", () => {
    expect(totalOf("1234", 20)).toBe(1234);
    expect(totalOf(null, 7)).toBe(7);
    expect(totalOf("nope", 7)).toBe(7);
  });

  it("knows the last page", () => {
    expect(lastPage(0, 20)).toBe(1);
    expect(lastPage(20, 20)).toBe(1);
    expect(lastPage(21, 20)).toBe(2);
  });
});

describe("admin paging hash state", () => {
  it("round-trips the search and page of its own view only", () => {
    expect(hashOf("people", { q: "王", page: 3 })).toBe("#people?q=%E7%8E%8B&page=3");
    expect(hashOf("people", { q: " ", page: 1 })).toBe("#people");
    expect(readHashState("#people?q=%E7%8E%8B&page=3", "people")).toEqual({ q: "王", page: 3 });
    expect(readHashState("#recordings?page=2", "people")).toEqual({ q: "", page: 1 });
    expect(readHashState("#people?page=-1", "people")).toEqual({ q: "", page: 1 });
  });
});
