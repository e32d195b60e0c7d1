import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { OutputFile } from "./outputs.js";

export class OutputExistsError extends Error {
  constructor(readonly dir: string) {
    super(`${dir} already exists; use --force to replace it, or choose another name`);
    this.name = "OutputExistsError";
  }
}

/**
 * Writes a run's files so that nothing is ever half-written: all files go into a hidden
 * staging folder beside the target, each under a temporary name renamed when complete,
 * and the folder is renamed into place last. An interrupted write leaves only the
 * staging folder, which is removed on the next write or by the interrupt handler.
 */
export function writeRunFolder(dir: string, files: OutputFile[], force: boolean): string {
  const target = resolve(dir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  if (existsSync(target) && readdirSync(target).length > 0 && !force) throw new OutputExistsError(dir);
  const staging = join(parent, `.${basename(target)}.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    for (const file of files) {
      const temporary = join(staging, `.${file.name}.tmp`);
      writeFileSync(temporary, file.content);
      renameSync(temporary, join(staging, file.name));
    }
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return target;
}

/** The default folder reports/<name>-seed<seed>, or the first free <...>-2, -3, ... */
export function defaultRunFolder(base: string, name: string, seed: string | number): string {
  const safeSeed = String(seed).replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 60);
  const stem = join(base, `${name}-seed${safeSeed}`);
  if (!existsSync(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!existsSync(candidate)) return candidate;
  }
}

/** Writes one file under a temporary name and renames it into place. */
export function writeFileAtomic(path: string, content: string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  writeFileSync(temporary, content);
  renameSync(temporary, target);
}
