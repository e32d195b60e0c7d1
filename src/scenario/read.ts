import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from "node:fs";

/**
 * Reads a regular file's bytes safely: never a FIFO, device or folder (which could hang, or
 * fill memory, as /dev/zero would), and never more than `max` bytes, counted while reading
 * (a file's reported size can lie, or change). Returns the reason in words otherwise.
 */
export function readRegularFile(path: string, max: number): { bytes: Buffer } | { problem: string } {
  let fd: number;
  try {
    const stat = lstatSync(path);
    if (stat.isDirectory()) return { problem: "is a folder, not a file" };
    if (!stat.isFile() && !stat.isSymbolicLink()) return { problem: "is not a regular file (a device, FIFO or socket)" };
    // Opened without blocking, so a FIFO put in place meanwhile cannot hang the open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === "ENOENT" ? "is missing" : code === "EACCES" ? "cannot be read (permission denied)" : `cannot be read (${code ?? "error"})` };
  }
  try {
    if (!fstatSync(fd).isFile()) return { problem: "is not a regular file (a device, FIFO or socket)" };
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(Math.min(1 << 20, max + 1));
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) return { problem: `is larger than ${max} bytes` };
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return { bytes: Buffer.concat(chunks) };
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  } finally {
    closeSync(fd);
  }
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
export function shapeProblem(data: unknown): string | null {
  let nodes = 0;
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (++nodes > MAX_NODES) return `more than ${MAX_NODES} values`;
    if (depth > MAX_DEPTH) return `nesting deeper than ${MAX_DEPTH} levels`;
    if (value !== null && typeof value === "object") for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return null;
}
