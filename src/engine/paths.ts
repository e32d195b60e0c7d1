import { PathError } from "../errors.js";
import { words } from "../i18n/words.js";

/**
 * Dotted paths into a scenario: `schemes.valueAdded.sellPayoutRatio`,
 * `population.arrivals.perDay`, `products[0].price`, or a list item by its id or name:
 * `products.health-pack.price`, `population.segments.believer.orderRate`.
 */
export function splitPath(path: string): string[] {
  const parts: string[] = [];
  for (const piece of path.split(".")) {
    const m = /^([^[\]]*)((\[\d+\])*)$/.exec(piece);
    if (!m) throw new PathError(words("path.malformed", { path }));
    if (m[1]) parts.push(m[1]);
    for (const index of (m[2] ?? "").match(/\d+/g) ?? []) parts.push(index);
  }
  return parts;
}

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function child(container: unknown, part: string, path: string, create: boolean): { holder: Record<string, unknown> | unknown[]; key: string | number } {
  if (FORBIDDEN.has(part)) throw new PathError(words("path.reserved", { path, part }));
  if (Array.isArray(container)) {
    if (/^\d+$/.test(part)) {
      const index = Number(part);
      if (index >= container.length) throw new PathError(words("path.pastEnd", { where: words("path.where", { path }), index, length: container.length }));
      return { holder: container, key: index };
    }
    const index = container.findIndex(
      (item) => item !== null && typeof item === "object" && ((item as { id?: unknown }).id === part || (item as { name?: unknown }).name === part),
    );
    if (index < 0) throw new PathError(words("path.noItem", { where: words("path.where", { path }), part }));
    return { holder: container, key: index };
  }
  if (container === null || typeof container !== "object") throw new PathError(words("path.throughValue", { path }));
  const record = container as Record<string, unknown>;
  if (!(part in record) && !create) throw new PathError(words("path.noKey", { where: words("path.where", { path }), part }));
  return { holder: record, key: part };
}

/** Reads the value at a path (undefined-safe errors name the path). */
export function getPath(root: unknown, path: string): unknown {
  let current = root;
  for (const part of splitPath(path)) {
    const { holder, key } = child(current, part, path, false);
    current = (holder as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Sets the value at a path in place, creating missing mapping keys on the way. */
export function setPath(root: unknown, path: string, value: unknown): void {
  const parts = splitPath(path);
  let current = root;
  parts.forEach((part, i) => {
    const { holder, key } = child(current, part, path, true);
    const h = holder as Record<string | number, unknown>;
    if (i === parts.length - 1) h[key] = value;
    else {
      if (h[key] === undefined) h[key] = {};
      current = h[key];
    }
  });
}
