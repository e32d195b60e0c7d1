import { chartJs, embed, escapeHtml } from "../report/html.js";
import { withCjkFont } from "../report/font-subset.js";
import { SUMMARY_PAGE_STYLE } from "../report/html-parts.js";
import { VERSION } from "../version.js";
import type { LoadedFit } from "../fit/spec.js";
import { ESS_FLOOR, type WatchOutcome, type WatchSettings } from "./run.js";

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The watch's report.html: P(collapse within the horizon) over the cut-off days, its interval, the alarm levels and the known failure day. */
export function watchReportHtml(loaded: LoadedFit, settings: WatchSettings, outcome: WatchOutcome): string {
  const data = {
    steps: outcome.steps.map((s) => ({ day: s.day, p: s.probability, low: s.low, high: s.high })),
    alarms: settings.alarms,
    failureDay: settings.failureDay,
  };
  const alarmRows = outcome.alarms
    .map(
      (a) =>
        `<tr><td>${pct(a.level)}</td><td>${a.day === null ? "never reached" : `day ${a.day}`}</td><td>${a.leadTime === null ? "" : `${a.leadTime} days`}</td></tr>`,
    )
    .join("");
  const stepRows = outcome.steps
    .map(
      (s) =>
        `<tr><td>${s.day}</td><td>${pct(s.probability)}</td><td>${pct(s.low)} to ${pct(s.high)}</td><td>${s.ess.toFixed(1)}</td><td>${s.population}${s.refreshes > 0 ? ` (${s.refreshes} refresh round${s.refreshes === 1 ? "" : "s"})` : ""}</td></tr>`,
    )
    .join("");
  const weak = outcome.steps.filter((s) => !s.reliable).map((s) => s.day);
  const essWarning =
    weak.length > 0
      ? `<p id="watch-ess-warning"><b>Fewer than ${ESS_FLOOR} effective particles on day ${weak.join(", ")}</b>: P there rests on a few particles' runs and is not a reliable probability; run again with more particles or rounds.</p>`
      : "";
  return withCjkFont(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pointsim watch: ${escapeHtml(loaded.spec.name)}</title>
<style>
${SUMMARY_PAGE_STYLE}
td:first-child { text-align: left; }
</style></head><body>
<h1>Early warning: ${escapeHtml(loaded.spec.name)}</h1>
<p id="watch-summary">At each cut-off day (every ${settings.every} days up to day ${outcome.lastObserved}, the last observed), the probability that the platform collapses by that day + ${settings.horizon}, from the observations up to that day alone: ${settings.particles} particles (draws of the fit's parameters, ${loaded.spec.seeds} run${loaded.spec.seeds === 1 ? "" : "s"} each) weighted by the fit's likelihood of those observations; ${outcome.populations} population${outcome.populations === 1 ? "" : "s"} in all (a refresh round was drawn and pooled with every earlier one while the effective sample size was under ${settings.minEss} of the particles, within the round budget). The band: a Wilson 90% interval on the effective sample size, the Monte Carlo uncertainty of the estimate under the model, not the model's own.${settings.failureDay === null ? "" : ` The platform failed on day ${settings.failureDay}.`}${outcome.failedParticles > 0 ? ` <b>${outcome.failedParticles} particles failed to run</b> and weigh nothing.` : ""}</p>
${essWarning}
<h2>Alarms</h2>
<table id="alarms"><tr><th>alarm level</th><th>first reached</th><th>lead time</th></tr>${alarmRows}</table>
<div class="chart"><canvas id="chart-watch"></canvas></div>
<h2>By day</h2>
<table id="steps"><tr><th>day</th><th>P(collapse within ${settings.horizon} days)</th><th>90% interval</th><th>effective particles</th><th>population</th></tr>${stepRows}</table>
<footer><p>pointsim ${escapeHtml(VERSION)}.</p></footer>
<script>${chartJs()}</script>
<script type="application/json" id="watch-data">${embed(data)}</script>
<script>
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("watch-data").textContent);
  Chart.defaults.animation = false;
  var xy = function (key) { return d.steps.map(function (s) { return { x: s.day, y: s[key] }; }); };
  var sets = [
    { label: "90% interval (high)", data: xy("high"), borderColor: "rgba(47,111,223,0.4)", pointRadius: 0, borderWidth: 1, fill: false },
    { label: "P(collapse within the horizon)", data: xy("p"), borderColor: "#2f6fdf", pointRadius: 3, borderWidth: 2, fill: false },
    { label: "90% interval (low)", data: xy("low"), borderColor: "rgba(47,111,223,0.4)", backgroundColor: "rgba(47,111,223,0.15)", pointRadius: 0, borderWidth: 1, fill: "-2" }
  ];
  var last = d.steps.length > 0 ? d.steps[d.steps.length - 1].day : 1;
  d.alarms.forEach(function (a) { sets.push({ label: "alarm " + a, data: [{ x: 1, y: a }, { x: last, y: a }], borderColor: "#e0552d", borderDash: [6, 4], pointRadius: 0, borderWidth: 1, fill: false }); });
  new Chart(document.getElementById("chart-watch"), {
    type: "line",
    data: { datasets: sets },
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { type: "linear", min: 1, max: Math.max(last, d.failureDay || 0), title: { display: true, text: "cut-off day" } }, y: { min: 0, max: 1, title: { display: true, text: "probability" } } } },
    plugins: [{
      id: "failure-marker",
      afterDatasetsDraw: function (chart) {
        if (!d.failureDay) return;
        var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx, m = x.getPixelForValue(d.failureDay);
        ctx.save(); ctx.strokeStyle = "#c0392b"; ctx.setLineDash([5, 4]);
        ctx.beginPath(); ctx.moveTo(m, area.top); ctx.lineTo(m, area.bottom); ctx.stroke();
        ctx.fillStyle = "#c0392b"; ctx.fillText("failed, day " + d.failureDay, Math.min(m + 4, area.right - 80), area.top + 12);
        ctx.restore();
      }
    }]
  });
  window.__pointsim = { charts: [{ id: "watch", points: d.steps.length }] };
})();
</script></body></html>
`);
}
