import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ScenarioError } from "../scenario/problems.js";

interface RunFolder {
  dir: string;
  scenario: Record<string, unknown>;
  summary: Record<string, unknown>;
}

function readRun(dir: string): RunFolder {
  const read = (name: string): Record<string, unknown> => {
    try {
      return JSON.parse(readFileSync(join(dir, name), "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new ScenarioError(join(dir, name), [{ path: "", expected: "a pointsim run folder file", found: (error as NodeJS.ErrnoException).code ?? (error as Error).message }]);
    }
  };
  const manifest = read("manifest.json");
  return { dir, scenario: (manifest.resolvedScenario ?? {}) as Record<string, unknown>, summary: read("summary.json") };
}

/** Every leaf of a JSON value by dotted path (lists by index). */
function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  else out.set(path, JSON.stringify(value));
}

const KEY_INDICATORS = ["collapseDay", "finalStatus", "daysSimulated", "peakUsers", "totalNewMoneyIn", "totalWithdrawalsPaid", "peakLiabilities", "peakLiabilitiesDay", "finalLiabilities", "platformResult", "usersLosingShare", "earliestTenthShareOfGains"];

export interface Comparison {
  scenarioDifferences: { key: string; a: string | null; b: string | null }[];
  indicators: { key: string; a: unknown; b: unknown }[];
  redFlags: { id: string; a: boolean | null; b: boolean | null }[];
}

export function compareRuns(dirA: string, dirB: string): Comparison {
  const a = readRun(dirA);
  const b = readRun(dirB);
  const fa = new Map<string, string>();
  const fb = new Map<string, string>();
  flatten(a.scenario, "", fa);
  flatten(b.scenario, "", fb);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  const flags = (s: Record<string, unknown>) => new Map(((s.redFlags ?? []) as { id: string; raised: boolean }[]).map((f) => [f.id, f.raised]));
  const flagsA = flags(a.summary);
  const flagsB = flags(b.summary);
  return {
    scenarioDifferences: keys.filter((k) => fa.get(k) !== fb.get(k)).map((k) => ({ key: k, a: fa.get(k) ?? null, b: fb.get(k) ?? null })),
    indicators: KEY_INDICATORS.map((key) => ({ key, a: a.summary[key] ?? null, b: b.summary[key] ?? null })),
    redFlags: [...new Set([...flagsA.keys(), ...flagsB.keys()])].map((id) => ({ id, a: flagsA.get(id) ?? null, b: flagsB.get(id) ?? null })),
  };
}

export function formatComparison(dirA: string, dirB: string, c: Comparison): string {
  const col = 24;
  const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 6 }) : String(v));
  const cut = (text: string) => (text.length > col - 2 ? `${text.slice(0, col - 3)}…` : text);
  const width = Math.max(28, ...c.indicators.map((i) => i.key.length), ...c.scenarioDifferences.map((d) => d.key.length)) + 2;
  const lines = [`A: ${dirA}`, `B: ${dirB}`, "", `${"scenario differences".padEnd(width)}${"A".padEnd(col)}B`];
  if (c.scenarioDifferences.length === 0) lines.push("  (none: same resolved scenario)");
  for (const d of c.scenarioDifferences) lines.push(`  ${d.key.padEnd(width - 2)}${cut(d.a ?? "—").padEnd(col)}${cut(d.b ?? "—")}`);
  lines.push("", `${"key indicators".padEnd(width)}${"A".padEnd(col)}B`);
  for (const i of c.indicators) lines.push(`  ${i.key.padEnd(width - 2)}${show(i.a).padEnd(col)}${show(i.b)}`);
  lines.push("", `${"red flags raised".padEnd(width)}${"A".padEnd(col)}B`);
  for (const f of c.redFlags) lines.push(`  ${f.id.padEnd(width - 2)}${show(f.a).padEnd(col)}${show(f.b)}`);
  return `${lines.join("\n")}\n`;
}
