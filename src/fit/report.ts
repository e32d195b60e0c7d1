import { chartJs, embed, escapeHtml } from "../report/html.js";
import { withCjkFont } from "../report/font-subset.js";
import { SUMMARY_PAGE_STYLE } from "../report/html-parts.js";
import { VERSION } from "../version.js";
import { groupedNumber } from "../i18n/grouping.js";
import type { Lang } from "../i18n/lang.js";
import { tell, tellJs, type CatalogueKey } from "../i18n/tell.js";
import type { LoadedFit } from "./spec.js";
import { FLAT_RISE, PROFILE_STEP, PROJECTION_COLUMNS, type FitOutcome } from "./run.js";

const fmt = (v: number | null | undefined, digits = 6) =>
  v === null || v === undefined || !Number.isFinite(v) ? "" : groupedNumber(Number(v.toPrecision(digits)), { maximumFractionDigits: 6 });
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** A parameter's identifiability warning in a language: the Chinese from the figures the English was written from (src/fit/run.ts). */
export function fitWarning(p: FitOutcome["parameters"][number], lang: Lang): string | null {
  if (p.warning === null || lang === "en") return p.warning;
  if (p.warning.includes("changes the error by"))
    return tell("zh-CN", "fitPage.flat", { step: PROFILE_STEP * 100, rise: (p.sharpness ?? 0).toFixed(4), flat: FLAT_RISE });
  const share = /\((\d+)% of its range\)/.exec(p.warning)?.[1] ?? "";
  return tell("zh-CN", "fitPage.wide", { low: p.nearBest.low, high: p.nearBest.high, share });
}

/**
 * A target's label in a language: a series target is labelled "users_total (series)" in fit.csv
 * and fit.json (an identifier there); read in Chinese, the column with 逐日序列 after it.
 */
export function targetLabel(goal: { label: string; kind: "metric" | "series" }, lang: Lang): string {
  const suffix = " (series)";
  if (lang === "en" || goal.kind !== "series" || !goal.label.endsWith(suffix)) return goal.label;
  return tell(lang, "fitPage.seriesLabel", { column: goal.label.slice(0, -suffix.length) });
}

/** A parameter's edge-of-range warning in a language. */
export function fitEdgeWarning(p: FitOutcome["parameters"][number], lang: Lang): string | null {
  if (p.edgeWarning === null || lang === "en") return p.edgeWarning;
  const share = /within ([\d.]+)% of/.exec(p.edgeWarning)?.[1] ?? "";
  return tell("zh-CN", "fitPage.atEdge", {
    end: tell("zh-CN", p.edge === "from" ? "fitPage.low" : "fitPage.high"),
    value: p.value,
    share,
    bound: p.edge === "from" ? p.from : p.to,
  });
}

/** The fit's report.html: targets, parameters, the search, and the projection with the observed points over it; in the fit's language. */
export function fitReportHtml(loaded: LoadedFit, outcome: FitOutcome, lang: Lang = "en"): string {
  const t = (key: CatalogueKey, params: Record<string, string | number> = {}): string => tell(lang, key, params);
  const js = (key: CatalogueKey): string => tellJs(lang, key);
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
        : `<tr><td>${escapeHtml(targetLabel(g, lang))}</td><td>${t("fitPage.days", { days: g.observed })}</td><td>${t("fitPage.mean", { value: fmt(g.simulated) })}</td><td>${t("fitPage.rms", { value: pct(g.error) })}</td><td>${fmt(g.weight)}</td></tr>`,
    )
    .join("");
  const parameterRows = outcome.parameters
    .map(
      (p) =>
        `<tr${p.identifiable && p.edge === null ? "" : ' class="warn"'}><td>${escapeHtml(p.key)}</td><td><b>${fmt(p.value)}</b></td><td>${t("fitPage.range", { low: fmt(p.from), high: fmt(p.to) })}${p.scale === "log" ? t("fitPage.log") : ""}</td><td>${fmt(p.sharpness, 4)}</td><td>${t("fitPage.range", { low: fmt(p.nearBest.low), high: fmt(p.nearBest.high) })}</td><td>${t("fitPage.range", { low: fmt(p.interval.low), high: fmt(p.interval.high) })}</td><td>${p.warning ? escapeHtml(fitWarning(p, lang) ?? "") : t("fitPage.yes")}${p.edgeWarning ? `<br><span class="warning">${escapeHtml(fitEdgeWarning(p, lang) ?? "")}</span>` : ""}</td></tr>`,
    )
    .join("");
  const projectionText =
    projection === null
      ? t("fitPage.noProjection")
      : `<p id="projection-summary">${t("fitPage.projectionText", {
          days: projection.days,
          seeds: projection.seeds,
          failed: projection.failed > 0 ? t("fitPage.failed", { count: projection.failed }) : "",
          outcome:
            projection.collapsedShare === 0
              ? t("fitPage.noCollapse")
              : t("fitPage.collapsed", {
                  share: pct(projection.collapsedShare),
                  median: fmt(projection.collapseDay?.p50 ?? null),
                  low: fmt(projection.collapseDay?.p5 ?? null),
                  high: fmt(projection.collapseDay?.p95 ?? null),
                }),
          band: seriesGoals.length > 0 ? t("fitPage.bandObserved") : t("fitPage.band"),
        })}</p>`;
  return withCjkFont(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${t("fitPage.title", { name: escapeHtml(loaded.spec.name) })}</title>
<style>
${SUMMARY_PAGE_STYLE}
td:first-child { text-align: left; } tr.warn td { background: #fff3e6; } .warning { color: #a0461b; }
</style></head><body>
<h1>${t("fitPage.h1", { name: escapeHtml(loaded.spec.name) })}</h1>
${loaded.spec.description ? `<p>${escapeHtml(loaded.spec.description)}</p>` : ""}
<p id="fit-summary">${t("fitPage.summary", {
    base: escapeHtml(loaded.spec.base),
    error: fmt(best.error, 4),
    index: best.index,
    count: outcome.candidates.length,
    runs: outcome.runs,
    seeds: outcome.seeds.length,
    plural: outcome.seeds.length === 1 ? "" : "s",
    stop: t(outcome.stop === "converged" ? "fitPage.converged" : "fitPage.budget"),
  })}</p>
${warnings.length > 0 ? `<p class="warning" id="fit-warnings">${t(warnings.length === 1 ? "fitPage.unidentifiedOne" : "fitPage.unidentifiedMany", { count: warnings.length, list: warnings.map((p) => escapeHtml(p.key)).join(t("list.comma")) })}</p>` : ""}
${edges.length > 0 ? `<p class="warning" id="fit-edges">${t(edges.length === 1 ? "fitPage.edgeOne" : "fitPage.edgeMany", { count: edges.length, list: edges.map((p) => t("fitPage.edgeItem", { key: escapeHtml(p.key), value: fmt(p.value), edge: t(p.edge === "from" ? "fitPage.edgeFrom" : "fitPage.edgeTo"), bound: fmt(p.edge === "from" ? p.from : p.to) })).join(t("list.comma")) })}</p>` : ""}
<h2>${t("fitPage.targets")}</h2>
<table id="targets">${t("fitPage.targetsHeader")}${targetRows}</table>
<h2>${t("fitPage.parameters")}</h2>
<p>${t("fitPage.parametersNote", { step: PROFILE_STEP * 100, flat: FLAT_RISE })}</p>
<table id="parameters">${t("fitPage.parametersHeader")}${parameterRows}</table>
<h2>${t("fitPage.projection")}</h2>
${projectionText}
<div class="charts">${data.charts.map((c, i) => `<div class="chart"><h3>${escapeHtml(c.column)}${c.observed.length > 0 ? t("fitPage.observedOver") : ""}</h3><canvas id="chart-projection-${i}"></canvas></div>`).join("\n")}</div>
<h2>${t("fitPage.search")}</h2>
<p>${t("fitPage.searchNote")}</p>
<div class="chart"><canvas id="chart-search"></canvas></div>
<footer><p>pointsim ${escapeHtml(VERSION)}${t("page.fullStop")}</p></footer>
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
      { label: ${js("fitPage.js.candidateError")}, data: d.errors.map(function (e, i) { return e === null ? null : { x: i, y: e }; }), pointBackgroundColor: d.stages.map(function (s) { return colours[s]; }), pointRadius: 3 },
      { type: "line", label: ${js("fitPage.js.bestSoFar")}, data: bestSoFar.map(function (e, i) { return { x: i, y: e }; }), borderColor: "#1d2330", pointRadius: 0, borderWidth: 2 }
    ] },
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: ${js("fitPage.js.candidate")} } }, y: { type: "logarithmic", title: { display: true, text: ${js("fitPage.js.error")} } } } }
  });
  drawn.push({ id: "search", points: d.errors.length });
  d.charts.forEach(function (c, i) {
    var sets = [];
    if (c.band) {
      var xy = function (a) { return a.map(function (v, k) { return { x: k + 1, y: v }; }); };
      sets.push(
        { type: "line", label: ${js("fitPage.js.p95")}, data: xy(c.band.p95), borderColor: "rgba(47,111,223,0.5)", pointRadius: 0, borderWidth: 1, fill: false },
        { type: "line", label: ${js("fitPage.js.median")}, data: xy(c.band.p50), borderColor: "#2f6fdf", pointRadius: 0, borderWidth: 2, fill: false },
        { type: "line", label: ${js("fitPage.js.p5")}, data: xy(c.band.p5), borderColor: "rgba(47,111,223,0.5)", backgroundColor: "rgba(47,111,223,0.15)", pointRadius: 0, borderWidth: 1, fill: "-2" }
      );
    }
    if (c.observed.length > 0) sets.push({ type: "scatter", label: ${js("fitPage.js.observed")}, data: c.observed, borderColor: "#e0552d", backgroundColor: "#e0552d", pointRadius: 2.5 });
    if (d.collapse && d.collapse.p50 <= d.days) {
      sets.push({ type: "line", label: ${js("fitPage.js.collapse")}, data: [], borderColor: "rgba(192,57,43,0.6)" });
    }
    var collapse = d.collapse;
    new Chart(document.getElementById("chart-projection-" + i), {
      type: "line",
      data: { datasets: sets },
      options: { responsive: true, maintainAspectRatio: false, parsing: true, scales: { x: { type: "linear", min: 1, max: Math.max(1, d.days), title: { display: true, text: ${js("page.js.day")} } }, y: { title: { display: true, text: c.column } } } },
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
