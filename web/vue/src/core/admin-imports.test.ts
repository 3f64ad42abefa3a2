import { describe, expect, it } from "vitest";
import { importKinds, previewTable } from "./admin-imports";

describe("imports preview table", () => {
  const preview = {
    headers: ["学校代码", "年级", "班级"],
    sample: [{ row: 2, cells: ["HW", "3,4", "复式班"] }, { row: 3, cells: ["XX", "4"] }, { row: 4, cells: ["SQ", "十", "十年级"] }],
    issues: [
      { row: null, column: "seats", header: null, code: "missing_column", message: "缺少“座位数”列", otherRow: null },
      { row: 3, column: "school_code", header: "学校代码", code: "unknown_school", message: "没有 XX", otherRow: null },
      { row: 3, column: "class_name", header: "班级", code: "required", message: "必填", otherRow: null },
      { row: 4, column: "grade", header: "年级", code: "not_grades", message: "不是年级", otherRow: null },
      { row: 250, column: "grade", header: "年级", code: "not_grades", message: "第 250 行", otherRow: null },
    ],
  };

  it("puts each problem on its row and cell, and the rest above the table", () => {
    const table = previewTable(preview);
    expect(table.headers).toEqual(["学校代码", "年级", "班级"]);
    expect(table.rows.map((r) => r.ok)).toEqual([true, false, false]);
    const row3 = table.rows[1];
    expect(row3.errors).toEqual(["没有 XX", "必填"]);
    expect(row3.cells.map((c) => c.errors)).toEqual([["没有 XX"], [], ["必填"]]);
    expect(row3.cells[2].text).toBe(""); // a short row is padded to the header's width
    expect(table.rows[2].cells[1].errors).toEqual(["不是年级"]);
    expect(table.above).toEqual([{ row: null, message: "缺少“座位数”列" }, { row: 250, message: "第 250 行" }]);
  });

  it("a problem with no header of the file stays on its row only", () => {
    const table = previewTable({ headers: ["a"], sample: [{ row: 2, cells: ["x"] }], issues: [{ row: 2, column: "b", header: null, code: "required", message: "m", otherRow: null }] });
    expect(table.rows[0].errors).toEqual(["m"]);
    expect(table.rows[0].cells[0].errors).toEqual([]);
  });

  it("knows the server's kinds in setup order", () => {
    expect(importKinds).toEqual(["schools", "classrooms", "bell-schedules", "timetable", "demands", "rosters", "terms"]);
  });
});
