import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

/**
 * The layers (docs/architecture.md): the engine imports no scheme, no registry and none of the
 * scenario layer but the core schema's types (src/engine/scenario.ts); reporters import no
 * scheme; and no module imports itself round a cycle, type-only imports included: a type that
 * goes round a loop ties the files on it together as much as a value does.
 */
const SRC = join(ROOT, "src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

interface Import {
  /** Path relative to src/. */
  to: string;
  /** Erased when compiled: `import type`, `export type`, or every name marked `type`. */
  typeOnly: boolean;
}

/** A module's imports and re-exports of other modules of src/, as paths relative to src/. */
function imports(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const target = (spec: string) => relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
  const found: Import[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["'](\.[^"']+)["']/gm;
  for (const m of text.matchAll(pattern)) {
    // `import { type A, type B } from` is type-only too.
    const names = /\{([^}]*)\}/.exec(m[0])?.[1];
    const allTyped = names?.split(",").every((n) => n.trim() === "" || n.trim().startsWith("type ")) ?? false;
    found.push({ to: target(m[3] as string), typeOnly: m[2] !== undefined || allTyped });
  }
  for (const m of text.matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g)) found.push({ to: target(m[1] as string), typeOnly: false });
  return found;
}

const graph = new Map(sources(SRC).map((file) => [relative(SRC, file), imports(file)]));

/**
 * The strongly connected components of a directed graph with more than one node, or one node
 * that imports itself: exactly the sets of modules that sit on an import cycle (Tarjan).
 */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!edges.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (edges.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

const engineOf = (from: string) => from.startsWith("engine/");

describe("architecture", () => {
  it("the engine imports no scheme, no registry and nothing of the scenario layer but the core schema's types", () => {
    const offending = [...graph]
      .filter(([from]) => engineOf(from))
      .flatMap(([from, to]) =>
        to
          .filter(
            ({ to: t, typeOnly }) =>
              t.startsWith("schemes/") ||
              t === "registry.ts" ||
              t === "simulate.ts" ||
              (t.startsWith("scenario/") && !(t === "scenario/core-schema.ts" && typeOnly && from === "engine/scenario.ts")),
          )
          .map(({ to: t }) => `${from} -> ${t}`),
      );
    expect(offending).toEqual([]);
  });

  it("the reporters import no scheme and no registry; the commands reach schemes only through the registry", () => {
    const cli = [...graph]
      .filter(([from]) => from.startsWith("cli/") || from.startsWith("sweep/") || from.startsWith("gates/"))
      .flatMap(([from, to]) => to.filter(({ to: t }) => t.startsWith("schemes/")).map(({ to: t }) => `${from} -> ${t}`));
    expect(cli).toEqual([]);
    const offending = [...graph]
      .filter(([from]) => from.startsWith("report/"))
      .flatMap(([from, to]) => to.filter(({ to: t }) => t.startsWith("schemes/") || t === "registry.ts").map(({ to: t }) => `${from} -> ${t}`));
    expect(offending).toEqual([]);
  });

  it("no import cycle, type-only imports included", () => {
    const edges = new Map([...graph].map(([from, to]) => [from, to.map((i) => i.to)]));
    expect(cycles(edges)).toEqual([]);
  });

  it("the cycle finder finds cycles (a finder that cannot would pass anything)", () => {
    // a → b → c → a is one cycle, d → d another; e → a hangs off the first without being on it.
    const edges = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["d"]],
      ["e", ["a"]],
    ]);
    expect(cycles(edges).sort()).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("the graph is read, type-only imports with it (a test that cannot see imports would pass anything)", () => {
    const targets = (from: string) => (graph.get(from) ?? []).map((i) => i.to);
    expect(targets("simulate.ts")).toEqual(expect.arrayContaining(["engine/engine.ts", "registry.ts"]));
    expect(targets("registry.ts")).toEqual(expect.arrayContaining(["schemes/ads.ts", "schemes/value-added.ts"]));
    expect(graph.get("engine/scenario.ts")).toEqual([{ to: "scenario/core-schema.ts", typeOnly: true }]);
    expect(graph.get("engine/state.ts")).toEqual(
      expect.arrayContaining([
        { to: "engine/scenario.ts", typeOnly: true },
        { to: "engine/book.ts", typeOnly: false },
      ]),
    );
  });
});
