import { embed } from "../report/html-parts.js";
import { whatIfPanel } from "../report/what-if.js";
import type { SweepWhatIf } from "./what-if.js";
import type { Lang } from "../i18n/lang.js";
import { tell, tellJs, tellJsWith } from "../i18n/tell.js";

/**
 * The sweep report's what-if section and its script (docs/what-if.md): a click on a point of the
 * collapse-day chart or a cell of the heat map opens one of the point's runs in the panel. The
 * page first re-runs that run as the sweep ran it and checks the result against the recorded
 * collapse day and losing share; a what-if is then measured against that re-run.
 */
export function sweepWhatIfSection(name: string, w: SweepWhatIf, lang: Lang = "en"): string {
  const lead = `<p id="sweep-whatif-pick">${tell(lang, "sweepWhatIf.pick")}</p>
<p id="sweep-whatif-runs" hidden><label>${tell(lang, "sweepWhatIf.runOfPoint")} <select id="sweep-whatif-run"></select></label></p>
<p id="sweep-whatif-check" hidden></p>
`;
  const data = { name, base: w.base, keys: w.keys, columns: w.columns, points: w.points };
  return `${whatIfPanel({ scenario: null, sliders: w.sliders, columns: w.columns, originalLabel: tell(lang, "sweepWhatIf.theRun") }, tell(lang, "sweepWhatIf.intro"), lead, lang)}
<div class="chart" id="sweep-whatif-chart-box" hidden><h3>${tell(lang, "sweepWhatIf.chart")}</h3><canvas id="chart-whatif"></canvas></div>
<script type="application/json" id="sweep-whatif-data">${embed(data)}</script>`;
}

/** The script that opens a point's run in the panel (after the panel's own script). */
export function sweepWhatIfScript(lang: Lang = "en"): string {
  const js = (key: Parameters<typeof tell>[1]) => tellJs(lang, key);
  const jsWith = (key: Parameters<typeof tell>[1], expressions: Record<string, string>) => tellJsWith(lang, key, expressions);
  return `<script>
(function () {
  "use strict";
  var panel = window.__pointsimWhatIfPanel;
  var byId = function (id) { return document.getElementById(id); };
  var w = JSON.parse(byId("sweep-whatif-data").textContent);
  var wd = JSON.parse(byId("whatif-data").textContent);
  var sweep = JSON.parse(byId("sweep-data").textContent);
  var getPath = panel.getPath, setPath = panel.setPath;
  var palette = ["#e0552d", "#2f6fdf", "#8e44ad", "#2a9d5b"];
  var chart = null, opened = null, current = -1;
  function label(c) { return c.replace(/_/g, " "); }
  function draw(series, days, whatIf) {
    byId("sweep-whatif-chart-box").hidden = false;
    var labels = [];
    for (var i = 1; i <= days; i++) labels.push(i);
    var sets = [];
    w.columns.forEach(function (c, i) {
      if (opened && opened.series[c]) sets.push({ label: opened.name + ": " + label(c), data: opened.series[c], borderColor: palette[i % palette.length], pointRadius: 0, borderWidth: 2 });
      if (whatIf && whatIf[c]) sets.push({ label: ${jsWith("sweepWhatIf.js.whatIf", { column: "label(c)" })}, data: whatIf[c], borderColor: palette[i % palette.length], pointRadius: 0, borderWidth: 1.5, borderDash: [2, 3] });
    });
    if (opened && opened.days > labels.length) for (var j = labels.length + 1; j <= opened.days; j++) labels.push(j);
    if (chart) chart.destroy();
    chart = new Chart(byId("chart-whatif"), { type: "line", data: { labels: labels, datasets: sets }, options: { responsive: true, maintainAspectRatio: false, animation: false, interaction: { mode: "index", intersect: false }, scales: { x: { title: { display: true, text: ${js("page.js.day")} }, ticks: { maxTicksLimit: 12 } }, y: { title: { display: true, text: ${js("sweepPage.js.yuan")} } } } } });
  }
  function open(i, r) {
    var p = w.points[i], sp = sweep.points[i], check = byId("sweep-whatif-check");
    current = i;
    byId("sweep-whatif-pick").textContent = ${jsWith("sweepWhatIf.js.pointLabel", { point: "sp.point", label: "sp.label" })};
    check.hidden = false;
    check.removeAttribute("data-match");
    if (p.invalid || p.runs.length === 0) {
      check.textContent = p.invalid ? ${jsWith("sweepWhatIf.js.invalid", { problem: "p.invalid" })} : ${js("sweepWhatIf.js.noRun")};
      byId("sweep-whatif-runs").hidden = true;
      byId("whatif-box").hidden = true;
      return;
    }
    var sel = byId("sweep-whatif-run");
    sel.innerHTML = "";
    p.runs.forEach(function (run, k) {
      var o = document.createElement("option");
      o.value = String(k);
      o.textContent = ${jsWith("sweepWhatIf.js.option", { run: "run[0]", seed: "run[1]", day: `(run[2] === null ? ${js("sweepWhatIf.js.none")} : run[2])` })};
      sel.appendChild(o);
    });
    sel.value = String(r);
    byId("sweep-whatif-runs").hidden = false;
    var run = p.runs[r];
    var sc = JSON.parse(JSON.stringify(p.scenario || w.base));
    if (!p.scenario) Object.keys(sp.values).forEach(function (k) { setPath(sc, w.keys[k] || k, sp.values[k]); });
    sc.seed = run[1];
    var sliders = wd.sliders.map(function (s) {
      var v = getPath(sc, s.path);
      return typeof v === "number" && isFinite(v) ? { path: s.path, label: s.label, group: s.group, step: s.step, value: v, min: Math.min(s.min, v), max: Math.max(s.max, v) } : null;
    }).filter(function (s) { return s !== null; });
    var original = { summary: null, overlay: function (series, days) { draw(series, days, series); } };
    opened = null;
    panel.load({ scenario: sc, sliders: sliders, columns: w.columns, originalLabel: ${jsWith("sweepWhatIf.js.rerunLabel", { run: "run[0]" })}, origin: ${jsWith("sweepWhatIf.js.origin", { name: "w.name", point: "sp.point", run: "run[0]" })}, title: ${jsWith("sweepWhatIf.js.title", { point: "sp.point", label: "sp.label", run: "run[0]", seed: "run[1]" })}, original: original });
    byId("whatif-run").disabled = true;
    byId("whatif-state").textContent = ${jsWith("sweepWhatIf.js.rerunning", { run: "run[0]" })};
    check.textContent = ${jsWith("sweepWhatIf.js.rerunningShort", { run: "run[0]" })};
    panel.runScenario(sc, w.columns, function (m) {
      byId("whatif-run").disabled = false;
      if (m.type !== "done") { check.textContent = ${jsWith("sweepWhatIf.js.couldNot", { run: "run[0]" })}; return; }
      original.summary = m.summary;
      opened = { name: ${jsWith("sweepWhatIf.js.runName", { run: "run[0]" })}, series: m.series, days: m.days };
      draw(m.series, m.days, null);
      var same = m.summary.collapseDay === run[2] && m.summary.usersLosingShare === run[3];
      var share = function (x) { return x === null ? ${js("sweepPage.js.na")} : (x * 100).toFixed(2) + "%"; };
      check.setAttribute("data-match", String(same));
      check.textContent = ${jsWith("sweepWhatIf.js.check", {
        ms: "Math.round(m.ms)",
        day: `(m.summary.collapseDay === null ? ${js("sweepWhatIf.js.none")} : m.summary.collapseDay)`,
        share: "share(m.summary.usersLosingShare)",
        recordedDay: `(run[2] === null ? ${js("sweepWhatIf.js.none")} : run[2])`,
        recordedShare: "share(run[3])",
        verdict: `(same ? ${js("sweepWhatIf.js.identical")} : ${js("sweepWhatIf.js.different")})`,
      })};
      byId("whatif-state").textContent = ${jsWith("sweepWhatIf.js.rerunDone", { run: "run[0]" })};
    });
    byId("what-if").scrollIntoView();
  }
  byId("sweep-whatif-run").addEventListener("change", function (e) { open(current, Number(e.target.value)); });
  window.__pointsimSweepWhatIf = { open: open };
})();
</script>`;
}
