import { groupedNumber } from "../i18n/grouping.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { join } from "node:path";
import { parseJsonBytes, readRegularFile, shapeProblem } from "../scenario/read.js";
import { formatYuan } from "../engine/units.js";
import { ScenarioError } from "../errors.js";
import { problem } from "../scenario/problem.js";
import { words } from "../i18n/words.js";
import { tell } from "../i18n/tell.js";
import { yuanZh } from "../report/format-zh.js";
import { displayWidth } from "./terminal.js";

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

/** An indicator of both runs; `zh` (not enumerable, so --json stays as it was): the Chinese of a text value, where the summary has it. */
interface Indicator {
  key: string;
  a: unknown;
  b: unknown;
  readonly zh?: { a: unknown; b: unknown };
}

/** The summary's Chinese beside an indicator's English (collapse.reason → collapse.reasonZh). */
const CHINESE_OF: Readonly<Record<string, string>> = { "collapse.reason": "collapse.reasonZh" };

function indicator(key: string, a: Record<string, unknown>, b: Record<string, unknown>): Indicator {
  const entry: Indicator = { key, a: at(a, key), b: at(b, key) };
  const zhKey = CHINESE_OF[key];
  if (zhKey !== undefined) Object.defineProperty(entry, "zh", { value: { a: at(a, zhKey) ?? entry.a, b: at(b, zhKey) ?? entry.b }, enumerable: false });
  return entry;
}

export interface Comparison {
  scenarioDifferences: { key: string; a: string | null; b: string | null }[];
  indicators: Indicator[];
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
    indicators: KEY_INDICATORS.map((key) => indicator(key, a.summary, b.summary)),
    redFlags: [...new Set([...flagsA.keys(), ...flagsB.keys()])].map((id) => ({ id, a: flagsA.get(id) ?? null, b: flagsB.get(id) ?? null })),
  };
}

/**
 * The comparison as aligned columns: the scenario keys that differ first, then the key
 * indicators with B − A where both are numbers, then the red flags.
 */
export function formatComparison(dirA: string, dirB: string, c: Comparison, lang: Lang = "en"): string {
  const zh = lang === "zh-CN";
  const changed = say(lang, "compare.changed");
  // Money exact to the fen: in Chinese "687,908.29元" (src/report/format-zh.ts), in English "¥687,908.29".
  const yuan = zh ? yuanZh : formatYuan;
  // Words of a summary (a status, true or false) in Chinese; in English as the summary has them.
  const text = (v: unknown) => {
    if (!zh) return String(v);
    if (typeof v === "boolean") return tell(lang, v ? "compare.true" : "compare.false");
    if (v === "healthy" || v === "stressed" || v === "collapsed") return tell(lang, `compare.status.${v}`);
    return String(v);
  };
  const show = (v: unknown, money = false) =>
    v === null || v === undefined
      ? "—"
      : typeof v === "number"
        ? money
          ? yuan(Math.round(v * 100))
          : groupedNumber(v, { maximumFractionDigits: 6 })
        : text(v);
  const diff = (a: unknown, b: unknown, money = false) => {
    if (typeof a !== "number" || typeof b !== "number") return a === b ? "" : changed;
    if (money) {
      const fen = Math.round(b * 100) - Math.round(a * 100);
      return fen === 0 ? "" : `${fen > 0 ? "+" : ""}${yuan(fen)}`;
    }
    const d = Math.round((b - a) * 1e6) / 1e6;
    return d === 0 ? "" : `${d > 0 ? "+" : ""}${groupedNumber(d, { maximumFractionDigits: 6 })}`;
  };
  // Columns a cell takes on a terminal: in Chinese a CJK character takes two.
  const width = zh ? displayWidth : (cell: string) => cell.length;
  const cut = (cell: string, room: number) => {
    if (!zh) return cell.length > room ? `${cell.slice(0, room - 1)}…` : cell;
    if (width(cell) <= room) return cell;
    let kept = "";
    for (const ch of cell) {
      if (width(kept + ch) > room - 1) break;
      kept += ch;
    }
    return `${kept}…`;
  };
  const pad = (cell: string, room: number) => cell + " ".repeat(Math.max(0, room - width(cell)));
  const rows: [string, string, string, string][] = [];
  const section = (title: string) => rows.push([title, "A", "B", "B − A"]);
  section(say(lang, "compare.scenarioDifferences"));
  if (c.scenarioDifferences.length === 0) rows.push([say(lang, "compare.noDifference"), "", "", ""]);
  for (const d of c.scenarioDifferences)
    rows.push([`  ${d.key}`, d.a ?? "—", d.b ?? "—", diff(d.a === null ? null : Number(d.a), d.b === null ? null : Number(d.b)).replace("NaN", changed)]);
  section(say(lang, "compare.keyIndicators"));
  for (const i of c.indicators) {
    const money = MONEY_INDICATORS.has(i.key);
    const [a, b] = zh && i.zh ? [i.zh.a, i.zh.b] : [i.a, i.b];
    rows.push([`  ${i.key}`, show(a, money), show(b, money), diff(i.a, i.b, money)]);
  }
  section(say(lang, "compare.redFlagsRaised"));
  for (const f of c.redFlags) rows.push([`  ${f.id}`, show(f.a), show(f.b), f.a === f.b ? "" : changed]);
  const widths = [0, 1, 2].map((k) => Math.min(k === 0 ? 48 : 40, Math.max(...rows.map((r) => width(r[k] ?? "")))) + 2);
  const lines = [`A: ${dirA}`, `B: ${dirB}`, ""];
  rows.forEach((r, i) => {
    if (i > 0 && !r[0].startsWith("  ")) lines.push("");
    lines.push(
      `${pad(cut(r[0], (widths[0] as number) - 2), widths[0] as number)}${pad(cut(r[1], (widths[1] as number) - 2), widths[1] as number)}${pad(cut(r[2], (widths[2] as number) - 2), widths[2] as number)}${r[3]}`.trimEnd(),
    );
  });
  return `${lines.join("\n")}\n`;
}
