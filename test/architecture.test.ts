import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

/**
 * The layers (docs/architecture.md): the engine imports no scheme, no registry and no scenario
 * schema (schemes are handed in by src/simulate.ts); reporters import no scheme; and no module
 * imports itself round a cycle. Type-only imports are erased and do not count.
 */
const SRC = join(ROOT, "src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Runtime imports of a module, as paths relative to src/ (type-only imports left out). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["'](\.[^"']+)["']/gm;
  for (const m of text.matchAll(pattern)) {
    if (m[2]) continue;
    const clause = m[0];
    // `import { type A, type B } from` is type-only too.
    const names = /\{([^}]*)\}/.exec(clause)?.[1];
    if (names?.split(",").every((n) => n.trim() === "" || n.trim().startsWith("type "))) continue;
    found.push(relative(SRC, resolve(dirname(file), (m[3] as string).replace(/\.js$/, ".ts"))));
  }
  for (const m of text.matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g)) found.push(relative(SRC, resolve(dirname(file), (m[1] as string).replace(/\.js$/, ".ts"))));
  return found;
}

const graph = new Map(sources(SRC).map((file) => [relative(SRC, file), runtimeImports(file)]));

describe("architecture", () => {
  it("the engine imports no scheme, no registry and nothing of the scenario layer", () => {
    const offending = [...graph].filter(([from]) => from.startsWith("engine/")).flatMap(([from, to]) => to.filter((t) => t.startsWith("schemes/") || t.startsWith("scenario/") || t === "registry.ts" || t === "simulate.ts").map((t) => `${from} -> ${t}`));
    expect(offending).toEqual([]);
  });

  it("the reporters import no scheme and no registry; the commands reach schemes only through the registry", () => {
    const cli = [...graph].filter(([from]) => from.startsWith("cli/") || from.startsWith("sweep/") || from.startsWith("gates/")).flatMap(([from, to]) => to.filter((t) => t.startsWith("schemes/")).map((t) => `${from} -> ${t}`));
    expect(cli).toEqual([]);
    const offending = [...graph].filter(([from]) => from.startsWith("report/")).flatMap(([from, to]) => to.filter((t) => t.startsWith("schemes/") || t === "registry.ts").map((t) => `${from} -> ${t}`));
    expect(offending).toEqual([]);
  });

  it("no runtime import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const visit = (node: string) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "visiting") {
        cycles.push([...stack.slice(stack.indexOf(node)), node].join(" -> "));
        return;
      }
      state.set(node, "visiting");
      stack.push(node);
      for (const next of graph.get(node) ?? []) if (graph.has(next)) visit(next);
      stack.pop();
      state.set(node, "done");
    };
    for (const node of graph.keys()) visit(node);
    expect(cycles).toEqual([]);
  });

  it("the graph is read (a test that cannot see imports would pass anything)", () => {
    expect(graph.get("simulate.ts")).toEqual(expect.arrayContaining(["engine/engine.ts", "registry.ts"]));
    expect(graph.get("registry.ts")).toEqual(expect.arrayContaining(["schemes/ads.ts", "schemes/value-added.ts"]));
  });
});
