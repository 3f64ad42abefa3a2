// The type generator (docs/web-types.md) on small documents shaped like what ASP.NET Core writes,
// and on the committed output: every generated file is what the generator makes of its own header.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { declaration, hubToTs, openApiToTs, schemaToTs, typeName } from "./gen-types.mjs";

describe("schemaToTs", () => {
  it("maps JSON types, formats, nullability and references", () => {
    expect(schemaToTs({ type: "string" })).toBe("string");
    expect(schemaToTs({ type: "string", format: "date-time" })).toBe("string");
    expect(schemaToTs({ type: ["null", "string"] })).toBe("string | null");
    expect(schemaToTs({ type: "boolean" })).toBe("boolean");
    expect(schemaToTs({ $ref: "#/components/schemas/RecordingSummary" })).toBe("RecordingSummary");
    expect(schemaToTs({})).toBe("unknown");
  });

  it("treats ASP.NET Core's [integer, string] numbers (read from strings, written as numbers) as numbers", () => {
    expect(schemaToTs({ type: ["integer", "string"], format: "int64", pattern: "^-?(?:0|[1-9]\\d*)$" })).toBe("number");
    expect(schemaToTs({ type: ["null", "integer", "string"], format: "int32", pattern: "^-?(?:0|[1-9]\\d*)$" })).toBe("number | null");
    // Without the number pattern a string is a real alternative.
    expect(schemaToTs({ type: ["integer", "string"] })).toBe("number | string");
  });

  it("maps arrays, maps, enums and unions", () => {
    expect(schemaToTs({ type: "array", items: { $ref: "#/components/schemas/A" } })).toBe("A[]");
    expect(schemaToTs({ type: "array", items: { type: ["string", "null"] } })).toBe("(string | null)[]");
    expect(schemaToTs({ type: "object", additionalProperties: { type: "string" } })).toBe("Record<string, string>");
    expect(schemaToTs({ enum: ["Monday", "Tuesday"] })).toBe("\"Monday\" | \"Tuesday\"");
    expect(schemaToTs({ oneOf: [{ $ref: "#/components/schemas/A" }, { type: "null" }] })).toBe("A | null");
    expect(schemaToTs({ allOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] })).toBe("A & B");
  });

  it("writes inline objects with required and optional fields", () => {
    expect(schemaToTs({ type: "object", required: ["id"], properties: { id: { type: "string" }, "x-y": { type: "integer" } } }))
      .toBe("{\n  id: string;\n  \"x-y\"?: number;\n}");
  });
});

describe("declarations", () => {
  it("turns component names into identifiers", () => {
    expect(typeName("Classroom.Hub.RecordingView")).toBe("Classroom_Hub_RecordingView");
    expect(typeName("2x")).toBe("_2x");
  });

  it("writes objects as interfaces and anything else as types, with the description as a comment", () => {
    expect(declaration("P", { type: "object", description: "A person.", required: ["n"], properties: { n: { type: "string" } } }))
      .toBe("/** A person. */\nexport interface P {\n  n: string;\n}\n");
    expect(declaration("Day", { enum: ["Monday"] })).toBe("export type Day = \"Monday\";\n");
  });
});

describe("openApiToTs", () => {
  const doc = {
    info: { title: "Classroom", version: "v1" },
    components: { schemas: { Lesson: { type: "object", required: ["lessonId"], properties: { lessonId: { type: "string" } } } } },
    paths: {
      "/api/me/lessons": {
        get: {
          parameters: [{ name: "from", in: "query", schema: { type: "string", format: "date" } }],
          responses: { "200": { content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Lesson" } } } } } },
        },
      },
      "/api/things/{id}": {
        delete: { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "gone" } } },
        post: {
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Lesson" } } } },
          responses: { "201": { content: { "application/json": { schema: { $ref: "#/components/schemas/Lesson" } } } }, "400": {} },
        },
      },
    },
  };

  it("writes the schemas and every operation's parameters, body and success answer", () => {
    const ts = openApiToTs(doc);
    expect(ts).toContain("export interface Lesson {\n  lessonId: string;\n}");
    expect(ts).toContain("  \"GET /api/me/lessons\": {\n    path: never;\n    query: {\n      from?: string;\n    };\n    body: never;\n    response: Lesson[];\n  };");
    expect(ts).toContain("  \"DELETE /api/things/{id}\": {\n    path: {\n      id: string;\n    };\n    query: never;\n    body: never;\n    response: void;\n  };");
    expect(ts).toContain("    body: Lesson;\n    response: Lesson;");
    expect(ts).toContain("export type ApiResponse<K extends ApiOperation>");
  });

  it("is deterministic: the same document gives the same text", () => {
    expect(openApiToTs(structuredClone(doc))).toBe(openApiToTs(doc));
  });
});

describe("hubToTs", () => {
  it("writes the hub's methods with their arguments and results, and the client events", () => {
    const ts = hubToTs({
      hub: "LessonHub",
      path: "/hub/lesson",
      serverMethods: [
        { name: "Heartbeat", parameters: [], returns: { type: "integer" } },
        { name: "CheckIn", parameters: [{ name: "input", schema: { $ref: "#/components/schemas/CheckInInput" } }], returns: { $ref: "#/components/schemas/RecordAck" } },
        { name: "CloseQuiz", parameters: [{ name: "input", schema: { $ref: "#/components/schemas/CheckInInput" } }] },
      ],
      clientMethods: [{ name: "Resync", parameters: [] }, { name: "QuizClosed", parameters: [{ name: "quizId", schema: { type: "string", format: "uuid" } }] }],
      schemas: {
        RecordAck: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
        CheckInInput: { type: "object", required: ["present"], properties: { present: { type: "integer" } } },
      },
    });
    expect(ts).toContain("export const lessonHubPath = \"/hub/lesson\";");
    expect(ts).toContain("  CheckIn: { args: [input: CheckInInput]; result: RecordAck };");
    expect(ts).toContain("  CloseQuiz: { args: [input: CheckInInput]; result: void };");
    expect(ts).toContain("  Heartbeat: { args: []; result: number };");
    expect(ts).toContain("  QuizClosed: [quizId: string];");
    expect(ts).toContain("export const lessonHubMethodNames = [\"CheckIn\",\"CloseQuiz\",\"Heartbeat\"] as const;");
    // Sorted by name, whatever order reflection gave.
    expect(ts.indexOf("interface CheckInInput")).toBeLessThan(ts.indexOf("interface RecordAck"));
  });
});

describe("the committed files", () => {
  it("say they are generated and how to regenerate them", () => {
    for (const file of ["api.ts", "hub.ts"]) {
      const text = readFileSync(new URL("../src/generated/" + file, import.meta.url), "utf8");
      expect(text.startsWith("// GENERATED by web/scripts/gen-types.mjs")).toBe(true);
      expect(text).toContain("docs/web-types.md");
    }
  });
});
