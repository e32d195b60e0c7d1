import { chartJs, embed, escapeHtml } from "../report/html.js";
import { withCjkFont } from "../report/font-subset.js";
import { SUMMARY_PAGE_STYLE } from "../report/html-parts.js";
import { VERSION } from "../version.js";
import type { LoadedFit } from "../fit/spec.js";
import type { Lang } from "../i18n/lang.js";
import { tell, tellJs, type CatalogueKey } from "../i18n/tell.js";
import { ESS_FLOOR, type WatchOutcome, type WatchSettings } from "./run.js";

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The watch's report.html: P(collapse within the horizon) over the cut-off days, its interval, the alarm levels and the known failure day. */
export function watchReportHtml(loaded: LoadedFit, settings: WatchSettings, outcome: WatchOutcome, lang: Lang = "en"): string {
  const t = (key: CatalogueKey, params: Record<string, string | number> = {}): string => tell(lang, key, params);
  const js = (key: CatalogueKey): string => tellJs(lang, key);
  // The failure marker's label as a script expression around d.failureDay ("failed, day " + d.failureDay in English).
  const [failedBefore = "", failedAfter = ""] = t("watchPage.js.failed").split("{day}");
  const failedLabel = `${JSON.stringify(failedBefore)} + d.failureDay${failedAfter === "" ? "" : ` + ${JSON.stringify(failedAfter)}`}`;
  const data = {
    steps: outcome.steps.map((s) => ({ day: s.day, p: s.probability, low: s.low, high: s.high })),
    alarms: settings.alarms,
    failureDay: settings.failureDay,
  };
  const alarmRows = outcome.alarms
    .map(
      (a) =>
        `<tr><td>${pct(a.level)}</td><td>${a.day === null ? t("watchPage.never") : t("watchPage.day", { day: a.day })}</td><td>${a.leadTime === null ? "" : t("watchPage.days", { days: a.leadTime })}</td></tr>`,
    )
    .join("");
  const stepRows = outcome.steps
    .map(
      (s) =>
        `<tr><td>${s.day}</td><td>${pct(s.probability)}</td><td>${t("watchPage.range", { low: pct(s.low), high: pct(s.high) })}</td><td>${s.ess.toFixed(1)}</td><td>${s.population}${s.refreshes > 0 ? t("watchPage.rounds", { count: s.refreshes, plural: s.refreshes === 1 ? "" : "s" }) : ""}</td></tr>`,
    )
    .join("");
  const weak = outcome.steps.filter((s) => !s.reliable).map((s) => s.day);
  const essWarning =
    weak.length > 0 ? `<p id="watch-ess-warning">${t("watchPage.essWarning", { floor: ESS_FLOOR, days: weak.join(t("list.comma")) })}</p>` : "";
  return withCjkFont(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${t("watchPage.title", { name: escapeHtml(loaded.spec.name) })}</title>
<style>
${SUMMARY_PAGE_STYLE}
td:first-child { text-align: left; }
</style></head><body>
<h1>${t("watchPage.h1", { name: escapeHtml(loaded.spec.name) })}</h1>
<p id="watch-summary">${t("watchPage.summary", {
    every: settings.every,
    last: outcome.lastObserved,
    horizon: settings.horizon,
    particles: settings.particles,
    seeds: loaded.spec.seeds,
    seedsPlural: loaded.spec.seeds === 1 ? "" : "s",
    populations: outcome.populations,
    plural: outcome.populations === 1 ? "" : "s",
    minEss: settings.minEss,
    failure: settings.failureDay === null ? "" : t("watchPage.failure", { day: settings.failureDay }),
    failed: outcome.failedParticles > 0 ? t("watchPage.failed", { count: outcome.failedParticles }) : "",
  })}</p>
${essWarning}
<h2>${t("watchPage.alarms")}</h2>
<table id="alarms">${t("watchPage.alarmsHeader")}${alarmRows}</table>
<div class="chart"><canvas id="chart-watch"></canvas></div>
<h2>${t("watchPage.byDay")}</h2>
<table id="steps">${t("watchPage.stepsHeader", { horizon: settings.horizon })}${stepRows}</table>
<footer><p>pointsim ${escapeHtml(VERSION)}${t("page.fullStop")}</p></footer>
<script>${chartJs()}</script>
<script type="application/json" id="watch-data">${embed(data)}</script>
<script>
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("watch-data").textContent);
  Chart.defaults.animation = false;
  var xy = function (key) { return d.steps.map(function (s) { return { x: s.day, y: s[key] }; }); };
  var sets = [
    { label: ${js("watchPage.js.high")}, data: xy("high"), borderColor: "rgba(47,111,223,0.4)", pointRadius: 0, borderWidth: 1, fill: false },
    { label: ${js("watchPage.js.p")}, data: xy("p"), borderColor: "#2f6fdf", pointRadius: 3, borderWidth: 2, fill: false },
    { label: ${js("watchPage.js.low")}, data: xy("low"), borderColor: "rgba(47,111,223,0.4)", backgroundColor: "rgba(47,111,223,0.15)", pointRadius: 0, borderWidth: 1, fill: "-2" }
  ];
  var last = d.steps.length > 0 ? d.steps[d.steps.length - 1].day : 1;
  d.alarms.forEach(function (a) { sets.push({ label: ${js("watchPage.js.alarm")} + a, data: [{ x: 1, y: a }, { x: last, y: a }], borderColor: "#e0552d", borderDash: [6, 4], pointRadius: 0, borderWidth: 1, fill: false }); });
  new Chart(document.getElementById("chart-watch"), {
    type: "line",
    data: { datasets: sets },
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { type: "linear", min: 1, max: Math.max(last, d.failureDay || 0), title: { display: true, text: ${js("watchPage.js.cutOff")} } }, y: { min: 0, max: 1, title: { display: true, text: ${js("watchPage.js.probability")} } } } },
    plugins: [{
      id: "failure-marker",
      afterDatasetsDraw: function (chart) {
        if (!d.failureDay) return;
        var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx, m = x.getPixelForValue(d.failureDay);
        ctx.save(); ctx.strokeStyle = "#c0392b"; ctx.setLineDash([5, 4]);
        ctx.beginPath(); ctx.moveTo(m, area.top); ctx.lineTo(m, area.bottom); ctx.stroke();
        ctx.fillStyle = "#c0392b"; ctx.fillText(${failedLabel}, Math.min(m + 4, area.right - 80), area.top + 12);
        ctx.restore();
      }
    }]
  });
  window.__pointsim = { charts: [{ id: "watch", points: d.steps.length }] };
})();
</script></body></html>
`);
}
