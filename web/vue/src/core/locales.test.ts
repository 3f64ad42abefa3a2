import { describe, expect, it } from "vitest";

// Every locales/<name>.zh-CN.ts has a locales/<name>.en.ts with exactly its keys.
const files = import.meta.glob<{ default: object }>("../locales/*.ts", { eager: true });
const byName = new Map<string, { zh?: object; en?: object }>();
for (const [path, mod] of Object.entries(files)) {
  const m = /\/([^/]+)\.(zh-CN|en)\.ts$/.exec(path);
  if (!m) throw new Error(`${path}: locale files are named <name>.zh-CN.ts and <name>.en.ts`);
  const entry = byName.get(m[1]) ?? {};
  if (m[2] === "en") entry.en = mod.default; else entry.zh = mod.default;
  byName.set(m[1], entry);
}

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v as object, prefix + k + ".") : [prefix + k])).sort();
}
function texts(o: object): string[] {
  return Object.values(o).flatMap((v) => (typeof v === "object" && v ? texts(v as object) : [String(v)]));
}

describe("locales", () => {
  it("finds the shared texts and the replay page's", () => {
    expect(byName.has("common")).toBe(true);
    expect(byName.has("replay")).toBe(true);
  });
  for (const [name, { zh, en }] of byName) {
    it(`${name}: English has every key of Simplified Chinese and no other`, () => {
      expect(zh, `${name}.zh-CN.ts`).toBeDefined();
      expect(en, `${name}.en.ts`).toBeDefined();
      expect(keys(en!)).toEqual(keys(zh!));
    });
    it(`${name}: no text uses vue-i18n's special characters by accident (@ | $ outside placeholders)`, () => {
      for (const text of texts(zh!).concat(texts(en!))) expect(text).not.toMatch(/[@|$]/);
    });
  }
  it("no two files define the same top-level key (pages merge their texts over the shared ones)", () => {
    const seen = new Map<string, string>();
    for (const [name, { zh }] of byName)
      for (const k of Object.keys(zh ?? {})) {
        expect(seen.get(k), `${k} in ${name} and ${seen.get(k)}`).toBeUndefined();
        seen.set(k, name);
      }
  });
});
