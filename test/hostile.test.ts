import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, cli, cliInProcess, readFolder, tempDir } from "./helpers/cli.js";

/**
 * Hostile and careless use of the output folders and of verify (docs/audit.md, "Hostile
 * input"): nothing pointsim did not write is ever deleted or overwritten, and every refusal is
 * a message with exit 2 (bad input) or 74 (the file system failed), never a stack trace.
 */
/**
 * A 3-day scenario: what these tests check (what is written, kept, refused; which of several
 * processes at once writes a folder) does not depend on the run's length, and a child process
 * that runs it costs its start-up and little more.
 */
const SCENARIO = join(ROOT, "scenarios", "seed-002-value-added-example.yaml");

function noStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain("internal error");
}

describe("--out and --force never lose what pointsim did not write", () => {
  it.each([
    [".", "is the working folder"],
    ["", "is not a folder name"],
    ["..", "holds the working folder"],
    ["/", "is a file-system root"],
  ])("refuses --out %j even with --force (exit 2), and touches nothing", async (out, why) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "precious.txt"), "keep me");
    const { code, stderr } = await cliInProcess(["run", SCENARIO, "--out", out, "--force", "-q"], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain(why);
    noStack(stderr);
    expect(readFileSync(join(cwd, "precious.txt"), "utf8")).toBe("keep me");
  });

  it("refuses the home folder and an ancestor of the working folder", async () => {
    const cwd = join(tempDir(), "a", "b");
    mkdirSync(cwd, { recursive: true });
    expect((await cliInProcess(["run", SCENARIO, "--out", join(cwd, ".."), "--force", "-q"], { cwd })).stderr).toContain("holds the working folder");
    const home = tempDir();
    const r = await cliInProcess(["run", SCENARIO, "--out", home, "--force", "-q"], { env: { HOME: home } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is the home folder");
  });

  it("refuses a folder of someone else's files, even with --force", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.txt"), "mine");
    const { code, stderr } = await cliInProcess(["run", SCENARIO, "--out", dir, "--force", "-q"]);
    expect(code).toBe(2);
    expect(stderr).toContain("holds files that pointsim did not write");
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("--force replaces a run, but not a run folder holding a file pointsim did not write", async () => {
    const dir = join(tempDir(), "run");
    expect((await cliInProcess(["run", SCENARIO, "--out", dir, "-q"])).code).toBe(0);
    expect((await cliInProcess(["run", SCENARIO, "--out", dir, "-q"])).code).toBe(2);
    expect((await cliInProcess(["run", SCENARIO, "--out", dir, "-q", "--force"])).code).toBe(0);
    writeFileSync(join(dir, "my-analysis.xlsx"), "x");
    const r = await cliInProcess(["run", SCENARIO, "--out", dir, "-q", "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("files it did not write (my-analysis.xlsx)");
    expect(existsSync(join(dir, "my-analysis.xlsx"))).toBe(true);
  });

  it("refuses an --out that is a file or a symbolic link, before simulating", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "x");
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
    for (const [out, why] of [
      ["file", "is a file, not a folder"],
      ["dangling", "is a symbolic link"],
    ] as const) {
      const r = await cliInProcess(["run", join(ROOT, "scenarios", "seed-002-team-agents.yaml"), "--out", join(dir, out), "-q"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(why);
      noStack(r.stderr);
    }
    expect(readFileSync(join(dir, "file"), "utf8")).toBe("x");
  });

  it("a path through a file is an I/O failure with its own exit code (74), naming the path and the cause", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "x");
    const r = await cliInProcess(["run", SCENARIO, "--out", join(dir, "file", "run"), "-q"]);
    expect(r.code).toBe(74);
    expect(r.stderr).toMatch(/cannot .*file.*: a part of the path is a file, not a folder/);
    noStack(r.stderr);
  });

  it("cleans staging folders left by a process that died, and leaves no partial folder", async () => {
    const parent = tempDir();
    // A pid that cannot be alive (above the kernel's pid_max).
    mkdirSync(join(parent, ".run.partial-99999999"));
    writeFileSync(join(parent, ".run.partial-99999999", "timeseries.csv"), "half");
    expect((await cliInProcess(["run", SCENARIO, "--out", join(parent, "run"), "-q"])).code).toBe(0);
    expect(readdirSync(parent)).toEqual(["run"]);
  });

  it("two runs into one folder at once: one writes it, the other is refused (it exists: 2; it is being written: 75), nothing is lost silently", async () => {
    const parent = tempDir();
    const out = join(parent, "run");
    const start = () =>
      new Promise<number>((done) => {
        const child = spawn(process.execPath, [join(ROOT, "bin", "pointsim"), "run", SCENARIO, "--out", out, "-q"], { stdio: "ignore" });
        child.on("exit", (code) => done(code ?? -1));
      });
    const codes = (await Promise.all([start(), start()])).sort();
    expect(codes[0]).toBe(0);
    expect([2, 75]).toContain(codes[1]);
    expect(readdirSync(parent)).toEqual(["run"]);
  });

  it("two default-folder runs at once take two folders", async () => {
    const cwd = tempDir();
    const start = () =>
      new Promise<number>((done) => {
        const child = spawn(process.execPath, [join(ROOT, "bin", "pointsim"), "run", SCENARIO, "-q"], {
          cwd,
          stdio: "ignore",
        });
        child.on("exit", (code) => done(code ?? -1));
      });
    expect(await Promise.all([start(), start()])).toEqual([0, 0]);
    expect(readdirSync(join(cwd, "reports")).sort()).toEqual(["seed-002-value-added-example-seed1", "seed-002-value-added-example-seed1-2"]);
  });

  const canMount = spawnSync("sh", ["-c", "d=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs $d && umount $d"]).status === 0;
  it.runIf(canMount)("a full disk and a read-only file system: exit 74, the cause in words, nothing left behind", async () => {
    const dir = tempDir();
    expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", dir]).status).toBe(0);
    try {
      // 16 KiB holds no run folder: report.html alone is hundreds.
      const full = await cliInProcess(["run", SCENARIO, "--out", join(dir, "run"), "-q"]);
      expect(full.code).toBe(74);
      expect(full.stderr).toContain("the disk is full");
      expect(readdirSync(dir)).toEqual([]);
      expect(spawnSync("mount", ["-o", "remount,ro", dir]).status).toBe(0);
      const readOnly = await cliInProcess(["run", SCENARIO, "--out", join(dir, "run"), "-q"]);
      expect(readOnly.code).toBe(74);
      expect(readOnly.stderr).toContain("the file system is read-only");
    } finally {
      spawnSync("umount", [dir]);
    }
  });
});

describe("verify on tampered and odd folders", () => {
  async function freshRun(): Promise<string> {
    const out = join(tempDir(), "run");
    expect((await cliInProcess(["run", SCENARIO, "--out", out, "-q"])).code).toBe(0);
    return out;
  }

  it("compares bytes: a byte that decodes to the same text still differs", async () => {
    const out = await freshRun();
    const path = join(out, "report.html");
    // An invalid UTF-8 byte and U+FFFD decode to the same text; the bytes differ.
    const bytes = readFileSync(path);
    const at = bytes.indexOf(Buffer.from("<title>"));
    const tampered = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
    const replaced = Buffer.concat([bytes.subarray(0, at), Buffer.from("\ufffd", "utf8"), bytes.subarray(at)]);
    expect(tampered.toString("utf8")).toBe(replaced.toString("utf8"));
    writeFileSync(path, tampered);
    const r = await cliInProcess(["verify", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("report.html: differs from the re-run, byte for byte");
  });

  it("finds files the manifest does not list, and a journal dropped from the manifest's options", async () => {
    const out = join(tempDir(), "run");
    expect((await cliInProcess(["run", SCENARIO, "--out", out, "--journal", "-q"])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { options: { journal: boolean }; outputs: Record<string, string> };
    manifest.options.journal = false;
    delete manifest.outputs["journal.csv"];
    writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(out, "journal.csv"), "day,from,to,reason,amount_fen\n");
    const r = await cliInProcess(["verify", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("journal.csv: in the folder but not in the manifest");
  });

  it("a seed that is not a number or a string, or disagrees with the resolved scenario", async () => {
    const out = await freshRun();
    const path = join(out, "manifest.json");
    const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...manifest, seed: [1] }));
    const bad = await cliInProcess(["verify", out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("seed: expected a whole number or a string");
    writeFileSync(path, `${JSON.stringify({ ...manifest, seed: 2 }, null, 2)}\n`);
    const other = await cliInProcess(["verify", out]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain("manifest.json: seed 2 but the resolved scenario's seed is 1");
  });

  it("a file replaced by a folder or a FIFO: a difference, never a crash or a hang", async () => {
    const out = await freshRun();
    rmSync(join(out, "summary.json"));
    mkdirSync(join(out, "summary.json"));
    rmSync(join(out, "outcomes.csv"));
    expect(spawnSync("mkfifo", [join(out, "outcomes.csv")]).status).toBe(0);
    const r = await cliInProcess(["verify", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("summary.json: is a folder, not a file");
    expect(r.stdout).toContain("outcomes.csv: is not a regular file");
    noStack(r.stderr);
  });

  it("--scenario: the file held must be the one the run was made from; an edited scenarioFileSha256 is found", async () => {
    const out = await freshRun();
    expect((await cliInProcess(["verify", out, "--scenario", SCENARIO])).code).toBe(0);
    const path = join(out, "manifest.json");
    const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    writeFileSync(path, `${JSON.stringify({ ...manifest, scenarioFileSha256: "0".repeat(64) }, null, 2)}\n`);
    const edited = await cliInProcess(["verify", out, "--scenario", SCENARIO]);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain("is not the manifest's scenarioFileSha256 0000000000000000");
    const other = await cliInProcess(["verify", await freshRun(), "--scenario", join(ROOT, "scenarios", "seed-003-shared-purchase.yaml")]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain("resolves to a different scenario than the manifest's resolvedScenario");
  });

  it("compare refuses a run folder whose files are nested too deep or not JSON (exit 2)", async () => {
    const a = await freshRun();
    const b = await freshRun();
    writeFileSync(join(b, "summary.json"), `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    const r = await cliInProcess(["compare", a, b]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nesting deeper than 40 levels");
    noStack(r.stderr);
  });

  it("an untouched run still verifies, manifest included", async () => {
    const out = await freshRun();
    const before = readFolder(out);
    const r = await cliInProcess(["verify", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("manifest.json");
    expect(readFolder(out)).toEqual(before);
  });
});

/** A grid sweep of seed 003: 2 points × 2 seeds of 20 days. */
const GRID_SWEEP = `name: s\nbase: ${join(ROOT, "scenarios", "seed-003-shared-purchase.yaml")}\nmethod: grid\nseeds: 2\nset: { days: 20 }\nparameters:\n  - { key: schemes.sharedPurchase.marketFeeRate, values: [0.01, 0.02] }\n`;

/**
 * GRID_SWEEP run once in this process (on one worker), whole and as two shards, each in its own
 * folder. Tests take copies (gridSweep): each changes its own, and a sweep folder holds no path
 * of its own, so a copy is what a sweep run there would have written (a sweep's output is a
 * function of its file's content: test/sweep.test.ts).
 */
let gridFolders: Promise<string> | undefined;
function gridTemplate(): Promise<string> {
  gridFolders ??= (async () => {
    const dir = tempDir();
    const file = join(dir, "s.yaml");
    writeFileSync(file, GRID_SWEEP);
    for (const [out, shard] of [
      ["s1", ["--shard", "1/2"]],
      ["s2", ["--shard", "2/2"]],
      ["whole", []],
    ] as const)
      expect((await cliInProcess(["sweep", file, ...shard, "--out", join(dir, out), "-q", "--workers", "1"])).code).toBe(0);
    return dir;
  })();
  return gridFolders;
}

/** A copy of GRID_SWEEP's whole folder at `out`. */
async function gridWhole(out: string): Promise<string> {
  cpSync(join(await gridTemplate(), "whole"), out, { recursive: true });
  return out;
}

describe("sweep folders never mix sweeps or lose runs", () => {
  function sweepFile(dir: string, extra = ""): string {
    const file = join(dir, "s.yaml");
    writeFileSync(file, `${GRID_SWEEP}${extra}`);
    return file;
  }
  const lines = (path: string) => readFileSync(path, "utf8").trim().split("\n").length;

  it("a sweep run with another --method into the same folder is refused", async () => {
    const dir = tempDir();
    const file = sweepFile(dir);
    const out = await gridWhole(join(dir, "out"));
    const r = await cliInProcess(["sweep", file, "--out", out, "-q", "--method", "oat"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("holds a different sweep (grid of");
    expect(lines(join(out, "runs.jsonl"))).toBe(4);
  });

  it("--shard 2/2 into a folder of shard 1/2 is refused and shard 1's runs stay; merge refuses another model's shard", async () => {
    const { file, dir, s1, s2 } = await shards();
    const r = await cliInProcess(["sweep", file, "--shard", "2/2", "--out", s1, "-q"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("holds shard 1/2, not shard 2/2");
    expect(lines(join(s1, "runs.jsonl"))).toBe(2);
    const lock = JSON.parse(readFileSync(join(s2, "sweep.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(s2, "sweep.json"), JSON.stringify({ ...lock, modelHash: "0".repeat(64) }));
    const merged = await cliInProcess(["merge", s1, s2, "--out", join(dir, "m")]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain("expected a shard made by this pointsim");
    writeFileSync(join(s2, "sweep.json"), "{ not json");
    const corrupt = await cliInProcess(["merge", s1, s2, "--out", join(dir, "m")]);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toContain("expected a sweep.json written by this pointsim");
  });

  it("a resume log line that is not a whole record of a planned run is dropped and its run done again", async () => {
    const dir = tempDir();
    const file = sweepFile(dir);
    const out = await gridWhole(join(dir, "out"));
    const log = join(out, "runs.jsonl");
    const kept = readFileSync(log, "utf8")
      .split("\n")
      .filter((l) => !l.startsWith('{"index":3,'));
    writeFileSync(log, `${kept.join("\n")}{"index":3}\n{"index":40}\n`);
    expect((await cliInProcess(["sweep", file, "--out", out, "-q", "--workers", "1"])).code).toBe(0);
    expect(readFileSync(join(out, "runs.csv"), "utf8")).not.toContain("undefined");
    expect(lines(log)).toBe(4);
  });

  it("refuses a sweep folder that holds another tool's files, and a sweep named ..", async () => {
    const dir = tempDir();
    const out = join(dir, "theirs");
    mkdirSync(out);
    writeFileSync(join(out, "manifest.json"), '{"tool": "other"}');
    const r = await cliInProcess(["sweep", sweepFile(dir), "--out", out, "-q", "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("holds files that are not a pointsim sweep");
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe('{"tool": "other"}');
    const dots = join(dir, "dots.yaml");
    writeFileSync(dots, readFileSync(sweepFile(dir), "utf8").replace("name: s", "name: .."));
    const named = await cliInProcess(["sweep", dots, "-q"], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain("name");
  });

  it("--force replaces another sweep's folder with only the new sweep's runs", async () => {
    const dir = tempDir();
    const file = sweepFile(dir);
    const out = await gridWhole(join(dir, "out"));
    expect((await cliInProcess(["sweep", file, "--out", out, "-q", "--workers", "1", "--method", "oat", "--force"])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { sweep: { method: string }; complete: boolean; runs: number; of: number };
    expect(manifest.sweep.method).toBe("oat");
    expect(manifest.runs).toBe(manifest.of);
    expect(lines(join(out, "runs.jsonl"))).toBe(manifest.of);
  });
});

/** GRID_SWEEP's file and its two shards' folders (copies), together in a fresh folder. */
async function shards(): Promise<{ dir: string; file: string; s1: string; s2: string }> {
  const template = await gridTemplate();
  const dir = tempDir();
  for (const name of ["s.yaml", "s1", "s2"]) cpSync(join(template, name), join(dir, name), { recursive: true });
  return { dir, file: join(dir, "s.yaml"), s1: join(dir, "s1"), s2: join(dir, "s2") };
}

describe("merge reads its inputs and writes only its own folder", () => {
  it("refuses --out that is an input, lies inside one or holds one (exit 2); the shard is untouched and still resumes", async () => {
    const { dir, file, s1, s2 } = await shards();
    const before = readFolder(s1);
    symlinkSync(s1, join(dir, "link-to-s1"));
    for (const [out, why] of [
      [s1, "is the shard folder"],
      [join(dir, "link-to-s1"), "is the shard folder"],
      [join(s1, "merged"), "lies inside the shard folder"],
      [dir, "holds the shard folder"],
    ] as const) {
      const r = await cliInProcess(["merge", s1, s2, "--out", out]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(why);
      expect(r.stderr).toContain("merge never writes into its inputs");
      noStack(r.stderr);
    }
    expect(readFolder(s1)).toEqual(before);
    expect((await cliInProcess(["sweep", file, "--shard", "1/2", "--out", s1, "-q", "--workers", "1"])).code).toBe(0);
    expect(readFolder(s1)).toEqual(before);
  });

  it("refuses to merge into another shard's folder, which holds runs no other folder has", async () => {
    const { dir, file, s1, s2 } = await shards();
    const s3 = join(dir, "s3");
    expect((await cliInProcess(["sweep", file, "--shard", "1/2", "--out", s3, "-q", "--workers", "1"])).code).toBe(0);
    const before = readFolder(s3);
    const r = await cliInProcess(["merge", s1, s2, "--out", s3]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("holds shard 1/2 of this sweep");
    expect(readFolder(s3)).toEqual(before);
    const merged = join(dir, "m");
    expect((await cliInProcess(["merge", s1, s2, "--out", merged])).code).toBe(0);
    expect((await cliInProcess(["merge", s1, s2, "--out", merged])).code).toBe(0);
  });

  it("a merge killed while writing (temporary files, a dead lock, no manifest, a torn log): the next merge takes the folder over", async () => {
    const { dir, s1, s2 } = await shards();
    const out = join(dir, "m");
    mkdirSync(out);
    writeFileSync(join(out, ".sweep.json.tmp-99999999"), '{"tool":"pointsim-sw');
    mkdirSync(join(dir, ".m.lock"));
    writeFileSync(join(dir, ".m.lock", "pid"), "99999999");
    const r = await cliInProcess(["merge", s1, s2, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
    expect(existsSync(join(dir, ".m.lock"))).toBe(false);
    // Stopped later: no manifest yet, a torn log, a temporary file and its dead lock.
    const whole = readFolder(out);
    rmSync(join(out, "manifest.json"));
    const log = readFileSync(join(out, "runs.jsonl"), "utf8");
    writeFileSync(join(out, "runs.jsonl"), log.slice(0, log.length - 100));
    writeFileSync(join(out, ".runs.csv.tmp-99999999"), "run,point");
    mkdirSync(join(dir, ".m.lock"));
    writeFileSync(join(dir, ".m.lock", "pid"), "99999999");
    expect((await cliInProcess(["merge", s1, s2, "--out", out])).code).toBe(0);
    expect(readFolder(out)).toEqual(whole);
  });

  it("a path through a file or a symbolic-link loop: sweep and merge exit 74 with the cause in words", async () => {
    const { dir, file, s1 } = await shards();
    writeFileSync(join(dir, "afile"), "x");
    symlinkSync(join(dir, "loop"), join(dir, "loop"));
    for (const args of [
      ["sweep", file, "--out", join(dir, "afile", "out"), "-q"],
      ["merge", s1, "--out", join(dir, "afile", "m")],
    ]) {
      const r = await cliInProcess(args);
      expect(r.code, r.stderr).toBe(74);
      expect(r.stderr).toContain(`${join(dir, "afile")}: a part of the path is a file, not a folder`);
      noStack(r.stderr);
    }
    // An input that is not a folder is bad input, not a file-system failure.
    const input = await cliInProcess(["merge", join(dir, "afile"), "/dev/zero", "--out", join(dir, "m")]);
    expect(input.code).toBe(2);
    expect(input.stderr).toContain("expected a sweep folder (with sweep.json), found no folder there");
    const loop = await cliInProcess(["sweep", file, "--out", join(dir, "loop", "out"), "-q"]);
    expect(loop.code).toBe(74);
    expect(loop.stderr).toContain("too many symbolic links on the path");
    expect(readFileSync(join(dir, "afile"), "utf8")).toBe("x");
  });

  it("a torn line in a shard's log is not rewritten by merge (the shard is read only)", async () => {
    const { dir, s1, s2 } = await shards();
    const log = readFileSync(join(s2, "runs.jsonl"), "utf8").trim().split("\n");
    writeFileSync(join(s2, "runs.jsonl"), `${log.slice(0, -1).join("\n")}\n${(log.at(-1) ?? "").slice(0, 40)}`);
    const before = readFolder(s2);
    const r = await cliInProcess(["merge", s1, s2, "--out", join(dir, "m")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("1 runs are missing");
    expect(readFolder(s2)).toEqual(before);
  });
});

describe("a sweep or merge folder is written by one process at a time", async () => {
  function sweepFile(dir: string): string {
    const file = join(dir, "s.yaml");
    writeFileSync(file, GRID_SWEEP);
    return file;
  }
  const spawnCli = (args: string[]) =>
    new Promise<{ code: number; stderr: string }>((done) => {
      const child = spawn(process.execPath, [join(ROOT, "bin", "pointsim"), ...args], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
      child.on("close", (code) => done({ code: code ?? -1, stderr }));
    });

  it("two sweeps into one folder at once: each finishes it or is refused as busy (75); every run is logged once and the files are a single sweep's", async () => {
    const dir = tempDir();
    const file = sweepFile(dir);
    const whole = await gridWhole(join(dir, "whole"));
    const out = join(dir, "out");
    const results = await Promise.all([1, 2].map(() => spawnCli(["sweep", file, "--out", out, "-q", "--workers", "1"])));
    for (const r of results) {
      expect([0, 75], r.stderr).toContain(r.code);
      noStack(r.stderr);
      if (r.code === 75) expect(r.stderr).toContain("is being written by another pointsim process");
    }
    expect(results.some((r) => r.code === 0)).toBe(true);
    expect(readFileSync(join(out, "runs.jsonl"), "utf8").trim().split("\n")).toHaveLength(4);
    expect(readFolder(out)).toEqual(readFolder(whole));
    expect(readdirSync(dir).sort()).toEqual(["out", "s.yaml", "whole"]);
  });

  it("a live lock refuses a sweep and a merge with exit 75 naming its pid; a dead one is taken over", async () => {
    const dir = tempDir();
    const file = sweepFile(dir);
    const out = join(dir, "out");
    mkdirSync(join(dir, ".out.lock"));
    writeFileSync(join(dir, ".out.lock", "pid"), String(process.pid));
    const busy = await cliInProcess(["sweep", file, "--out", out, "-q"]);
    expect(busy.code).toBe(75);
    expect(busy.stderr).toContain(`(pid ${process.pid})`);
    expect(existsSync(out)).toBe(false);
    const shard = await gridWhole(join(dir, "shard"));
    const merge = await cliInProcess(["merge", shard, "--out", out]);
    expect(merge.code).toBe(75);
    expect(existsSync(out)).toBe(false);
    // A pid above the kernel's pid_max cannot be alive.
    writeFileSync(join(dir, ".out.lock", "pid"), "99999999");
    expect((await cliInProcess(["sweep", file, "--out", out, "-q", "--workers", "1"])).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["out", "s.yaml", "shard"]);
  });
});

describe("what a sweep or merge reads is a regular file of bounded size, and a shard's records are checked", () => {
  const refusedBoth = async (file: string, s1: string, s2: string, dir: string, message: string) => {
    for (const r of [
      await cliInProcess(["sweep", file, "--shard", "2/2", "--out", s2, "-q"]),
      await cliInProcess(["merge", s1, s2, "--out", join(dir, "m")]),
    ]) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
      noStack(r.stderr);
    }
    expect(existsSync(join(dir, "m"))).toBe(false);
  };

  it("a FIFO, a link to /dev/zero and a link to a file as sweep.json or runs.jsonl: exit 2 for resume and merge, never a hang", async () => {
    const { dir, file, s1, s2 } = await shards();
    for (const name of ["sweep.json", "runs.jsonl"]) {
      const path = join(s2, name);
      const saved = readFileSync(path);
      rmSync(path);
      expect(spawnSync("mkfifo", [path]).status).toBe(0);
      await refusedBoth(file, s1, s2, dir, "is not a regular file");
      rmSync(path);
      symlinkSync("/dev/zero", path);
      await refusedBoth(file, s1, s2, dir, "is a symbolic link");
      rmSync(path);
      writeFileSync(join(dir, `copy-${name}`), saved);
      symlinkSync(join(dir, `copy-${name}`), path);
      await refusedBoth(file, s1, s2, dir, "is a symbolic link");
      rmSync(path);
      writeFileSync(path, saved);
    }
    expect((await cliInProcess(["merge", s1, s2, "--out", join(dir, "m")])).code).toBe(0);
  });

  it("a runs.jsonl line longer than 16 MiB is dropped on resume and refused by merge, without reading it whole", async () => {
    const { dir, file, s1, s2 } = await shards();
    const log = join(s2, "runs.jsonl");
    const lines = readFileSync(log, "utf8").trim().split("\n");
    writeFileSync(log, `${lines[0]}\n{"index":1,"x":"${"x".repeat(17 * 1024 * 1024)}"}\n${lines.slice(1).join("\n")}\n`);
    const merged = await cliInProcess(["merge", s1, s2, "--out", join(dir, "m")]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain(
      "line 2: expected a record of this sweep written by pointsim, with its digest, found a line that is longer than 16777216 bytes",
    );
    // Nothing of the line is echoed.
    expect(merged.stderr).not.toContain("xxxx");
    expect((await cliInProcess(["sweep", file, "--shard", "2/2", "--out", s2, "-q", "--workers", "1"])).code).toBe(0);
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual(lines);
  });

  it("sweep.json nested past 64 levels, or text that is not JSON, is refused without quoting it", async () => {
    const { dir, file, s1, s2 } = await shards();
    writeFileSync(join(s2, "sweep.json"), `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    await refusedBoth(file, s1, s2, dir, "nesting deeper than 64 levels");
    writeFileSync(join(s2, "sweep.json"), "SECRET=hunter2 PATH=/usr/bin");
    for (const r of [
      await cliInProcess(["sweep", file, "--shard", "2/2", "--out", s2, "-q"]),
      await cliInProcess(["merge", s1, s2, "--out", join(dir, "m")]),
    ]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("text that is not valid JSON");
      expect(r.stderr).not.toContain("SECRET");
      expect(r.stderr).not.toContain("hunter2");
    }
  });

  it("merge refuses a tampered record (its digest), a record without one, and two shards that disagree on a run", async () => {
    const { dir, file, s1, s2 } = await shards();
    const log = join(s2, "runs.jsonl");
    const original = readFileSync(log, "utf8");
    // An edited figure keeps the record whole but breaks its digest.
    const edited = original.replace(/"peakUsers":(\d+)/, (_, n: string) => `"peakUsers":${Number(n) + 1}`);
    expect(edited).not.toBe(original);
    writeFileSync(log, edited);
    const tampered = await cliInProcess(["merge", s1, s2, "--out", join(dir, "m")]);
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toContain("does not match its digest (edited or corrupted)");
    // A record of an earlier pointsim (no digest): merge says how to record it; a resume does.
    writeFileSync(log, original.replace(/,"sha256":"[0-9a-f]{64}"\}$/m, "}"));
    const undigested = await cliInProcess(["merge", s1, s2, "--out", join(dir, "m")]);
    expect(undigested.code).toBe(2);
    expect(undigested.stderr).toContain("has no digest (written by an earlier pointsim); resume that shard once");
    expect((await cliInProcess(["sweep", file, "--shard", "2/2", "--out", s2, "-q", "--workers", "1"])).code).toBe(0);
    expect(readFileSync(log, "utf8")).toBe(original);
    // A third folder with run 1 done differently (its own digest recomputed cannot hide it: the sweep's identity differs).
    const s3 = join(dir, "s3");
    mkdirSync(s3);
    writeFileSync(join(s3, "sweep.json"), readFileSync(join(s2, "sweep.json")));
    const run1 = original.split("\n").find((l) => l.startsWith('{"index":1,')) ?? "";
    writeFileSync(join(s3, "runs.jsonl"), `${run1}\n`);
    expect((await cliInProcess(["merge", s1, s2, s3, "--out", join(dir, "same")])).code).toBe(0);
    // A forged record with a digest recomputed for this sweep: whole and "valid", but not what s2 holds.
    const identity = (JSON.parse(readFileSync(join(s2, "sweep.json"), "utf8")) as { identity: string }).identity;
    const json = run1.replace(/,"sha256":"[0-9a-f]{64}"\}$/, "}").replace(/"peakUsers":(\d+)/, (_, n: string) => `"peakUsers":${Number(n) + 1}`);
    const digest = createHash("sha256").update(`${identity}\n${json}`).digest("hex");
    writeFileSync(join(s3, "runs.jsonl"), `${json.slice(0, -1)},"sha256":"${digest}"}\n`);
    const conflict = await cliInProcess(["merge", s1, s2, s3, "--out", join(dir, "m")]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain(`run 1: expected the same record in every shard that has it, found a record that differs from the one in ${s2}`);
    noStack(conflict.stderr);
    expect(existsSync(join(dir, "m"))).toBe(false);
  });

  const canMount = spawnSync("sh", ["-c", "d=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs $d && umount $d"]).status === 0;
  it.runIf(canMount)(
    "a disk that fills during a sweep: exit 74 naming the file, no stack, no temporary file; once there is room it resumes to a whole sweep's files",
    async () => {
      const { dir, file } = await shards();
      const whole = await gridWhole(join(dir, "whole"));
      const disk = tempDir();
      expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk]).status).toBe(0);
      try {
        const out = join(disk, "out");
        const full = await cliInProcess(["sweep", file, "--out", out, "-q", "--workers", "1"]);
        expect(full.code, full.stderr).toBe(74);
        expect(full.stderr).toContain("the disk is full");
        noStack(full.stderr);
        expect(readdirSync(disk)).toEqual(["out"]);
        expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
        expect(spawnSync("mount", ["-o", "remount,size=16m", disk]).status).toBe(0);
        expect((await cliInProcess(["sweep", file, "--out", out, "-q", "--workers", "1"])).code).toBe(0);
        expect(readFolder(out)).toEqual(readFolder(whole));
      } finally {
        spawnSync("umount", [disk]);
      }
    },
  );
});

describe("--junit writes only a new file or one pointsim wrote", () => {
  it("refuses the scenario itself, someone else's file and a link, before running (exit 2); replaces its own", async () => {
    const dir = tempDir();
    const mine = join(dir, "mine.yaml");
    writeFileSync(mine, readFileSync(SCENARIO));
    writeFileSync(join(dir, "theirs.xml"), '<?xml version="1.0" encoding="UTF-8"?>\n<theirs/>\n');
    symlinkSync(join(dir, "elsewhere.xml"), join(dir, "link.xml"));
    for (const [junit, why] of [
      [mine, "holds something pointsim did not write"],
      [join(dir, "theirs.xml"), "holds something pointsim did not write"],
      [join(dir, "link.xml"), "is a symbolic link"],
    ] as const) {
      const r = await cliInProcess(["run", mine, "--out", join(dir, "out"), "--junit", junit, "-q"]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(why);
      noStack(r.stderr);
    }
    expect(readFileSync(mine)).toEqual(readFileSync(SCENARIO));
    expect(readFileSync(join(dir, "theirs.xml"), "utf8")).toContain("<theirs/>");
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect(existsSync(join(dir, "elsewhere.xml"))).toBe(false);
    const junit = join(dir, "junit.xml");
    expect((await cliInProcess(["run", mine, "--out", join(dir, "a"), "--junit", junit, "-q"])).code).toBe(0);
    expect(readFileSync(junit, "utf8")).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<!-- written by pointsim/);
    expect((await cliInProcess(["run", mine, "--out", join(dir, "b"), "--junit", junit, "-q", "--fail-if", "peakUsers > 0"])).code).toBe(1);
    expect(readFileSync(junit, "utf8")).toContain("<failure ");
  });

  it("sweep and merge refuse a foreign --junit before writing anything", async () => {
    const dir = tempDir();
    const file = join(dir, "s.yaml");
    writeFileSync(
      file,
      `name: s\nbase: ${join(ROOT, "scenarios", "seed-003-shared-purchase.yaml")}\nseeds: 1\nset: { days: 10 }\nparameters:\n  - { key: schemes.sharedPurchase.marketFeeRate, values: [0.01] }\n`,
    );
    const sweep = await cliInProcess(["sweep", file, "--out", join(dir, "out"), "--junit", file, "-q"]);
    expect(sweep.code).toBe(2);
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect((await cliInProcess(["sweep", file, "--out", join(dir, "shard"), "-q"])).code).toBe(0);
    const merge = await cliInProcess(["merge", join(dir, "shard"), "--out", join(dir, "m"), "--junit", file]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain("--junit writes only a new file or one pointsim wrote");
    expect(existsSync(join(dir, "m"))).toBe(false);
  });
});

describe("--force deletes only files pointsim wrote, unchanged", () => {
  const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

  it("run --force refuses a hand-made manifest.json that lists someone's file, even with its right sha256, and an edited output", async () => {
    const dir = join(tempDir(), "run");
    mkdirSync(dir);
    writeFileSync(join(dir, "thesis.docx"), "years of work");
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ tool: "pointsim", outputs: { "thesis.docx": sha(join(dir, "thesis.docx")) } }));
    const forged = await cliInProcess(["run", SCENARIO, "--out", dir, "--force", "-q"]);
    expect(forged.code).toBe(2);
    noStack(forged.stderr);
    expect(readFileSync(join(dir, "thesis.docx"), "utf8")).toBe("years of work");

    const out = join(tempDir(), "run");
    expect((await cliInProcess(["run", SCENARIO, "--out", out, "-q"])).code).toBe(0);
    writeFileSync(join(out, "summary.json"), "my notes, saved over the summary");
    const edited = await cliInProcess(["run", SCENARIO, "--out", out, "--force", "-q"]);
    expect(edited.code).toBe(2);
    expect(edited.stderr).toContain("holds summary.json, which its manifest.json lists but which is not the file pointsim wrote");
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe("my notes, saved over the summary");
    // A run's own name listed by a manifest that also lists a foreign name.
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { outputs: Record<string, string> };
    writeFileSync(join(out, "summary.json"), "{}");
    writeFileSync(join(out, "notes.txt"), "mine");
    manifest.outputs["summary.json"] = sha(join(out, "summary.json"));
    manifest.outputs["notes.txt"] = sha(join(out, "notes.txt"));
    writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest));
    const listed = await cliInProcess(["run", SCENARIO, "--out", out, "--force", "-q"]);
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain("holds notes.txt");
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
  });

  it("sweep --force refuses a folder whose outputs or log were changed since pointsim wrote them", async () => {
    const dir = tempDir();
    const file = join(dir, "s.yaml");
    writeFileSync(
      file,
      `name: s\nbase: ${join(ROOT, "scenarios", "seed-003-shared-purchase.yaml")}\nseeds: 1\nset: { days: 10 }\nparameters:\n  - { key: schemes.sharedPurchase.marketFeeRate, values: [0.01, 0.02] }\n`,
    );
    const out = join(dir, "out");
    expect((await cliInProcess(["sweep", file, "--out", out, "-q", "--workers", "1"])).code).toBe(0);
    writeFileSync(join(out, "runs.csv"), "my edited table");
    const csv = await cliInProcess(["sweep", file, "--out", out, "-q", "--method", "oat", "--force"]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain("holds runs.csv, which is not as pointsim wrote it");
    expect(readFileSync(join(out, "runs.csv"), "utf8")).toBe("my edited table");
    rmSync(join(out, "runs.csv"));
    writeFileSync(join(out, "runs.jsonl"), `${readFileSync(join(out, "runs.jsonl"), "utf8")}my own line\n`);
    const log = await cliInProcess(["sweep", file, "--out", out, "-q", "--method", "oat", "--force"]);
    expect(log.code).toBe(2);
    expect(log.stderr).toContain("holds runs.jsonl");
    expect(readFileSync(join(out, "runs.jsonl"), "utf8")).toContain("my own line");
  });

  it("sweep --force deletes kept series files only as the manifest recorded them", async () => {
    const dir = tempDir();
    const file = join(dir, "s.yaml");
    writeFileSync(
      file,
      `name: s\nbase: ${join(ROOT, "scenarios", "seed-003-shared-purchase.yaml")}\nseeds: 1\nset: { days: 10 }\nparameters:\n  - { key: schemes.sharedPurchase.marketFeeRate, values: [0.01, 0.02] }\n`,
    );
    const out = join(dir, "out");
    expect((await cliInProcess(["sweep", file, "--out", out, "-q", "--workers", "1", "--keep-series"])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { series: Record<string, string> };
    expect(Object.keys(manifest.series).sort()).toEqual(readdirSync(join(out, "series")).sort());
    // A series file edited since: refused, and kept.
    const edited = join(out, "series", "run-000000.csv");
    const original = readFileSync(edited, "utf8");
    writeFileSync(edited, "day,mine\n1,2\n");
    const refused = await cliInProcess(["sweep", file, "--out", out, "-q", "--method", "oat", "--force", "--keep-series"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("series/run-000000.csv");
    expect(readFileSync(edited, "utf8")).toBe("day,mine\n1,2\n");
    // As pointsim wrote it: replaced.
    writeFileSync(edited, original);
    expect((await cliInProcess(["sweep", file, "--out", out, "-q", "--workers", "1", "--method", "oat", "--force", "--keep-series"])).code).toBe(0);
  });
});

describe("verify and compare read a run folder as pointsim wrote it, and never quote a foreign file", () => {
  it("verify finds an output replaced by a symbolic link to an identical copy", async () => {
    const out = join(tempDir(), "run");
    expect((await cliInProcess(["run", SCENARIO, "--out", out, "-q"])).code).toBe(0);
    const copy = join(tempDir(), "summary.json");
    writeFileSync(copy, readFileSync(join(out, "summary.json")));
    rmSync(join(out, "summary.json"));
    symlinkSync(copy, join(out, "summary.json"));
    const r = await cliInProcess(["verify", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("summary.json: is a symbolic link, not a file pointsim wrote");
  });

  it("a manifest.json linked to /proc/self/environ or holding it: exit 2, the environment never echoed", async () => {
    // The commands that read /proc/self/environ run as children: theirs holds the secret.
    const env = { POINTSIM_TEST_SECRET: "hunter2-do-not-print" };
    const out = join(tempDir(), "run");
    expect((await cliInProcess(["run", SCENARIO, "--out", out, "-q"])).code).toBe(0);
    const other = join(tempDir(), "run");
    expect((await cliInProcess(["run", SCENARIO, "--out", other, "-q"])).code).toBe(0);
    rmSync(join(out, "manifest.json"));
    symlinkSync("/proc/self/environ", join(out, "manifest.json"));
    for (const r of [cli(["verify", out], { env }), cli(["compare", other, out], { env }), cli(["validate", "/proc/self/environ"], { env })]) {
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain("hunter2");
      expect(r.stderr).not.toContain("PATH=");
      noStack(r.stderr);
    }
    // A copy of this process's environment (it holds PATH=) is a file like any other: read here.
    rmSync(join(out, "manifest.json"));
    writeFileSync(join(out, "manifest.json"), readFileSync("/proc/self/environ"));
    for (const r of [await cliInProcess(["verify", out]), await cliInProcess(["compare", other, out])]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("text that is not valid JSON");
      expect(r.stderr).not.toContain("PATH=");
    }
    writeFileSync(join(out, "manifest.json"), JSON.stringify({ tool: "pointsim", pointsimVersion: ["hunter2-do-not-print"] }));
    const field = await cliInProcess(["verify", out]);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain("pointsimVersion: expected a version string, found a list of 1 item");
    expect(field.stderr).not.toContain("hunter2");
  });

  const canMount = spawnSync("sh", ["-c", "d=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs $d && umount $d"]).status === 0;
  it.runIf(canMount)("a read-only file system: sweep, resume and merge exit 74 saying so, naming the path", async () => {
    const dir = tempDir();
    const file = join(dir, "s.yaml");
    writeFileSync(
      file,
      `name: s\nbase: ${join(ROOT, "scenarios", "seed-003-shared-purchase.yaml")}\nseeds: 1\nset: { days: 10 }\nparameters:\n  - { key: schemes.sharedPurchase.marketFeeRate, values: [0.01, 0.02] }\n`,
    );
    const disk = tempDir();
    expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", disk]).status).toBe(0);
    try {
      const shard = join(disk, "shard");
      expect((await cliInProcess(["sweep", file, "--out", shard, "-q", "--workers", "1"])).code).toBe(0);
      expect(spawnSync("mount", ["-o", "remount,ro", disk]).status).toBe(0);
      for (const r of [
        await cliInProcess(["sweep", file, "--out", join(disk, "new"), "-q"]),
        await cliInProcess(["sweep", file, "--out", shard, "-q"]),
        await cliInProcess(["merge", shard, "--out", join(disk, "m")]),
      ]) {
        expect(r.code, r.stderr).toBe(74);
        expect(r.stderr).toContain("the file system is read-only");
        expect(r.stderr).toContain(disk);
        noStack(r.stderr);
      }
    } finally {
      spawnSync("umount", [disk]);
    }
  });
});

describe("fit holds the promises of run, sweep and merge", () => {
  const base = join(ROOT, "scenarios", "seed-003-shared-purchase.yaml");
  /** A fit of two candidates over 20 days (seconds), observing `csv`. */
  function fitFolder(csv = "day,column,value\n1,users_total,10\n2,users_total,20\n"): { dir: string; file: string } {
    const dir = tempDir();
    writeFileSync(join(dir, "observed.csv"), csv);
    const file = join(dir, "fit.yaml");
    writeFileSync(
      file,
      `name: tiny\nbase: ${base}\nset: {days: 20}\nstart: 2\nmaxCandidates: 0\nproject: {seeds: 0}\nparameters:\n  - {key: schemes.sharedPurchase.marketFeeRate, range: {from: 0.01, to: 0.05}}\ntargets:\n  - series: observed.csv\n`,
    );
    return { dir, file };
  }

  it("observed values of 1e308 are refused, never a perfect fit a gate lets through", async () => {
    const { dir, file } = fitFolder("day,column,value\n1,users_total,1e308\n2,users_total,1e308\n");
    const r = await cliInProcess(["fit", file, "--out", join(dir, "out"), "--workers", "1", "--fail-if", "error > 0.1", "--junit", join(dir, "j.xml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('targets[0].series ("observed.csv"), line 2: expected a number from -1000000000000000 to 1000000000000000, found 1e+308');
    expect(r.stderr).toContain('targets[0].series ("observed.csv"), line 3:');
    noStack(r.stderr);
    expect(readdirSync(dir).sort()).toEqual(["fit.yaml", "observed.csv"]);
  });

  it("an observed CSV holds plain decimal numbers: every bad line is reported at once, none quoted", async () => {
    const { dir, file } = fitFolder(
      "day,column,value\n1,users_total,0x10\n2,users_total,hunter2\n3,users_total,Infinity\n4,users_total,5,extra\n5,users_total,\n6,users_total,1_000\n7,users_total,12.5\n",
    );
    const r = await cliInProcess(["fit", file, "--out", join(dir, "out")]);
    expect(r.code).toBe(2);
    for (const text of [
      "line 2: expected a plain decimal number, found a hexadecimal number",
      "line 3: expected a plain decimal number, found a text of 7 characters",
      "line 4: expected a plain decimal number, found an infinity or NaN",
      "line 5: expected 3 fields (day,column,value), found 4 fields",
      "line 6: expected a plain decimal number, found an empty field",
      "line 7: expected a plain decimal number, found a text of 5 characters",
    ])
      expect(r.stderr).toContain(text);
    expect(r.stderr).not.toContain("line 8");
    expect(r.stderr).not.toContain("hunter2");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("--junit is checked before any work, and a live lock on the folder refuses the fit (75); a dead one is taken over", async () => {
    const { dir, file } = fitFolder();
    const out = join(dir, "out");
    const junit = await cliInProcess(["fit", file, "--out", out, "--junit", file]);
    expect(junit.code).toBe(2);
    expect(junit.stderr).toContain("--junit writes only a new file or one pointsim wrote");
    expect(readdirSync(dir).sort()).toEqual(["fit.yaml", "observed.csv"]);
    mkdirSync(join(dir, ".out.lock"));
    writeFileSync(join(dir, ".out.lock", "pid"), String(process.pid));
    const busy = await cliInProcess(["fit", file, "--out", out, "-q", "--workers", "1"]);
    expect(busy.code).toBe(75);
    expect(busy.stderr).toContain(`is being written by another pointsim process (pid ${process.pid})`);
    expect(existsSync(out)).toBe(false);
    // A pid above the kernel's pid_max cannot be alive.
    writeFileSync(join(dir, ".out.lock", "pid"), "99999999");
    expect((await cliInProcess(["fit", file, "--out", out, "-q", "--workers", "1"])).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["fit.yaml", "observed.csv", "out"]);
    expect(readdirSync(out).sort()).toEqual(["fit.csv", "fit.json", "fitted.yaml", "manifest.json", "report.html"]);
  });

  it("the fit file, its base and its observed CSVs are regular files: a FIFO or a link to a device is exit 2, never a hang, never quoted", async () => {
    const { dir, file } = fitFolder();
    expect(spawnSync("mkfifo", [join(dir, "fifo.yaml")]).status).toBe(0);
    expect(spawnSync("mkfifo", [join(dir, "fifo.csv")]).status).toBe(0);
    symlinkSync("/dev/zero", join(dir, "zero.yaml"));
    symlinkSync("/dev/zero", join(dir, "zero.csv"));
    symlinkSync("/proc/self/environ", join(dir, "environ.csv"));
    const out = join(dir, "out");
    for (const input of ["fifo.yaml", "zero.yaml"]) {
      const r = await cliInProcess(["fit", join(dir, input), "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("is not a regular file (a device, FIFO or socket)");
    }
    const fitText = readFileSync(file, "utf8");
    writeFileSync(join(dir, "base.yaml"), fitText.replace(`base: ${base}`, "base: zero.yaml"));
    const viaBase = await cliInProcess(["fit", join(dir, "base.yaml"), "--out", out]);
    expect(viaBase.code).toBe(2);
    expect(viaBase.stderr).toContain("zero.yaml");
    expect(viaBase.stderr).toContain("is not a regular file");
    writeFileSync(
      join(dir, "inputs.yaml"),
      fitText.replace("  - series: observed.csv\n", "  - series: fifo.csv\n  - series: zero.csv\n  - series: environ.csv\n"),
    );
    const r = await cliInProcess(["fit", join(dir, "inputs.yaml"), "--out", out], { env: { POINTSIM_TEST_SECRET: "hunter2-secret" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('targets[0].series ("fifo.csv"): expected a readable CSV file of observed figures, found');
    expect(r.stderr).toContain('targets[1].series ("zero.csv"): expected a readable CSV file of observed figures, found');
    expect(r.stderr).toContain('targets[2].series ("environ.csv"): expected a header line day,column,value, found a first line of');
    expect(r.stderr).not.toContain("hunter2");
    noStack(r.stderr);
    expect(existsSync(out)).toBe(false);
  });

  const canMount = spawnSync("sh", ["-c", "d=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs $d && umount $d"]).status === 0;
  it.runIf(canMount)(
    "a full disk: exit 74 naming the path, no partial folder nor temporary file; with room the fit is whole, and --force replaces it",
    async () => {
      const { dir, file } = fitFolder();
      const disk = join(dir, "disk");
      mkdirSync(disk);
      // 64 KiB: room for the small files, not for report.html.
      expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk]).status).toBe(0);
      try {
        const out = join(disk, "out");
        const full = await cliInProcess(["fit", file, "--out", out, "-q", "--workers", "1"]);
        expect(full.code, full.stderr).toBe(74);
        expect(full.stderr).toContain(`cannot write ${join(disk, "out")}`);
        expect(full.stderr).toContain("the disk is full");
        noStack(full.stderr);
        expect(readdirSync(disk)).toEqual([]);
        expect(spawnSync("mount", ["-o", "remount,size=16m", disk]).status).toBe(0);
        expect((await cliInProcess(["fit", file, "--out", out, "-q", "--workers", "1"])).code).toBe(0);
        expect((await cliInProcess(["fit", file, "--out", out, "-q", "--workers", "1", "--force"])).code).toBe(0);
        expect(readdirSync(disk)).toEqual(["out"]);
        expect(readdirSync(out).sort()).toEqual(["fit.csv", "fit.json", "fitted.yaml", "manifest.json", "report.html"]);
      } finally {
        spawnSync("umount", [disk]);
      }
    },
  );
});
