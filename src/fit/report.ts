import { chartJs, embed, escapeHtml } from "../report/html.js";
import { withCjkFont } from "../report/font-subset.js";
import { SUMMARY_PAGE_STYLE } from "../report/html-parts.js";
import { VERSION } from "../version.js";
import type { LoadedFit } from "./spec.js";
import { FLAT_RISE, PROFILE_STEP, PROJECTION_COLUMNS, type FitOutcome } from "./run.js";

const fmt = (v: number | null | undefined, digits = 6) =>
  v === null || v === undefined || !Number.isFinite(v) ? "" : Number(v.toPrecision(digits)).toLocaleString("en-US", { maximumFractionDigits: 6 });
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** The fit's report.html: targets, parameters, the search, and the projection with the observed points over it. */
export function fitReportHtml(loaded: LoadedFit, outcome: FitOutcome): string {
  const best = outcome.best;
  const goals = best.goals ?? [];
  const projection = outcome.projection;
  const seriesGoals = loaded.goals.filter((g) => g.kind === "series");
  const charts = [
    ...seriesGoals.map((g) => ({ column: g.column, observed: g.days.map((d, i) => ({ x: d, y: g.values[i] as number })) })),
    ...PROJECTION_COLUMNS.filter((c) => !seriesGoals.some((g) => g.column === c)).map((c) => ({ column: c, observed: [] as { x: number; y: number }[] })),
  ];
  const data = {
    errors: outcome.candidates.map((c) => (Number.isFinite(c.error) ? c.error : null)),
    stages: outcome.candidates.map((c) => c.stage),
    charts: charts.map((c) => ({ ...c, band: projection?.bands[c.column] ?? null })),
    collapse: projection?.collapseDay ?? null,
    days: projection?.days ?? 0,
  };
  const warnings = outcome.parameters.filter((p) => p.warning !== null);
  const edges = outcome.parameters.filter((p) => p.edgeWarning !== null);
  const targetRows = goals
    .map((g) =>
      g.kind === "metric"
        ? `<tr><td>${escapeHtml(g.label)}</td><td>${fmt(g.observed)}</td><td>${fmt(g.simulated)}</td><td>${g.error >= 0 ? "+" : ""}${pct(g.error)}</td><td>${fmt(g.weight)}</td></tr>`
        : `<tr><td>${escapeHtml(g.label)}</td><td>${g.observed} days</td><td>mean ${fmt(g.simulated)}</td><td>RMS ${pct(g.error)}</td><td>${fmt(g.weight)}</td></tr>`,
    )
    .join("");
  const parameterRows = outcome.parameters
    .map(
      (p) =>
        `<tr${p.identifiable && p.edge === null ? "" : ' class="warn"'}><td>${escapeHtml(p.key)}</td><td><b>${fmt(p.value)}</b></td><td>${fmt(p.from)} to ${fmt(p.to)}${p.scale === "log" ? " (log)" : ""}</td><td>${fmt(p.sharpness, 4)}</td><td>${fmt(p.nearBest.low)} to ${fmt(p.nearBest.high)}</td><td>${fmt(p.interval.low)} to ${fmt(p.interval.high)}</td><td>${p.warning ? escapeHtml(p.warning) : "yes"}${p.edgeWarning ? `<br><span class="warning">${escapeHtml(p.edgeWarning)}</span>` : ""}</td></tr>`,
    )
    .join("");
  const projectionText =
    projection === null
      ? "<p>No projection was asked for (project.seeds: 0).</p>"
      : `<p id="projection-summary">The fitted scenario over its ${projection.days} days, ${projection.seeds} runs, each with the parameters drawn from their uncertainty (the 90% intervals above) and its own seed${projection.failed > 0 ? ` (<b>${projection.failed} failed</b>)` : ""}: ${
          projection.collapsedShare === 0
            ? "no run collapsed within the horizon."
            : `${pct(projection.collapsedShare)} of runs collapsed; collapse day median ${fmt(projection.collapseDay?.p50 ?? null)}, P5 to P95 ${fmt(projection.collapseDay?.p5 ?? null)} to ${fmt(projection.collapseDay?.p95 ?? null)} (a run that did not collapse counts as the day after the horizon).`
        } ${seriesGoals.length > 0 ? "Observed points are drawn over the simulated band (P5, median, P95 over the runs)." : "The band: P5, median and P95 over the runs."}</p>`;
  return withCjkFont(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pointsim fit: ${escapeHtml(loaded.spec.name)}</title>
<style>
${SUMMARY_PAGE_STYLE}
td:first-child { text-align: left; } tr.warn td { background: #fff3e6; } .warning { color: #a0461b; }
</style></head><body>
<h1>Fit ${escapeHtml(loaded.spec.name)}</h1>
${loaded.spec.description ? `<p>${escapeHtml(loaded.spec.description)}</p>` : ""}
<p id="fit-summary">Base scenario ${escapeHtml(loaded.spec.base)}. Error <b>${fmt(best.error, 4)}</b> (weighted root mean square of relative errors, docs/fit.md) at candidate ${best.index} of ${outcome.candidates.length}; ${outcome.runs} runs on ${outcome.seeds.length} seed${outcome.seeds.length === 1 ? "" : "s"} per candidate; the search ${outcome.stop === "converged" ? "converged" : "stopped at its budget (maxCandidates)"}. The fitted scenario: fitted.yaml.</p>
${warnings.length > 0 ? `<p class="warning" id="fit-warnings"><b>${warnings.length} parameter${warnings.length === 1 ? " is" : "s are"} not identifiable</b> from these targets: ${warnings.map((p) => escapeHtml(p.key)).join(", ")}. Their fitted values are one of many that fit; do not read them as measured.</p>` : ""}
${edges.length > 0 ? `<p class="warning" id="fit-edges"><b>${edges.length} parameter${edges.length === 1 ? " sits" : "s sit"} on the edge of its range</b>: ${edges.map((p) => `${escapeHtml(p.key)} = ${fmt(p.value)} (${p.edge === "from" ? "from" : "to"} ${fmt(p.edge === "from" ? p.from : p.to)})`).join(", ")}. The best fit may lie outside the range: widen it and fit again.</p>` : ""}
<h2>Targets</h2>
<table id="targets"><tr><th>target</th><th>observed</th><th>fitted</th><th>error</th><th>weight</th></tr>${targetRows}</table>
<h2>Parameters</h2>
<p>Sharpness: how much the error rises when the parameter alone moves ${PROFILE_STEP * 100}% of its range either way from the fit (mean of both sides; under ${FLAT_RISE} it is flagged). Near-best: the values of every candidate whose error is within 5% (+0.005) of the best. 90% interval: the central 90% of the value over the posterior draws (docs/fit.md, a synthetic likelihood whose noise comes from the seeds); the projection draws its parameters from them.</p>
<table id="parameters"><tr><th>parameter</th><th>fitted</th><th>range</th><th>sharpness</th><th>near-best values</th><th>90% interval</th><th>identifiable</th></tr>${parameterRows}</table>
<h2>Projection</h2>
${projectionText}
<div class="charts">${data.charts.map((c, i) => `<div class="chart"><h3>${escapeHtml(c.column)}${c.observed.length > 0 ? " (observed points over the projection)" : ""}</h3><canvas id="chart-projection-${i}"></canvas></div>`).join("\n")}</div>
<h2>Search</h2>
<p>Each candidate's error in the order it ran (start: Latin hypercube; search: Nelder–Mead; profile: around the fit; posterior: draws for the parameters' uncertainty). Every candidate: fit.csv.</p>
<div class="chart"><canvas id="chart-search"></canvas></div>
<footer><p>pointsim ${escapeHtml(VERSION)}.</p></footer>
<script>${chartJs()}</script>
<script type="application/json" id="fit-data">${embed(data)}</script>
<script>
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("fit-data").textContent);
  Chart.defaults.animation = false;
  var drawn = [];
  var colours = { start: "#8e44ad", search: "#2f6fdf", profile: "#e0552d", posterior: "#27ae60" };
  var bestSoFar = [], best = Infinity;
  d.errors.forEach(function (e) { if (e !== null && e < best) best = e; bestSoFar.push(best === Infinity ? null : best); });
  new Chart(document.getElementById("chart-search"), {
    type: "scatter",
    data: { datasets: [
      { label: "candidate error", data: d.errors.map(function (e, i) { return e === null ? null : { x: i, y: e }; }), pointBackgroundColor: d.stages.map(function (s) { return colours[s]; }), pointRadius: 3 },
      { type: "line", label: "best so far", data: bestSoFar.map(function (e, i) { return { x: i, y: e }; }), borderColor: "#1d2330", pointRadius: 0, borderWidth: 2 }
    ] },
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: "candidate" } }, y: { type: "logarithmic", title: { display: true, text: "error" } } } }
  });
  drawn.push({ id: "search", points: d.errors.length });
  d.charts.forEach(function (c, i) {
    var sets = [];
    if (c.band) {
      var xy = function (a) { return a.map(function (v, k) { return { x: k + 1, y: v }; }); };
      sets.push(
        { type: "line", label: "P95 over runs", data: xy(c.band.p95), borderColor: "rgba(47,111,223,0.5)", pointRadius: 0, borderWidth: 1, fill: false },
        { type: "line", label: "median", data: xy(c.band.p50), borderColor: "#2f6fdf", pointRadius: 0, borderWidth: 2, fill: false },
        { type: "line", label: "P5 over runs", data: xy(c.band.p5), borderColor: "rgba(47,111,223,0.5)", backgroundColor: "rgba(47,111,223,0.15)", pointRadius: 0, borderWidth: 1, fill: "-2" }
      );
    }
    if (c.observed.length > 0) sets.push({ type: "scatter", label: "observed", data: c.observed, borderColor: "#e0552d", backgroundColor: "#e0552d", pointRadius: 2.5 });
    if (d.collapse && d.collapse.p50 <= d.days) {
      sets.push({ type: "line", label: "collapse day P5 to P95 (median dashed)", data: [], borderColor: "rgba(192,57,43,0.6)" });
    }
    var collapse = d.collapse;
    new Chart(document.getElementById("chart-projection-" + i), {
      type: "line",
      data: { datasets: sets },
      options: { responsive: true, maintainAspectRatio: false, parsing: true, scales: { x: { type: "linear", min: 1, max: Math.max(1, d.days), title: { display: true, text: "day" } }, y: { title: { display: true, text: c.column } } } },
      plugins: [{
        id: "collapse-marker",
        afterDatasetsDraw: function (chart) {
          if (!collapse || collapse.p50 > d.days) return;
          var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
          ctx.save();
          ctx.fillStyle = "rgba(192,57,43,0.10)";
          var a = x.getPixelForValue(collapse.p5), b = x.getPixelForValue(Math.min(collapse.p95, d.days));
          ctx.fillRect(a, area.top, Math.max(1, b - a), area.bottom - area.top);
          ctx.strokeStyle = "#c0392b"; ctx.setLineDash([5, 4]);
          var m = x.getPixelForValue(collapse.p50);
          ctx.beginPath(); ctx.moveTo(m, area.top); ctx.lineTo(m, area.bottom); ctx.stroke();
          ctx.restore();
        }
      }]
    });
    drawn.push({ id: "projection-" + i, column: c.column, points: c.band ? c.band.p50.length : 0, observed: c.observed.length });
  });
  window.__pointsim = { charts: drawn };
})();
</script></body></html>
`);
}
