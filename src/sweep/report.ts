import { chartJs, embed, escapeHtml } from "../report/html.js";
import { withCjkFont } from "../report/font-subset.js";
import { SUMMARY_PAGE_STYLE } from "../report/html-parts.js";
import { WHAT_IF_STYLE, whatIfScript } from "../report/what-if.js";
import { VERSION } from "../version.js";
import type { RunRecord } from "./records.js";
import { bands, oatSensitivity, type PointStats } from "./results.js";
import type { SweepSpec } from "./spec.js";
import { SENSITIVITY_FLAGS, TARGET_WIDTH, WIDE_INTERVAL, type SensitivityIndex } from "./sensitivity.js";
import { BAND_POINTS } from "./records.js";
import type { SweepWhatIf } from "./what-if.js";
import { sweepWhatIfScript, sweepWhatIfSection } from "./what-if-page.js";
import { groupedNumber } from "../i18n/grouping.js";
import type { Lang } from "../i18n/lang.js";
import { tell, tellJs, tellJsWith, type CatalogueKey } from "../i18n/tell.js";

/** What the report says about the whole sweep (the statistics it draws may be the first points only). */
export interface SweepTotals {
  runs: number;
  failed: number;
  points: number;
}

/** Ranked indices of one metric for the report: per parameter, the ranking index and its companion. */
function sensitivityCharts(spec: SweepSpec, rows: readonly SensitivityIndex[]) {
  const [main, second] = spec.method === "sobol" ? (["ST", "S1"] as const) : (["mu_star", "sigma"] as const);
  return spec.metrics.map((metric) => {
    const of = (index: string) => rows.filter((r) => r.metric === metric && r.index === index);
    const ranked = of(main).sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || (a.parameter < b.parameter ? -1 : 1));
    const companion = new Map(of(second).map((r) => [r.parameter, r]));
    return {
      metric,
      main,
      second,
      parameters: ranked.map((r) => r.parameter),
      value: ranked.map((r) => r.value),
      interval: ranked.map((r) => (r.low === null || r.high === null ? null : [r.low, r.high])),
      secondValue: ranked.map((r) => companion.get(r.parameter)?.value ?? null),
      secondInterval: ranked.map((r) => {
        const c = companion.get(r.parameter);
        return c && c.low !== null && c.high !== null ? [c.low, c.high] : null;
      }),
    };
  });
}

/** A flag of sensitivity.csv in words (the tokens are documented in docs/sweeps.md). */
function flagWords(flag: string, lang: Lang): string {
  if (flag === SENSITIVITY_FLAGS.outside) return tell(lang, "sweepPage.flag.outside");
  if (flag === SENSITIVITY_FLAGS.s1AboveSt) return tell(lang, "sweepPage.flag.s1AboveSt");
  const [, kind, count] = /^too-few-samples:(N|r)=(\d+)$/.exec(flag) ?? [];
  const figures = { wide: WIDE_INTERVAL, target: TARGET_WIDTH, count: groupedNumber(Number(count)) };
  if (kind === "N") return tell(lang, "sweepPage.flag.fewN", figures);
  if (kind === "r") return tell(lang, "sweepPage.flag.fewR", figures);
  return flag;
}

/** A plain warning above the indices when any is flagged: how many, and the sample the widest interval asks for. */
function sensitivityWarning(spec: SweepSpec, rows: readonly SensitivityIndex[], lang: Lang): string {
  const flagged = rows.filter((r) => r.flags.length > 0);
  if (flagged.length === 0) return "";
  const wanted = Math.max(0, ...flagged.flatMap((r) => r.flags.map((f) => Number(/^too-few-samples:[Nr]=(\d+)$/.exec(f)?.[1] ?? 0))));
  const unreliable = flagged.filter((r) => r.flags.some((f) => !f.startsWith(SENSITIVITY_FLAGS.tooFew))).length;
  const size = spec.method === "sobol" ? tell(lang, "sweepPage.sizeN", { count: spec.samples }) : tell(lang, "sweepPage.sizeR", { count: spec.trajectories });
  const impossible = unreliable > 0 ? tell(lang, "sweepPage.impossible", { count: unreliable }) : "";
  const advice =
    wanted > 0
      ? tell(lang, spec.method === "morris" ? "sweepPage.adviceMorris" : "sweepPage.adviceSobol", { target: TARGET_WIDTH, wanted: groupedNumber(wanted) })
      : "";
  const count = tell(lang, "sweepPage.flaggedCount", { flagged: flagged.length, total: rows.filter((r) => r.value !== null).length, impossible });
  const meaning = tell(lang, spec.method === "sobol" ? "sweepPage.flaggedSobol" : "sweepPage.flaggedMorris");
  return `<p class="flag-note" id="sensitivity-flags">${count}${tell(lang, "sweepPage.flagged", { size, meaning })}${advice}</p>`;
}

/** The indices as a table (the numbers behind the bars, as in sensitivity.csv), each with its flags in words. */
function sensitivityTable(rows: readonly SensitivityIndex[], lang: Lang): string {
  const num = (v: number | null) => (v === null ? "" : v.toPrecision(4));
  return `<table id="sensitivity">${tell(lang, "sweepPage.sensitivityHeader")}${rows
    .map(
      (r) =>
        `<tr${r.flags.length > 0 ? ' class="flagged"' : ""}><td>${escapeHtml(r.metric)}</td><td>${escapeHtml(r.parameter)}</td><td>${r.index}</td><td>${num(r.value)}</td><td>${num(r.low)}</td><td>${num(r.high)}</td><td>${escapeHtml(r.flags.map((f) => flagWords(f, lang)).join(tell(lang, "sweepPage.flagJoin")))}</td></tr>`,
    )
    .join("")}</table>`;
}

/** The sweep's report.html: Monte Carlo bands, collapse day over the swept keys, OAT tornado, Morris / Sobol indices. */
export function sweepReportHtml(
  spec: SweepSpec,
  stats: readonly PointStats[],
  records: readonly RunRecord[],
  totals: SweepTotals,
  sensitivity: readonly SensitivityIndex[],
  whatIf: SweepWhatIf | null = null,
  /** The scenario discovery section (a sweep file's `discover:`), as HTML; empty without one. */
  discovery = "",
  lang: Lang = "en",
): string {
  const t = (key: CatalogueKey, params: Record<string, string | number> = {}): string => tell(lang, key, params);
  const js = (key: CatalogueKey): string => tellJs(lang, key);
  const jsWith = (key: CatalogueKey, expressions: Record<string, string>): string => tellJsWith(lang, key, expressions);
  const base = t("sweepPage.base");
  const keys = spec.parameters.map((p) => p.key);
  const label = (s: PointStats) =>
    keys.length === 0
      ? base
      : keys
          .filter((k) => k in s.values)
          .map((k) => `${k}=${JSON.stringify(s.values[k])}`)
          .join(", ") || base;
  const bandPoints = stats.slice(0, BAND_POINTS);
  const global = spec.method === "morris" || spec.method === "sobol";
  const liabilityBands = bands(records, "liabilities");
  const cashBands = bands(records, "platform_cash");
  const data = {
    keys,
    method: spec.method,
    points: stats.map((s) => ({
      point: s.point,
      label: label(s),
      values: s.values,
      runs: s.runs,
      failed: s.failed,
      collapse: s.stats.collapseDay,
      losing: s.stats.usersLosingShare,
      collapsedShare: s.collapsedShare,
    })),
    bands: bandPoints.map((s) => ({ point: s.point, label: label(s), liabilities: liabilityBands.get(s.point) ?? null, cash: cashBands.get(s.point) ?? null })),
    tornado: spec.method === "oat" ? oatSensitivity(spec, stats) : [],
    // Only Morris and Sobol have indices and the canvases to draw them on.
    sensitivity: global ? sensitivityCharts(spec, sensitivity) : [],
  };
  const indexWords = t(spec.method === "sobol" ? "sweepPage.sobolWords" : "sweepPage.morrisWords");
  const heat = keys.length === 2 && spec.method === "grid" ? heatTable(keys as [string, string], stats, lang) : "";
  return withCjkFont(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${t("sweepPage.title", { name: escapeHtml(spec.name) })}</title>
<style>
${SUMMARY_PAGE_STYLE}
${WHAT_IF_STYLE}
.caption { color: #555; font-size: 12px; } .verdict { max-width: 900px; }
.status { display: inline-block; padding: 3px 10px; border-radius: 12px; font-weight: 600; }
.good { background: #e3f5e6; color: #1b6b2a; } .warn { background: #fff3d6; color: #7a5200; } .bad { background: #fde4e4; color: #9b1c1c; }
#heat td[data-point] { cursor: pointer; }
#sensitivity tr.flagged td { background: #fff3d6; } .flag-note { background: #fff3d6; color: #7a5200; padding: 6px 10px; max-width: 900px; }
</style></head><body>
<h1>${t("sweepPage.h1", { name: escapeHtml(spec.name) })}</h1>
<p>${t("sweepPage.intro", {
    base: escapeHtml(spec.base),
    method: escapeHtml(spec.method),
    points: totals.points,
    seeds: spec.seeds,
    runs: totals.runs,
    failed: totals.failed > 0 ? t("sweepPage.failed", { count: totals.failed }) : "",
    charts: stats.length < totals.points ? t("sweepPage.firstPoints", { count: stats.length }) : "",
  })}</p>
<h2>${t("sweepPage.collapseHeading")}</h2>
<p>${t("sweepPage.collapseNote")}${whatIf ? t("sweepPage.collapseHover") : ""}</p>
<div class="chart"><canvas id="chart-collapse"></canvas></div>
${heat ? `<h2>${t("sweepPage.heatHeading", { rows: escapeHtml(keys[0] ?? ""), columns: escapeHtml(keys[1] ?? "") })}</h2>${heat}` : ""}
${whatIf ? sweepWhatIfSection(spec.name, whatIf, lang) : ""}
${spec.method === "oat" ? `<h2>${t("sweepPage.oatHeading")}</h2><div class="chart"><canvas id="chart-tornado"></canvas></div>` : ""}
${
  global
    ? `<h2>${t("sweepPage.globalHeading", { method: t(spec.method === "sobol" ? "sweepPage.sobol" : "sweepPage.morris") })}</h2><p>${t("sweepPage.globalNote", {
        words: escapeHtml(indexWords),
        confidence: Math.round(spec.confidence * 100),
        resamples: spec.bootstrap,
        seeds: spec.seeds,
        plural: spec.seeds === 1 ? "" : "s",
      })}</p>
${sensitivityWarning(spec, sensitivity, lang)}
<div class="charts">${data.sensitivity.map((c, i) => `<div class="chart"><h3>${escapeHtml(c.metric)}</h3><canvas id="chart-sensitivity-${i}"></canvas></div>`).join("\n")}</div>
${sensitivityTable(sensitivity, lang)}`
    : ""
}
${discovery}<h2>${t("sweepPage.bandsHeading")}</h2>
<div class="charts">${data.bands.map((b, i) => `<div class="chart"><h3>${t("sweepPage.bandTitle", { label: escapeHtml(b.label) })}</h3><canvas id="chart-band-${i}"></canvas></div>`).join("\n")}</div>
${totals.points > BAND_POINTS ? t("sweepPage.bandsFirst", { count: BAND_POINTS }) : ""}
<footer><p>${t("sweepPage.footer", { version: escapeHtml(VERSION) })}</p></footer>
<script>${chartJs()}</script>
<script type="application/json" id="sweep-data">${embed(data)}</script>
${whatIf ? whatIfScript(lang) : ""}
<script>
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("sweep-data").textContent);
  Chart.defaults.animation = false;
  var drawn = [];
  function days(n) { var a = []; for (var i = 1; i <= n; i++) a.push(i); return a; }
  function fmt(x, digits) { return x === null || x === undefined ? ${js("sweepPage.js.na")} : digits === undefined ? String(x) : Number(x).toFixed(digits); }
  // What a hovered point shows: every swept value in full, then its figures over its seeds.
  function pointTitle(i) { return ${jsWith("sweepPage.js.point", { point: "d.points[i].point" })}; }
  function pointLines(i) {
    var p = d.points[i];
    var lines = d.keys.filter(function (k) { return p.values[k] !== undefined; }).map(function (k) { return k + " = " + JSON.stringify(p.values[k]); });
    lines.push(${jsWith("sweepPage.js.collapseLine", { median: "fmt(p.collapse.p50)", low: "fmt(p.collapse.p5)", high: "fmt(p.collapse.p95)" })});
    lines.push(${jsWith("sweepPage.js.collapsedLine", { share: `(p.collapsedShare === null ? ${js("sweepPage.js.na")} : (p.collapsedShare * 100).toFixed(0) + "%")`, runs: "p.runs", failed: `(p.failed ? ${jsWith("sweepPage.js.failedPart", { failed: "p.failed" })} : "")` })});
    if (p.losing) lines.push(${jsWith("sweepPage.js.losingLine", { mean: `(p.losing.mean === null ? ${js("sweepPage.js.na")} : (p.losing.mean * 100).toFixed(1) + "%")` })});
    if (window.__pointsimSweepWhatIf) lines.push(${js("sweepPage.js.click")});
    return lines;
  }
  window.__pointsimSweepTooltip = { title: pointTitle, lines: pointLines };
  // Short labels: the values only, in the order of the keys named on the axis.
  var labels = d.points.map(function (p) {
    var shown = d.keys.filter(function (k) { return p.values[k] !== undefined; }).map(function (k) { return String(p.values[k]); });
    return shown.length > 0 ? shown.join(", ") : ${JSON.stringify(base)};
  });
  // The median collapse day with its P5-P95 interval: a floating bar for the interval, a point
  // for the median (one series each, not three bars side by side).
  var collapse = new Chart(document.getElementById("chart-collapse"), {
    type: "bar",
    data: { labels: labels, datasets: [
      { type: "bar", label: ${js("sweepPage.js.p5p95")}, data: d.points.map(function (p) { return p.collapse.p5 === null ? null : [p.collapse.p5, p.collapse.p95]; }), backgroundColor: "rgba(47,111,223,0.25)", borderColor: "#2f6fdf", borderWidth: 1, barPercentage: 0.5 },
      { type: "line", label: ${js("sweepPage.js.median")}, data: d.points.map(function (p) { return p.collapse.p50; }), borderColor: "#1d2330", backgroundColor: "#1d2330", showLine: false, pointRadius: 4, pointStyle: "rectRot" }
    ] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { title: { display: true, text: d.keys.join(", ") }, ticks: { autoSkip: true, maxRotation: 45, font: { size: 10 } } },
        y: { title: { display: true, text: ${js("sweepPage.js.collapseDay")} } }
      },
      interaction: { mode: "index", intersect: false },
      plugins: { tooltip: { callbacks: { title: function (items) { return items.length ? pointTitle(items[0].dataIndex) : ""; }, afterBody: function (items) { return items.length ? pointLines(items[0].dataIndex) : []; } } } },
      onClick: function (event, elements) { if (elements.length && window.__pointsimSweepWhatIf) window.__pointsimSweepWhatIf.open(elements[0].index, 0); }
    }
  });
  drawn.push({ id: "collapse", points: d.points.length });
  window.__pointsimCollapseChart = collapse;
  Array.prototype.forEach.call(document.querySelectorAll("#heat td[data-point]"), function (td) {
    var i = Number(td.getAttribute("data-point"));
    td.title = pointTitle(i) + "\\n" + pointLines(i).join("\\n");
    td.addEventListener("click", function () { if (window.__pointsimSweepWhatIf) window.__pointsimSweepWhatIf.open(i, 0); });
  });
  if (d.method === "oat") {
    new Chart(document.getElementById("chart-tornado"), {
      type: "bar",
      data: { labels: d.tornado.map(function (t) { return t.key; }), datasets: [{ label: ${js("sweepPage.js.meanLowHigh")}, data: d.tornado.map(function (t) { return [t.collapseDayLow, t.collapseDayHigh]; }), backgroundColor: "#8e44ad" }] },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: ${js("sweepPage.js.meanCollapse")} } }, y: { title: { display: true, text: ${js("sweepPage.js.parameter")} } } } }
    });
    drawn.push({ id: "tornado", points: d.tornado.length });
  }
  // Ranked bars with intervals: the value as a bar, its interval as a thin dark bar over it,
  // the companion index as a diamond with its own interval.
  d.sensitivity.forEach(function (c, i) {
    new Chart(document.getElementById("chart-sensitivity-" + i), {
      type: "bar",
      data: { labels: c.parameters, datasets: [
        { label: c.main, data: c.value, backgroundColor: "rgba(142,68,173,0.55)", grouped: false, order: 3 },
        { label: ${jsWith("sweepPage.js.interval", { index: "c.main" })}, data: c.interval, backgroundColor: "#1d2330", grouped: false, barPercentage: 0.12, order: 2 },
        { type: "line", indexAxis: "y", label: c.second, data: c.secondValue, showLine: false, pointStyle: "rectRot", pointRadius: 5, borderColor: "#e0552d", backgroundColor: "#e0552d", order: 1 },
        { label: ${jsWith("sweepPage.js.interval", { index: "c.second" })}, data: c.secondInterval, backgroundColor: "rgba(224,85,45,0.6)", grouped: false, barPercentage: 0.05, order: 1 }
      ] },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: c.main + " / " + c.second } } } }
    });
    drawn.push({ id: "sensitivity-" + i, points: c.parameters.length });
  });
  d.bands.forEach(function (b, i) {
    if (!b.liabilities) return;
    var n = b.liabilities.p50.length;
    var sets = [
      { label: ${js("sweepPage.js.liabilitiesP95")}, data: b.liabilities.p95, borderColor: "rgba(224,85,45,0.5)", pointRadius: 0, borderWidth: 1, fill: false },
      { label: ${js("sweepPage.js.liabilitiesMedian")}, data: b.liabilities.p50, borderColor: "#e0552d", pointRadius: 0, borderWidth: 2, fill: false },
      { label: ${js("sweepPage.js.liabilitiesP5")}, data: b.liabilities.p5, borderColor: "rgba(224,85,45,0.5)", backgroundColor: "rgba(224,85,45,0.15)", pointRadius: 0, borderWidth: 1, fill: "-2" }
    ];
    if (b.cash) sets.push(
      { label: ${js("sweepPage.js.cashP95")}, data: b.cash.p95, borderColor: "rgba(47,111,223,0.5)", pointRadius: 0, borderWidth: 1, fill: false },
      { label: ${js("sweepPage.js.cashMedian")}, data: b.cash.p50, borderColor: "#2f6fdf", pointRadius: 0, borderWidth: 2, fill: false },
      { label: ${js("sweepPage.js.cashP5")}, data: b.cash.p5, borderColor: "rgba(47,111,223,0.5)", backgroundColor: "rgba(47,111,223,0.15)", pointRadius: 0, borderWidth: 1, fill: "-2" }
    );
    new Chart(document.getElementById("chart-band-" + i), { type: "line", data: { labels: days(n), datasets: sets }, options: { responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: ${js("page.js.day")} }, ticks: { maxTicksLimit: 12 } }, y: { title: { display: true, text: ${js("sweepPage.js.yuan")} } } } } });
    drawn.push({ id: "band-" + i, points: n });
  });
  window.__pointsim = { charts: drawn };
})();
</script>
${whatIf ? sweepWhatIfScript(lang) : ""}</body></html>
`);
}

/** A heat map as a table: rows by the first key, columns by the second, cells by mean collapse day. */
function heatTable(keys: [string, string], stats: readonly PointStats[], lang: Lang): string {
  const rowsV = [...new Set(stats.map((s) => JSON.stringify(s.values[keys[0]])))];
  const colsV = [...new Set(stats.map((s) => JSON.stringify(s.values[keys[1]])))];
  const means = stats.map((s) => s.stats.collapseDay?.mean).filter((v): v is number => typeof v === "number");
  const lo = Math.min(...means);
  const hi = Math.max(...means);
  const colour = (v: number) => {
    const t = hi === lo ? 1 : (v - lo) / (hi - lo);
    return `rgb(${Math.round(224 - 180 * t)}, ${Math.round(85 + 100 * t)}, ${Math.round(45 + 50 * t)})`;
  };
  const cellFor = (r: string, c: string) => {
    const at = stats.findIndex((x) => JSON.stringify(x.values[keys[0]]) === r && JSON.stringify(x.values[keys[1]]) === c);
    const v = stats[at]?.stats.collapseDay?.mean;
    return typeof v === "number" ? `<td data-point="${at}" style="background:${colour(v)};color:#fff">${v.toFixed(1)}</td>` : "<td></td>";
  };
  const steps = [0, 0.25, 0.5, 0.75, 1].map((t) => lo + t * (hi - lo));
  const legend = `<p id="heat-legend">${tell(lang, "sweepPage.heatLegend")}${steps.map((v) => `<span style="background:${colour(v)};color:#fff;padding:1px 6px;margin-right:2px">${v.toFixed(0)}</span>`).join("")}${tell(lang, "sweepPage.heatLegendEnd")}</p>`;
  return `<table id="heat"><tr><th></th>${colsV.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>${rowsV.map((r) => `<tr><th>${escapeHtml(r)}</th>${colsV.map((c) => cellFor(r, c)).join("")}</tr>`).join("")}</table>${legend}`;
}
