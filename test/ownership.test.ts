import { createHash } from "node:crypto";
import { verbatim } from "../src/i18n/words.js";
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changedFiles, digestMap, isTemporaryOf, judgeFolder, readManifest, type OwnershipRules } from "../src/report/ownership.js";
import { tempDir } from "./helpers/cli.js";

/**
 * The folder-ownership policy shared by run, sweep, fit and merge (src/report/ownership.ts), on
 * a made-up kind of folder: its files are a.txt and b.txt, its record a manifest.json with tool
 * "toy" listing each file's sha256, and "resume" when the manifest says so.
 */
const FILES = ["a.txt", "b.txt"];
const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const rules: OwnershipRules<{ files: Record<string, string>; resume: boolean }> = {
  noun: verbatim("toy"),
  refuse: {
    link: verbatim("LINK"),
    file: verbatim("FILE"),
    notOurs: verbatim("NOT OURS"),
    occupied: () => verbatim("OCCUPIED"),
    foreign: (names) => verbatim(`FOREIGN ${names.join(" ")}`),
    changed: (names) => verbatim(`CHANGED ${names.join(" ")}`),
  },
  ownTemporary: isTemporaryOf(FILES),
  record: (dir) => {
    const manifest = readManifest(dir);
    return manifest?.tool === "toy" ? { files: digestMap(manifest.files) ?? {}, resume: manifest.resume === true } : null;
  },
  judge: (record) => (record.resume ? "resume" : "replace"),
  foreign: (entries) => entries.filter((e) => e !== "manifest.json" && !FILES.includes(e)),
  changed: (dir, record, entries) =>
    changedFiles(dir, record.files, { isOwnName: (name) => FILES.includes(name), isPresent: (name) => entries.includes(name) }),
};

/** A toy folder as pointsim would write it: a.txt, b.txt and their manifest. */
function toyFolder(extra: Record<string, unknown> = {}): string {
  const dir = join(tempDir(), "toy");
  mkdirSync(dir);
  writeFileSync(join(dir, "a.txt"), "A");
  writeFileSync(join(dir, "b.txt"), "B");
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ tool: "toy", files: { "a.txt": sha("A"), "b.txt": sha("B") }, ...extra }));
  return dir;
}

const refusal = (dir: string, force: boolean) => {
  try {
    judgeFolder(dir, rules, force);
  } catch (error) {
    return (error as Error).message.slice(dir.length + 1);
  }
  return null;
};

describe("folder ownership (src/report/ownership.ts)", () => {
  it("writes into an absent or empty folder (its own stale temporary files do not count)", () => {
    const dir = join(tempDir(), "new");
    expect(judgeFolder(dir, rules, false)).toEqual({ verdict: "new" });
    mkdirSync(dir);
    writeFileSync(join(dir, ".a.txt.tmp-123"), "half");
    expect(judgeFolder(dir, rules, false)).toEqual({ verdict: "new" });
    writeFileSync(join(dir, ".notes.tmp-123"), "someone's");
    expect(refusal(dir, true)).toBe("NOT OURS");
  });

  it("never writes into a link, a file or a folder without its record, even with --force", () => {
    const parent = tempDir();
    writeFileSync(join(parent, "file"), "x");
    symlinkSync(toyFolder(), join(parent, "link"));
    mkdirSync(join(parent, "theirs"));
    writeFileSync(join(parent, "theirs", "a.txt"), "A");
    expect(refusal(join(parent, "file"), true)).toBe("FILE");
    expect(refusal(join(parent, "link"), true)).toBe("LINK");
    expect(refusal(join(parent, "theirs"), true)).toBe("NOT OURS");
    expect(() => judgeFolder("", rules, true)).toThrow('"" is not a folder name');
    expect(() => judgeFolder(".", rules, true)).toThrow(". is the working folder; pointsim never writes a toy there");
  });

  it("resumes its own work when the record says so, before any other rule", () => {
    const dir = toyFolder({ resume: true });
    writeFileSync(join(dir, "notes.txt"), "mine");
    expect(judgeFolder(dir, rules, false).verdict).toBe("resume");
  });

  it("refuses files it did not write before asking for --force, and changed files only with --force", () => {
    const dir = toyFolder();
    expect(refusal(dir, false)).toBe("OCCUPIED");
    expect(judgeFolder(dir, rules, true)).toEqual({
      verdict: "replace",
      record: { files: { "a.txt": sha("A"), "b.txt": sha("B") }, resume: false },
      entries: ["a.txt", "b.txt", "manifest.json"],
    });
    writeFileSync(join(dir, "b.txt"), "edited");
    expect(refusal(dir, false)).toBe("OCCUPIED");
    expect(refusal(dir, true)).toBe("CHANGED b.txt");
    writeFileSync(join(dir, "notes.txt"), "mine");
    expect(refusal(dir, false)).toBe("FOREIGN notes.txt");
    // Judging deletes nothing.
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt", "manifest.json", "notes.txt"]);
  });

  it("a manifest that lists a name the kind does not write is refused, even with that file's right sha256", () => {
    const dir = toyFolder();
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ tool: "toy", files: { "a.txt": sha("A"), "thesis.docx": sha("years") } }));
    writeFileSync(join(dir, "thesis.docx"), "years");
    expect(refusal(dir, true)).toBe("FOREIGN thesis.docx");
    // A listed name outside the folder is never read (only the folder's entries are judged).
    const listed = toyFolder();
    writeFileSync(join(listed, "manifest.json"), JSON.stringify({ tool: "toy", files: { "a.txt": sha("A"), "../outside": sha("x") } }));
    expect(refusal(listed, true)).toBeNull();
  });
});
