import fc from "fast-check";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../src/scenario/load.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { cliInProcess, tempDir } from "./helpers/cli.js";

const base = readFileSync(new URL("../scenarios/seed-002-combined.yaml", import.meta.url), "utf8");

/** Valid text with a few characters replaced, deleted or duplicated. */
const mutated = fc
  .array(
    fc.record({
      at: fc.nat(),
      op: fc.constantFrom("replace", "delete", "dup"),
      ch: fc.constantFrom(":", "-", " ", "\n", "[", "{", "&", "*", "!", "1", "a", "'", '"', ".", "#"),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((edits) => {
    let text = base;
    for (const e of edits) {
      const i = e.at % text.length;
      if (e.op === "replace") text = text.slice(0, i) + e.ch + text.slice(i + 1);
      else if (e.op === "delete") text = text.slice(0, i) + text.slice(i + 1);
      else text = text.slice(0, i) + text.slice(i, i + 20) + text.slice(i);
    }
    return text;
  });

/** Loader outcome: a scenario, or problems each with a path, expectation and finding; never a throw. */
function load(text: string, name: string): "valid" | "invalid" {
  const parsed = parseScenarioText(text, name);
  if (parsed.problems.length > 0) return "invalid";
  const resolved = resolveScenario(parsed.data);
  if (resolved.scenario !== null) return "valid";
  for (const p of resolved.problems) {
    expect(typeof p.path).toBe("string");
    expect(p.expected.length).toBeGreaterThan(0);
    expect(p.found.length).toBeGreaterThan(0);
  }
  return "invalid";
}

describe("fuzzing the scenario loader", () => {
  it("random text never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => void load(text, "f.yaml")),
      { numRuns: 400, seed: 1 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => void load(text, "f.json")),
      { numRuns: 200, seed: 2 },
    );
  });

  it("mutated valid scenarios never throw", () => {
    fc.assert(
      fc.property(mutated, (text) => void load(text, "m.yaml")),
      { numRuns: 400, seed: 3 },
    );
  });

  it("random JSON values never throw", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => void load(JSON.stringify(value), "v.json")),
      { numRuns: 300, seed: 4 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("name", "days", "products", "population", "schemes", "shocks", "seed", "__proto__", "withdrawals"), fc.jsonValue()),
        (value) => void load(JSON.stringify(value), "d.json"),
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it("the CLI answers malformed files with exit 2 and a message, never a crash", async () => {
    const dir = tempDir();
    const samples = fc.sample(fc.oneof(mutated, fc.string({ maxLength: 200 })), { numRuns: 16, seed: 6 });
    for (const [i, text] of samples.entries()) {
      const file = join(dir, `case-${i}.yaml`);
      writeFileSync(file, text);
      const { code, stderr } = await cliInProcess(["validate", file, "-q"]);
      expect([0, 2]).toContain(code);
      if (code === 2) expect(stderr).toMatch(/problems?\n/);
      expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(stderr).not.toContain("internal error");
    }
  });
});
