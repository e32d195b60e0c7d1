import { chartJs, embed, escapeHtml } from "../report/html.js";
import { withCjkFont } from "../report/font-subset.js";
import { SUMMARY_PAGE_STYLE } from "../report/html-parts.js";
import { VERSION } from "../version.js";
import type { Candidate, RecommendOutcome } from "./run.js";
import type { Lang } from "../i18n/lang.js";
import { tell, tellJs, type CatalogueKey } from "../i18n/tell.js";
import { verifyDelta, type LoadedRecommend } from "./spec.js";

/** A figure for the page: 6 significant digits, no locale (the same bytes on every machine). */
const fmt = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? "" : String(Number(v.toPrecision(6))));

/** The recommendation's report.html: the answer, the binding constraints, the front (objective against risk) and every candidate; offline. */
export function recommendReportHtml(loaded: LoadedRecommend, outcome: RecommendOutcome, lang: Lang = "en"): string {
  const t = (key: CatalogueKey, params: Record<string, string | number> = {}): string => tell(lang, key, params);
  const js = (key: CatalogueKey): string => tellJs(lang, key);
  const { spec, labels } = loaded;
  const r = outcome.recommended;
  const valuesText = (c: Candidate) => spec.parameters.map((p, i) => `${escapeHtml(p.key)} = <b>${fmt(c.values[i])}</b>`).join(t("list.comma"));
  const answer =
    r === null
      ? `<p id="recommend-summary" class="warning">${t("recPage.none", { safe: outcome.candidates.filter((c) => c.status === "safe").length, candidates: outcome.candidates.length, front: outcome.front.length })}</p>`
      : `<p id="recommend-summary">${t("recPage.answer", {
          values: valuesText(r),
          seeds: String(r.verification?.seeds),
          metric: escapeHtml(spec.objective.metric),
          mean: fmt(r.verification?.objective.mean),
          confidence: spec.confidence * 100,
          low: fmt(r.verification?.objective.low),
          high: fmt(r.verification?.objective.high),
        })}</p>`;
  const bindingRows = outcome.binding
    .map(
      (b) =>
        `<tr${b.excluded > 0 ? ' class="warn"' : ""}><td>${escapeHtml(b.label)}</td><td>${fmt(b.max)}</td><td>${fmt(b.upper)}</td><td>${b.share === null ? "" : `${(b.share * 100).toFixed(1)}%`}</td><td>${b.excluded}</td><td>${t(b.excluded > 0 ? "recPage.binds" : "recPage.slack")}</td></tr>`,
    )
    .join("");
  const frontRows = outcome.front
    .map((c, rank) => {
      const v = c.verification;
      return `<tr${c === r ? ' class="chosen"' : ""}><td>${rank + 1}</td><td>${valuesText(c)}</td><td>${fmt(c.objective?.mean)}</td><td>${fmt(c.risk)}</td><td>${fmt(v?.objective.mean)}</td><td>${labels.map((_, j) => `${v?.constraints[j]?.events ?? ""}/${v?.constraints[j]?.runs ?? ""}, ≤ ${fmt(v?.constraints[j]?.upper)}${v?.constraints[j]?.withinScreeningBound === false ? t("recPage.aboveScreening") : ""}`).join("<br>")}</td><td>${v?.holds ? t("recPage.holds") : `${t("recPage.fails")}${v?.failure ? `${lang === "en" ? ": " : "："}${escapeHtml((lang === "en" ? v.failure : (v.failureZh ?? v.failure)).slice(0, 200))}` : ""}`}</td></tr>`;
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
<html lang="${lang}"><head><meta charset="utf-8"><title>${t("recPage.title", { name: escapeHtml(spec.name) })}</title>
<style>
${SUMMARY_PAGE_STYLE}
td:nth-child(2) { text-align: left; } tr.warn td { background: #fff3e6; } tr.chosen td { background: #e8f6ec; } .warning { color: #a0461b; }
</style></head><body>
<h1>${t("recPage.h1", { name: escapeHtml(spec.name) })}</h1>
${spec.description ? `<p>${escapeHtml(spec.description)}</p>` : ""}
${answer}
<p>${t("recPage.method", {
    base: escapeHtml(spec.base),
    candidates: outcome.candidates.length,
    design: spec.design === "lhs" ? t("recPage.lhs", { samples: spec.samples }) : t("recPage.grid"),
    refine: spec.refine,
    directions: spec.directions,
    plural: spec.directions === 1 ? "" : "s",
    runs: outcome.runs,
    batch: spec.batch,
    maxSeeds: spec.maxSeeds,
    confidence: spec.confidence,
    verifySeeds: spec.verifySeeds,
    delta: fmt(verifyDelta(spec)),
    front: spec.front,
    constraints: spec.constraints.length,
  })}</p>
<h2>${t("recPage.constraints")}</h2>
<p>${t("recPage.constraintsNote")}</p>
<table id="binding">${t("recPage.bindingHeader")}${bindingRows}</table>
<h2>${t("recPage.front")}</h2>
<p>${t("recPage.frontNote")}</p>
<div class="chart"><canvas id="chart-front"></canvas></div>
<table id="front">${t("recPage.frontHeader")}${frontRows}</table>
<h2>${t("recPage.where")}</h2>
<p>${t("recPage.whereNote")}</p>
<div class="charts">${spec.parameters.map((p, i) => `<div class="chart"><h3>${escapeHtml(p.key)}</h3><canvas id="chart-parameter-${i}"></canvas></div>`).join("\n")}</div>
<p>${t("recPage.files")}</p>
<footer><p>pointsim ${escapeHtml(VERSION)}${t("page.fullStop")}</p></footer>
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
      { label: ${js("recPage.js.candidatesLegend")}, data: all.map(function (c) { return { x: c.risk, y: c.objective }; }), pointBackgroundColor: all.map(function (c) { return colours[c.status]; }), pointRadius: 3 },
      { type: "line", label: ${js("recPage.js.front")}, data: d.front.map(function (c) { return { x: c.risk, y: c.objective }; }), borderColor: "#1d2330", pointRadius: d.front.map(function (c) { return c.chosen ? 7 : 4; }), borderWidth: 2 }
    ] },
    options: { responsive: true, maintainAspectRatio: false, scales: { x: { title: { display: true, text: ${js("recPage.js.risk")} } }, y: { title: { display: true, text: ${embed(spec.objective.metric)} } } } }
  });
  var drawn = [{ id: "front", points: all.length, front: d.front.length }];
  d.keys.forEach(function (key, i) {
    var shown = d.candidates.filter(function (c) { return c.objective !== null; });
    new Chart(document.getElementById("chart-parameter-" + i), {
      type: "scatter",
      data: { datasets: [{ label: ${js("recPage.js.candidates")}, data: shown.map(function (c) { return { x: c.values[i], y: c.objective }; }), pointBackgroundColor: shown.map(function (c) { return colours[c.status]; }), pointBorderColor: shown.map(function (c) { return c.chosen ? "#1d2330" : colours[c.status]; }), pointRadius: shown.map(function (c) { return c.chosen ? 7 : 3; }) }] },
      options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: key } }, y: { title: { display: true, text: ${embed(spec.objective.metric)} } } } }
    });
    drawn.push({ id: "parameter-" + i, key: key, points: shown.length });
  });
  window.__pointsim = { charts: drawn };
})();
</script></body></html>
`);
}
