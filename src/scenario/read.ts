import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from "node:fs";
import { type Words, words } from "../i18n/words.js";

/** How a file may be opened: through a symbolic link (the default) or not at all. */
export interface OpenOptions {
  /** false: a symbolic link is refused, never followed (files pointsim itself wrote are never links). */
  followLinks?: boolean;
}

/**
 * Opens a regular file for reading, never a FIFO, device or folder (which could hang, or fill
 * memory, as /dev/zero would); with followLinks false, never through a symbolic link. Returns
 * the descriptor, or the reason in words.
 */
export function openRegularFile(path: string, options: OpenOptions = {}): { fd: number } | { problem: Words } {
  const follow = options.followLinks !== false;
  let fd: number;
  try {
    const stat = lstatSync(path);
    if (stat.isDirectory()) return { problem: words("file.isFolder") };
    if (stat.isSymbolicLink() && !follow) return { problem: words("file.isLink") };
    if (!stat.isFile() && !stat.isSymbolicLink()) return { problem: words("file.notRegular") };
    // Opened without blocking, so a FIFO put in place meanwhile cannot hang the open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (follow ? 0 : constants.O_NOFOLLOW));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      problem:
        code === "ENOENT"
          ? words("file.missing")
          : code === "EACCES"
            ? words("file.denied")
            : code === "ELOOP"
              ? words("file.isLink")
              : words("file.unreadable", { code: code ?? "error" }),
    };
  }
  try {
    if (fstatSync(fd).isFile()) return { fd };
  } catch {
    // reported below
  }
  closeSync(fd);
  return { problem: words("file.notRegular") };
}

/**
 * Reads a regular file's bytes safely (openRegularFile), never more than `max` bytes, counted
 * while reading (a file's reported size can lie, or change). Returns the reason in words otherwise.
 */
export function readRegularFile(path: string, max: number, options: OpenOptions = {}): { bytes: Buffer } | { problem: Words } {
  const opened = openRegularFile(path, options);
  if ("problem" in opened) return opened;
  const { fd } = opened;
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(Math.min(1 << 20, max + 1));
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) return { problem: words("file.tooLarge", { max }) };
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return { bytes: Buffer.concat(chunks) };
  } catch (error) {
    return { problem: words("file.unreadable", { code: (error as NodeJS.ErrnoException).code ?? "error" }) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses UTF-8 JSON, saying what is wrong without quoting the text: JSON.parse's own messages
 * echo part of it, and the file may not be the user's (a link to /proc/self/environ, say).
 */
export function parseJsonBytes(bytes: Buffer): { value: unknown } | { problem: Words } {
  const text = decodeUtf8(bytes);
  if (text === null) return { problem: words("found.notUtf8") };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { problem: jsonSyntaxProblem(error) };
  }
}

/** What JSON.parse found wrong, without the part of the text its own message quotes. */
export function jsonSyntaxProblem(error: unknown): Words {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
  return position === undefined ? words("found.notJson") : words("found.notJsonAt", { position });
}

/** UTF-8 text, or null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Limits on a parsed document's shape: a scenario has a few hundred values, never thousands of levels. */
export const MAX_NODES = 50_000;
export const MAX_DEPTH = 40;

/** The first shape limit a parsed document breaks, in words, or null. */
export function shapeProblem(data: unknown, maxNodes = MAX_NODES, maxDepth = MAX_DEPTH): Words | null {
  let nodes = 0;
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (++nodes > maxNodes) return words("found.tooManyValues", { max: maxNodes });
    if (depth > maxDepth) return words("found.tooDeep", { max: maxDepth });
    if (value !== null && typeof value === "object") for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return null;
}
