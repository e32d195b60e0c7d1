import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = new URL("../..", import.meta.url).pathname;
const BIN = join(ROOT, "bin", "pointsim");

/**
 * The CLI's terminal follows LANG / LC_ALL (zh… prints Chinese): the tests expect English
 * whatever the machine's locale, unless a test sets its own.
 */
const ENGLISH_TERMINAL = { LANG: "C.UTF-8", LC_ALL: "" };

/** Runs the built CLI (npm test builds first) as a user would. */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    env: { ...process.env, ...ENGLISH_TERMINAL, NO_COLOR: "1", ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same, without blocking the test worker: for commands that run for tens of seconds (a
 * blocked worker cannot answer vitest, which then reports a timeout of its own).
 */
export function cliAsync(args: string[], options: { cwd?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...ENGLISH_TERMINAL, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** What a command printed and its exit code. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

type Main = typeof import("../../src/cli/main.js").main;
let builtMain: Promise<Main> | null = null;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the built CLI's `main` inside the test's own process, exactly as bin/pointsim calls it
 * (bin/pointsim does nothing else), and returns what it wrote to stdout and stderr and the exit
 * code it set. For checks where a child process proves nothing more: messages, exit codes of
 * bad input, files written. A child costs about half a second of CPU to start; this costs none.
 * Signals, standard input and the real exit of a process stay with `cli` and `cliAsync`.
 *
 * The process's stdout and stderr are captured while the command runs, and its working folder
 * and environment set, so calls are queued: one runs at a time.
 */
export function cliInProcess(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const run = queue.then(() => runInProcess(args, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runInProcess(args: string[], options: { cwd?: string; env?: Record<string, string> }): Promise<CliResult> {
  builtMain ??= import(pathToFileURL(join(ROOT, "dist", "cli", "main.js")).href).then((m: { main: Main }) => m.main);
  const main = await builtMain;
  const output = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture =
    (name: "stdout" | "stderr") =>
    (chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), done?: (error?: Error | null) => void): boolean => {
      output[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const callback = typeof encoding === "function" ? encoding : done;
      if (callback) queueMicrotask(() => callback(null));
      return true;
    };
  const env = { ...ENGLISH_TERMINAL, NO_COLOR: "1", ...options.env };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const cwd = process.cwd();
  const exitCode = process.exitCode;
  Object.assign(process.env, env);
  process.chdir(options.cwd ?? ROOT);
  process.stdout.write = capture("stdout") as typeof process.stdout.write;
  process.stderr.write = capture("stderr") as typeof process.stderr.write;
  try {
    await main([process.execPath, BIN, ...args]);
    return { code: Number(process.exitCode ?? 0), ...output };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.chdir(cwd);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.exitCode = exitCode;
  }
}

export function tempDir(prefix = "pointsim-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** name → content of every file in a folder. */
export function readFolder(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), "utf8")]),
  );
}
