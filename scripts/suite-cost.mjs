#!/usr/bin/env node
// What the test suite costs, file by file, in CPU seconds (user + system, the test file's own
// vitest run and every process it starts: workers, CLI children, chromium). CPU time rather than
// wall time because the machine may be shared: a busy neighbour slows the clock, not the count.
// A benchmark, never a test: nothing here passes or fails.
//
//   npm run bench:suite                     every test file alone, then the table and its sum
//   npm run bench:suite -- test/a.test.ts   only those files
//   npm run bench:suite -- --whole          also one run of the whole suite, as `npm test` runs it
//
// Each file runs alone in its own vitest, so each row carries vitest's own start-up (a few
// seconds); the sum of the rows is therefore above one run of the whole suite, which `--whole`
// measures. Linux only: the counts come from /proc/self/stat (the CPU of waited-for children).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const VITEST = join(ROOT, "node_modules", "vitest", "vitest.mjs");
const TICKS_PER_SECOND = 100;

/** User and system CPU seconds of every child this process has waited for, so far. */
function childrenCpuSeconds() {
  const stat = readFileSync("/proc/self/stat", "utf8");
  // Fields after the command name (which may hold spaces) start at field 3; cutime and cstime
  // are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/** Runs vitest on the given files (none: the whole suite) with POINTSIM_TIER unset, as `npm test` does. */
function measure(files) {
  const env = { ...process.env };
  delete env.POINTSIM_TIER;
  const before = childrenCpuSeconds();
  const started = Date.now();
  const result = spawnSync(process.execPath, [VITEST, "run", ...files], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = (Date.now() - started) / 1000;
  const cpu = childrenCpuSeconds() - before;
  const tests = /Tests\s+(.*)/.exec(result.stdout.replace(/\x1b\[[0-9;]*m/g, ""))?.[1]?.trim() ?? "?";
  return { cpu, wall, ok: result.status === 0, tests };
}

const args = process.argv.slice(2);
const whole = args.includes("--whole");
const named = args.filter((a) => !a.startsWith("--"));
const files = named.length
  ? named
  : readdirSync(join(ROOT, "test"))
      .filter((f) => f.endsWith(".test.ts"))
      .sort()
      .map((f) => `test/${f}`);

const rows = [];
for (const file of files) {
  const row = { file, ...measure([file]) };
  rows.push(row);
  process.stderr.write(`${row.cpu.toFixed(1).padStart(7)} CPU-s ${row.wall.toFixed(1).padStart(7)} s  ${row.ok ? "" : "FAILED "}${file}\n`);
}
rows.sort((a, b) => b.cpu - a.cpu);
const width = Math.max(28, ...rows.map((r) => r.file.length));
/** One line of the table: the label, CPU seconds, wall seconds and vitest's count of tests. */
const line = (label, cpu, wall = "", tests = "") => `${label.padEnd(width)}  ${cpu.padStart(6)}  ${wall.padStart(6)}  ${tests}`;
const figures = (r) => [r.cpu.toFixed(1), r.wall.toFixed(1), r.ok ? r.tests : `FAILED ${r.tests}`];
console.log(line("file", "CPU-s", "wall-s", "tests"));
for (const r of rows) console.log(line(r.file, ...figures(r)));
console.log(line("sum of the files, each alone", rows.reduce((s, r) => s + r.cpu, 0).toFixed(1)));
if (whole) console.log(line("the whole suite in one run", ...figures(measure([]))));
