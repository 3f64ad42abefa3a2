import { describe, expect, it } from "vitest";
import en from "../locales/en";
import zh from "../locales/zh-CN";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v as object, prefix + k + ".") : [prefix + k])).sort();
}

describe("locales", () => {
  it("English has every key of Simplified Chinese and no other", () => expect(keys(en)).toEqual(keys(zh)));
  it("no text uses vue-i18n's special characters by accident (@ | $ outside placeholders)", () => {
    const texts = keys(zh).map((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], zh) as string)
      .concat(keys(en).map((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string));
    for (const text of texts) expect(text).not.toMatch(/[@|$]/);
  });
});
