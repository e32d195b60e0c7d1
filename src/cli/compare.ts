import { groupedNumber } from "../i18n/grouping.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { join } from "node:path";
import { parseJsonBytes, readRegularFile, shapeProblem } from "../scenario/read.js";
import { formatYuan } from "../engine/units.js";
import { ScenarioError } from "../errors.js";
import { problem } from "../scenario/problem.js";
import { words } from "../i18n/words.js";

interface RunFolder {
  dir: string;
  scenario: Record<string, unknown>;
  summary: Record<string, unknown>;
}

function readRun(dir: string): RunFolder {
  const read = (name: string): Record<string, unknown> => {
    const path = join(dir, name);
    // As pointsim wrote it: a regular file, never a link, and a message that never quotes it.
    const file = readRegularFile(path, 64 * 1024 * 1024, { followLinks: false });
    if ("problem" in file) throw new ScenarioError(path, [problem("", words("expected.runFolderFile"), words("found.theFile", { problem: file.problem }))]);
    const parsed = parseJsonBytes(file.bytes);
    if ("problem" in parsed) throw new ScenarioError(path, [problem("", words("expected.runFolderJson"), parsed.problem)]);
    const value = parsed.value;
    const shape = shapeProblem(value);
    if (shape !== null || value === null || typeof value !== "object")
      throw new ScenarioError(path, [problem("", words("expected.runFolderFile"), shape ?? words("found.notJsonObject"))]);
    return value as Record<string, unknown>;
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

const KEY_INDICATORS = [
  "collapseDay",
  "collapse.reason",
  "finalStatus",
  "daysSimulated",
  "peakUsers",
  "totalNewMoneyIn",
  "totalWithdrawalsPaid",
  "peakLiabilities",
  "peakLiabilitiesDay",
  "finalLiabilities",
  "platformResult",
  "owedUnpayable",
  "usersLosingShare",
  "usersLosingShareCash",
  "usersLosingShareFaceValue",
  "earliestTenthShareOfGains",
];

/** Indicators in yuan, shown as money (¥, two decimals). */
const MONEY_INDICATORS = new Set(["totalNewMoneyIn", "totalWithdrawalsPaid", "peakLiabilities", "finalLiabilities", "platformResult", "owedUnpayable"]);

/** A summary's value at a dotted path (null when absent). */
function at(summary: Record<string, unknown>, path: string): unknown {
  let current: unknown = summary;
  for (const part of path.split(".")) current = current !== null && typeof current === "object" ? (current as Record<string, unknown>)[part] : undefined;
  return current ?? null;
}

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
    indicators: KEY_INDICATORS.map((key) => ({ key, a: at(a.summary, key), b: at(b.summary, key) })),
    redFlags: [...new Set([...flagsA.keys(), ...flagsB.keys()])].map((id) => ({ id, a: flagsA.get(id) ?? null, b: flagsB.get(id) ?? null })),
  };
}

/**
 * The comparison as aligned columns: the scenario keys that differ first, then the key
 * indicators with B − A where both are numbers, then the red flags.
 */
export function formatComparison(dirA: string, dirB: string, c: Comparison, lang: Lang = "en"): string {
  const changed = say(lang, "compare.changed");
  const show = (v: unknown, money = false) =>
    v === null || v === undefined
      ? "—"
      : typeof v === "number"
        ? money
          ? formatYuan(Math.round(v * 100))
          : groupedNumber(v, { maximumFractionDigits: 6 })
        : String(v);
  const diff = (a: unknown, b: unknown, money = false) => {
    if (typeof a !== "number" || typeof b !== "number") return a === b ? "" : changed;
    if (money) {
      const fen = Math.round(b * 100) - Math.round(a * 100);
      return fen === 0 ? "" : `${fen > 0 ? "+" : ""}${formatYuan(fen)}`;
    }
    const d = Math.round((b - a) * 1e6) / 1e6;
    return d === 0 ? "" : `${d > 0 ? "+" : ""}${groupedNumber(d, { maximumFractionDigits: 6 })}`;
  };
  const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  const rows: [string, string, string, string][] = [];
  const section = (title: string) => rows.push([title, "A", "B", "B − A"]);
  section(say(lang, "compare.scenarioDifferences"));
  if (c.scenarioDifferences.length === 0) rows.push([say(lang, "compare.noDifference"), "", "", ""]);
  for (const d of c.scenarioDifferences)
    rows.push([`  ${d.key}`, d.a ?? "—", d.b ?? "—", diff(d.a === null ? null : Number(d.a), d.b === null ? null : Number(d.b)).replace("NaN", changed)]);
  section(say(lang, "compare.keyIndicators"));
  for (const i of c.indicators) {
    const money = MONEY_INDICATORS.has(i.key);
    rows.push([`  ${i.key}`, show(i.a, money), show(i.b, money), diff(i.a, i.b, money)]);
  }
  section(say(lang, "compare.redFlagsRaised"));
  for (const f of c.redFlags) rows.push([`  ${f.id}`, show(f.a), show(f.b), f.a === f.b ? "" : changed]);
  const widths = [0, 1, 2].map((k) => Math.min(k === 0 ? 48 : 40, Math.max(...rows.map((r) => (r[k] ?? "").length))) + 2);
  const lines = [`A: ${dirA}`, `B: ${dirB}`, ""];
  rows.forEach((r, i) => {
    if (i > 0 && !r[0].startsWith("  ")) lines.push("");
    lines.push(
      `${cut(r[0], (widths[0] as number) - 2).padEnd(widths[0] as number)}${cut(r[1], (widths[1] as number) - 2).padEnd(widths[1] as number)}${cut(r[2], (widths[2] as number) - 2).padEnd(widths[2] as number)}${r[3]}`.trimEnd(),
    );
  });
  return `${lines.join("\n")}\n`;
}
