import { chartJs, embed, escapeHtml } from "../report/html.js";
import { withCjkFont } from "../report/font-subset.js";
import { SUMMARY_PAGE_STYLE } from "../report/html-parts.js";
import { VERSION } from "../version.js";
import type { Candidate, RecommendOutcome } from "./run.js";
import { verifyDelta, type LoadedRecommend } from "./spec.js";

/** A figure for the page: 6 significant digits, no locale (the same bytes on every machine). */
const fmt = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "" : String(Number(v.toPrecision(6))));

/** The recommendation's report.html: the answer, the binding constraints, the front (objective against risk) and every candidate; offline. */
export function recommendReportHtml(loaded: LoadedRecommend, outcome: RecommendOutcome): string {
  const { spec, labels } = loaded;
  const r = outcome.recommended;
  const valuesText = (c: Candidate) => spec.parameters.map((p, i) => `${escapeHtml(p.key)} = <b>${fmt(c.values[i])}</b>`).join(", ");
  const answer =
    r === null
      ? `<p id="recommend-summary" class="warning"><b>No setting was proved safe</b> and re-verified: ${outcome.candidates.filter((c) => c.status === "safe").length} of ${outcome.candidates.length} candidates passed the screening, ${outcome.front.length} were re-verified, none held. Widen the ranges, relax a tolerance, or raise maxSeeds.</p>`
      : `<p id="recommend-summary">Recommended: ${valuesText(r)}. On ${r.verification?.seeds} fresh seeds, ${escapeHtml(spec.objective.metric)} has mean <b>${fmt(r.verification?.objective.mean)}</b> (${spec.confidence * 100}% interval ${fmt(r.verification?.objective.low)} to ${fmt(r.verification?.objective.high)}). The scenario: recommended.yaml.</p>`;
  const bindingRows = outcome.binding
    .map(
      (b) =>
        `<tr${b.excluded > 0 ? ' class="warn"' : ""}><td>${escapeHtml(b.label)}</td><td>${fmt(b.max)}</td><td>${fmt(b.upper)}</td><td>${b.share === null ? "" : `${(b.share * 100).toFixed(1)}%`}</td><td>${b.excluded}</td><td>${b.excluded > 0 ? "binds" : "slack"}</td></tr>`,
    )
    .join("");
  const frontRows = outcome.front
    .map((c, rank) => {
      const v = c.verification;
      return `<tr${c === r ? ' class="chosen"' : ""}><td>${rank + 1}</td><td>${valuesText(c)}</td><td>${fmt(c.objective?.mean)}</td><td>${fmt(c.risk)}</td><td>${fmt(v?.objective.mean)}</td><td>${labels.map((_, j) => `${v?.constraints[j]?.events ?? ""}/${v?.constraints[j]?.runs ?? ""}, ≤ ${fmt(v?.constraints[j]?.upper)}${v?.constraints[j]?.withinScreeningBound === false ? " (above the screening bound)" : ""}`).join("<br>")}</td><td>${v?.holds ? "holds" : `<b>fails</b>${v?.failure ? `: ${escapeHtml(v.failure.slice(0, 200))}` : ""}`}</td></tr>`;
    })
    .join("");
  const data = {
    candidates: outcome.candidates.map((c) => ({
      risk: Number.isFinite(c.risk) ? Math.min(c.risk, 10) : null,
      objective: c.objective?.mean ?? null,
      status: c.status,
      values: c.values,
      chosen: c === r,
    })),
    keys: spec.parameters.map((p) => p.key),
    front: outcome.front.map((c) => ({ risk: c.risk, objective: c.objective?.mean ?? null, chosen: c === r })),
  };
  return withCjkFont(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pointsim recommend: ${escapeHtml(spec.name)}</title>
<style>
${SUMMARY_PAGE_STYLE}
td:nth-child(2) { text-align: left; } tr.warn td { background: #fff3e6; } tr.chosen td { background: #e8f6ec; } .warning { color: #a0461b; }
</style></head><body>
<h1>Recommendation ${escapeHtml(spec.name)}</h1>
${spec.description ? `<p>${escapeHtml(spec.description)}</p>` : ""}
${answer}
<p>Base scenario ${escapeHtml(spec.base)}; ${outcome.candidates.length} candidates (${spec.design === "lhs" ? `a Latin hypercube of ${spec.samples}` : "a grid"}, then ${spec.refine} bisection steps along up to ${spec.directions} direction${spec.directions === 1 ? "" : "s"}), ${outcome.runs} runs. Each candidate ran in batches of ${spec.batch} seeds, up to ${spec.maxSeeds}, until every constraint's one-sided Clopper–Pearson bound at confidence ${spec.confidence} proved it safe (upper bound at or below the tolerance) or one proved it unsafe (lower bound above). The front's points were re-run on ${spec.verifySeeds} fresh seeds, their bounds at confidence 1 − ${fmt(verifyDelta(spec))} (δ split over ${spec.front} front points and ${spec.constraints.length} constraints): the recommendation is the best of them that holds (docs/decide.md).</p>
<h2>Constraints</h2>
<p>A constraint binds when it ruled out candidates better on the objective than the recommendation (proved unsafe, or left undecided at maxSeeds).</p>
<table id="binding"><tr><th>constraint</th><th>tolerance</th><th>verified upper bound</th><th>share of tolerance</th><th>better candidates excluded</th><th></th></tr>${bindingRows}</table>
<h2>Front: objective against risk</h2>
<p>Risk: the largest upper bound ÷ tolerance over the constraints in the screening (1 or less: proved safe). The front: the safe candidates no other safe one beats on both.</p>
<div class="chart"><canvas id="chart-front"></canvas></div>
<table id="front"><tr><th>rank</th><th>setting</th><th>objective (screening)</th><th>risk</th><th>objective (fresh seeds)</th><th>events on fresh seeds, upper bound</th><th>verification</th></tr>${frontRows}</table>
<h2>Where the safe settings end</h2>
<p>Each candidate's objective against each parameter (green safe, red unsafe, amber undecided; the recommendation ringed): the boundary between green and red is where the constraints bind.</p>
<div class="charts">${spec.parameters.map((p, i) => `<div class="chart"><h3>${escapeHtml(p.key)}</h3><canvas id="chart-parameter-${i}"></canvas></div>`).join("\n")}</div>
<p>Every candidate: candidates.csv; the front: front.csv; every run: runs.jsonl and runs.parquet.</p>
<footer><p>pointsim ${escapeHtml(VERSION)}.</p></footer>
<script>${chartJs()}</script>
<script type="application/json" id="recommend-data">${embed(data)}</script>
<script>
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("recommend-data").textContent);
  Chart.defaults.animation = false;
  var colours = { safe: "#27ae60", unsafe: "#c0392b", undecided: "#e0a02d", failed: "#888888", open: "#888888" };
  var all = d.candidates.filter(function (c) { return c.risk !== null && c.objective !== null; });
  new Chart(document.getElementById("chart-front"), {
    type: "scatter",
    data: { datasets: [
      { label: "candidates (green safe, red unsafe, amber undecided)", data: all.map(function (c) { return { x: c.risk, y: c.objective }; }), pointBackgroundColor: all.map(function (c) { return colours[c.status]; }), pointRadius: 3 },
      { type: "line", label: "front", data: d.front.map(function (c) { return { x: c.risk, y: c.objective }; }), borderColor: "#1d2330", pointRadius: d.front.map(function (c) { return c.chosen ? 7 : 4; }), borderWidth: 2 }
    ] },
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: "risk (upper bound ÷ tolerance, capped at 10)" } }, y: { title: { display: true, text: ${embed(spec.objective.metric)} } } } }
  });
  var drawn = [{ id: "front", points: all.length, front: d.front.length }];
  d.keys.forEach(function (key, i) {
    var shown = d.candidates.filter(function (c) { return c.objective !== null; });
    new Chart(document.getElementById("chart-parameter-" + i), {
      type: "scatter",
      data: { datasets: [{ label: "candidates", data: shown.map(function (c) { return { x: c.values[i], y: c.objective }; }), pointBackgroundColor: shown.map(function (c) { return colours[c.status]; }), pointBorderColor: shown.map(function (c) { return c.chosen ? "#1d2330" : colours[c.status]; }), pointRadius: shown.map(function (c) { return c.chosen ? 7 : 3; }) }] },
      options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: key } }, y: { title: { display: true, text: ${embed(spec.objective.metric)} } } } }
    });
    drawn.push({ id: "parameter-" + i, key: key, points: shown.length });
  });
  window.__pointsim = { charts: drawn };
})();
</script></body></html>
`);
}
