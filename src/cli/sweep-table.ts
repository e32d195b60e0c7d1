import { existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { readRegularFile } from "../scenario/read.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { displayWidth } from "./terminal.js";
import { tell } from "../i18n/tell.js";
import { SENSITIVITY_FLAGS } from "../sweep/sensitivity.js";

/**
 * The short table a sweep ends with on the terminal (docs/sweeps.md): the answer at a glance,
 * without opening report.html. Read back from the files the sweep wrote (points.csv,
 * sensitivity.csv), so that it says what they say, merged shards included.
 */

/** Rows shown before "... N more"; the files hold them all. */
const TABLE_ROWS = 20;
/** Parameters shown per metric of a global sensitivity sweep. */
const TOP_PARAMETERS = 3;

type Row = Record<string, string>;

function readCsv(path: string): Row[] | null {
  if (!existsSync(path)) return null;
  const read = readRegularFile(path, 256 * 1024 * 1024, { followLinks: false });
  if ("problem" in read) return null;
  return parse(read.bytes, { columns: true }) as Row[];
}

/** Columns padded to their widest cell, two spaces apart. */
function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) =>
    `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell))))).join("  ")}`.trimEnd(),
  );
}

/** A figure the file leaves empty (no completed run): "n/a" in English, a dash in Chinese (as compare writes it). */
const missing = (lang: Lang) => (lang === "en" ? "n/a" : "—");
/** A number of a file as it reads best: at most 4 significant decimals. */
const num = (text: string | undefined, lang: Lang): string => (text === undefined || text === "" ? missing(lang) : String(Number(Number(text).toPrecision(6))));
const percent = (text: string | undefined, lang: Lang): string => (text === undefined || text === "" ? missing(lang) : `${(Number(text) * 100).toFixed(0)}%`);
/** Each parameter's key by its last part ("population.arrivals.inviteRate" → "inviteRate"), for width, unless two share it. */
function shortKeys(keys: readonly string[]): string[] {
  const last = keys.map((k) => k.split(".").at(-1) ?? k);
  return keys.map((k, i) => (last.filter((l) => l === last[i]).length > 1 ? k : (last[i] as string)));
}

/** Grid, random, LHS and OAT: per point its values, the share collapsed and the collapse day's median and P5-P95. */
function pointsTable(rows: readonly Row[], parameters: readonly string[], lang: Lang): string[] {
  const header = [
    say(lang, "sweep.table.point"),
    ...shortKeys(parameters),
    say(lang, "sweep.table.runs"),
    say(lang, "sweep.table.collapsed"),
    say(lang, "sweep.table.collapseDay"),
    say(lang, "sweep.table.losing"),
  ];
  const body = rows
    .slice(0, TABLE_ROWS)
    .map((r) => [
      r.point ?? "",
      ...parameters.map((p) => r[p] ?? ""),
      r.runs ?? "",
      percent(r.collapsed_share, lang),
      `${num(r.collapseDay_p50, lang)} [${num(r.collapseDay_p5, lang)}, ${num(r.collapseDay_p95, lang)}]`,
      percent(r.usersLosingShare_p50, lang),
    ]);
  const more = rows.length > TABLE_ROWS ? [say(lang, "sweep.table.more", { count: rows.length - TABLE_ROWS })] : [];
  return [say(lang, "sweep.table.note"), ...alignColumns([header, ...body]), ...more];
}

/**
 * The flags of a sensitivity.csv row as the terminal shows them: English prints the tokens
 * (docs/sweeps.md); Chinese says them in short words, separated by "；".
 */
function flagText(flags: string, lang: Lang): string {
  if (lang === "en") return flags;
  return flags
    .split(" ")
    .filter((f) => f !== "")
    .map((f) => {
      if (f === SENSITIVITY_FLAGS.outside) return tell(lang, "sweep.table.flag.outside");
      if (f === SENSITIVITY_FLAGS.s1AboveSt) return tell(lang, "sweep.table.flag.s1AboveSt");
      const few = new RegExp(`^${SENSITIVITY_FLAGS.tooFew}:([Nr])=(\\d+)$`).exec(f);
      return few ? tell(lang, "sweep.table.flag.tooFew", { kind: few[1] as string, count: few[2] as string }) : f;
    })
    .join("；");
}

/** Sobol and Morris: per metric the parameters with the largest total index (ST, or mu*), with their intervals. */
function indicesTable(rows: readonly Row[], lang: Lang): string[] {
  const lead = rows.some((r) => r.index === "ST") ? "ST" : "mu_star";
  const metrics = [...new Set(rows.map((r) => r.metric ?? ""))];
  const body: string[][] = [];
  for (const metric of metrics) {
    const top = rows
      .filter((r) => r.metric === metric && r.index === lead && r.value !== "")
      .sort((a, b) => Number(b.value) - Number(a.value))
      .slice(0, TOP_PARAMETERS);
    top.forEach((r, i) =>
      body.push([i === 0 ? metric : "", r.parameter ?? "", `${num(r.value, lang)} [${num(r.low, lang)}, ${num(r.high, lang)}]`, flagText(r.flag ?? "", lang)]),
    );
  }
  const name = say(lang, lead === "ST" ? "sweep.table.sobol" : "sweep.table.morris");
  return [
    say(lang, "sweep.table.largest", { name }),
    ...alignColumns([
      [say(lang, "sweep.table.metric"), say(lang, "sweep.table.parameter"), say(lang, "sweep.table.interval", { lead }), say(lang, "sweep.table.flag")],
      ...body,
    ]),
  ];
}

/** The table for a sweep folder: indices when it has sensitivity.csv, points otherwise; empty if neither reads. */
export function sweepTable(out: string, lang: Lang = "en"): string {
  const indices = readCsv(join(out, "sensitivity.csv"));
  if (indices !== null && indices.length > 0) return `${indicesTable(indices, lang).join("\n")}\n`;
  const points = readCsv(join(out, "points.csv"));
  if (points === null || points.length === 0) return "";
  // The parameters are points.csv's columns between "point" and "runs".
  const columns = Object.keys(points[0] ?? {});
  const parameters = columns.slice(1, columns.indexOf("runs"));
  return `${pointsTable(points, parameters, lang).join("\n")}\n`;
}
