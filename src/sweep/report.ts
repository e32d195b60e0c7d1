import { chartJs, embed, escapeHtml } from "../report/html.js";
import { VERSION } from "../version.js";
import type { RunRecord } from "./records.js";
import { bands, oatSensitivity, type PointStats } from "./results.js";
import type { SweepSpec } from "./spec.js";

const MAX_BAND_POINTS = 12;

/** The sweep's report.html: Monte Carlo bands, collapse day over the swept keys, OAT tornado. */
export function sweepReportHtml(spec: SweepSpec, stats: readonly PointStats[], records: readonly RunRecord[]): string {
  const keys = spec.parameters.map((p) => p.key);
  const label = (s: PointStats) => (keys.length === 0 ? "base" : keys.filter((k) => k in s.values).map((k) => `${k}=${JSON.stringify(s.values[k])}`).join(", ") || "base");
  const bandPoints = stats.slice(0, MAX_BAND_POINTS);
  const liabilityBands = bands(records, "liabilities");
  const cashBands = bands(records, "platform_cash");
  const data = {
    keys,
    method: spec.method,
    points: stats.map((s) => ({ point: s.point, label: label(s), values: s.values, collapse: s.stats.collapseDay, losing: s.stats.usersLosingShare, collapsedShare: s.collapsedShare })),
    bands: bandPoints.map((s) => ({ point: s.point, label: label(s), liabilities: liabilityBands.get(s.point) ?? null, cash: cashBands.get(s.point) ?? null })),
    tornado: spec.method === "oat" ? oatSensitivity(spec, stats) : [],
  };
  const failed = records.filter((r) => r.status === "failed");
  const heat = keys.length === 2 && spec.method === "grid" ? heatTable(keys as [string, string], stats) : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pointsim sweep: ${escapeHtml(spec.name)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: #1d2330; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 26px; border-bottom: 1px solid #dde; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 16px; }
.chart { border: 1px solid #e4e6ef; border-radius: 6px; padding: 8px; } .chart h3 { font-size: 13px; margin: 0 0 4px; }
.chart canvas { width: 100% !important; height: 260px !important; }
table { border-collapse: collapse; font-size: 12px; } td, th { border: 1px solid #dde; padding: 3px 6px; text-align: right; } th { background: #f5f6fa; }
</style></head><body>
<h1>Sweep ${escapeHtml(spec.name)}</h1>
<p>Base scenario ${escapeHtml(spec.base)}; method ${escapeHtml(spec.method)}; ${stats.length} points × ${spec.seeds} seeds = ${records.length} runs${failed.length > 0 ? `, <b>${failed.length} failed</b>` : ""}. A run that did not collapse counts as collapsing the day after its horizon.</p>
<h2>Collapse day over the swept values</h2>
<p>Each point's median collapse day over its seeds (diamond) and the P5 to P95 interval (bar). A run that did not collapse counts as the day after its horizon.</p>
<div class="chart"><canvas id="chart-collapse"></canvas></div>
${heat ? `<h2>Mean collapse day: ${escapeHtml(keys[0] ?? "")} (rows) × ${escapeHtml(keys[1] ?? "")} (columns)</h2>${heat}` : ""}
${spec.method === "oat" ? `<h2>Sensitivity (one at a time): swing of the mean collapse day</h2><div class="chart"><canvas id="chart-tornado"></canvas></div>` : ""}
<h2>Monte Carlo bands (P5, median, P95 over seeds)</h2>
<div class="charts">${data.bands.map((b, i) => `<div class="chart"><h3>${escapeHtml(b.label)}: liabilities and platform cash</h3><canvas id="chart-band-${i}"></canvas></div>`).join("\n")}</div>
${stats.length > MAX_BAND_POINTS ? `<p>Bands shown for the first ${MAX_BAND_POINTS} points.</p>` : ""}
<footer><p>pointsim ${escapeHtml(VERSION)}. Full numbers: points.csv and runs.csv.</p></footer>
<script>${chartJs()}</script>
<script type="application/json" id="sweep-data">${embed(data)}</script>
<script>
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("sweep-data").textContent);
  Chart.defaults.animation = false;
  var drawn = [];
  function days(n) { var a = []; for (var i = 1; i <= n; i++) a.push(i); return a; }
  // Short labels: the values only, in the order of the keys named on the axis.
  var labels = d.points.map(function (p) {
    var shown = d.keys.filter(function (k) { return p.values[k] !== undefined; }).map(function (k) { return String(p.values[k]); });
    return shown.length > 0 ? shown.join(", ") : "base";
  });
  // The median collapse day with its P5-P95 interval: a floating bar for the interval, a point
  // for the median (one series each, not three bars side by side).
  var collapse = new Chart(document.getElementById("chart-collapse"), {
    type: "bar",
    data: { labels: labels, datasets: [
      { type: "bar", label: "P5 to P95 over seeds", data: d.points.map(function (p) { return p.collapse.p5 === null ? null : [p.collapse.p5, p.collapse.p95]; }), backgroundColor: "rgba(47,111,223,0.25)", borderColor: "#2f6fdf", borderWidth: 1, barPercentage: 0.5 },
      { type: "line", label: "median", data: d.points.map(function (p) { return p.collapse.p50; }), borderColor: "#1d2330", backgroundColor: "#1d2330", showLine: false, pointRadius: 4, pointStyle: "rectRot" }
    ] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { title: { display: true, text: d.keys.join(", ") }, ticks: { autoSkip: true, maxRotation: 45, font: { size: 10 } } },
        y: { title: { display: true, text: "collapse day" } }
      }
    }
  });
  drawn.push({ id: "collapse", points: d.points.length });
  if (d.method === "oat") {
    new Chart(document.getElementById("chart-tornado"), {
      type: "bar",
      data: { labels: d.tornado.map(function (t) { return t.key; }), datasets: [{ label: "mean collapse day (low to high)", data: d.tornado.map(function (t) { return [t.collapseDayLow, t.collapseDayHigh]; }), backgroundColor: "#8e44ad" }] },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: "mean collapse day" } }, y: { title: { display: true, text: "parameter" } } } }
    });
    drawn.push({ id: "tornado", points: d.tornado.length });
  }
  d.bands.forEach(function (b, i) {
    if (!b.liabilities) return;
    var n = b.liabilities.p50.length;
    var sets = [
      { label: "liabilities P95", data: b.liabilities.p95, borderColor: "rgba(224,85,45,0.5)", pointRadius: 0, borderWidth: 1, fill: false },
      { label: "liabilities median", data: b.liabilities.p50, borderColor: "#e0552d", pointRadius: 0, borderWidth: 2, fill: false },
      { label: "liabilities P5", data: b.liabilities.p5, borderColor: "rgba(224,85,45,0.5)", backgroundColor: "rgba(224,85,45,0.15)", pointRadius: 0, borderWidth: 1, fill: "-2" }
    ];
    if (b.cash) sets.push(
      { label: "cash P95", data: b.cash.p95, borderColor: "rgba(47,111,223,0.5)", pointRadius: 0, borderWidth: 1, fill: false },
      { label: "cash median", data: b.cash.p50, borderColor: "#2f6fdf", pointRadius: 0, borderWidth: 2, fill: false },
      { label: "cash P5", data: b.cash.p5, borderColor: "rgba(47,111,223,0.5)", backgroundColor: "rgba(47,111,223,0.15)", pointRadius: 0, borderWidth: 1, fill: "-2" }
    );
    new Chart(document.getElementById("chart-band-" + i), { type: "line", data: { labels: days(n), datasets: sets }, options: { responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: "day" }, ticks: { maxTicksLimit: 12 } }, y: { title: { display: true, text: "yuan" } } } } });
    drawn.push({ id: "band-" + i, points: n });
  });
  window.__pointsim = { charts: drawn };
})();
</script></body></html>
`;
}

/** A heat map as a table: rows by the first key, columns by the second, cells by mean collapse day. */
function heatTable(keys: [string, string], stats: readonly PointStats[]): string {
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
    const s = stats.find((x) => JSON.stringify(x.values[keys[0]]) === r && JSON.stringify(x.values[keys[1]]) === c);
    const v = s?.stats.collapseDay?.mean;
    return typeof v === "number" ? `<td style="background:${colour(v)};color:#fff">${v.toFixed(1)}</td>` : "<td></td>";
  };
  const steps = [0, 0.25, 0.5, 0.75, 1].map((t) => lo + t * (hi - lo));
  const legend = `<p id="heat-legend">Legend, mean collapse day: ${steps.map((v) => `<span style="background:${colour(v)};color:#fff;padding:1px 6px;margin-right:2px">${v.toFixed(0)}</span>`).join("")} (red: collapses early; green: late or never)</p>`;
  return `<table id="heat"><tr><th></th>${colsV.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>${rowsV.map((r) => `<tr><th>${escapeHtml(r)}</th>${colsV.map((c) => cellFor(r, c)).join("")}</tr>`).join("")}</table>${legend}`;
}
