import { existsSync, readFileSync } from "node:fs";
import type { RunResult } from "../engine/engine.js";
import type { Scenario } from "../scenario/types.js";
import { getPath } from "../sweep/paths.js";
import { embed, escapeHtml } from "./html-parts.js";

/**
 * The report's what-if panel (docs/what-if.md): sliders for the parameters that matter, and the
 * engine itself, bundled for the browser (dist/browser/engine.bundle.js, built by `npm run
 * build` with esbuild), which re-runs the changed scenario in a Web Worker. The same code as the
 * CLI, so the same numbers.
 */

/** Past this many users (estimated from the arrival rules) a what-if run is left to the CLI. */
export const WHAT_IF_MAX_USERS = 200_000;
/** … or past this many user-days. */
export const WHAT_IF_MAX_USER_DAYS = 50_000_000;

export interface WhatIfSlider {
  path: string;
  label: string;
  group: string;
  min: number;
  max: number;
  step: number;
  value: number;
}

const ENGINE = new URL("../../dist/browser/engine.bundle.js", import.meta.url);
let engineSource: string | null = null;

/** The engine bundle, read once (it exists once `npm run build` has run). */
export function engineBundle(): string {
  if (engineSource === null) {
    if (!existsSync(ENGINE)) throw new Error(`${ENGINE.pathname} is missing: run npm run build`);
    // A closing script tag inside the bundle would end the page's script element.
    engineSource = readFileSync(ENGINE, "utf8").replace(/<\/script/gi, "<\\/script");
  }
  return engineSource;
}

/** The sliders for this scenario: the horizon, arrivals, each segment's behaviour, the platform, then each running scheme's own. */
export function whatIfSliders(scenario: Scenario, result: RunResult): WhatIfSlider[] {
  const out: WhatIfSlider[] = [];
  const add = (path: string, label: string, group: string, min: number, max: number, step: number) => {
    let value: unknown;
    try {
      value = getPath(scenario, path);
    } catch {
      return;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) return;
    out.push({ path, label, group, min: Math.min(min, value), max: Math.max(max, value), step, value });
  };
  const arrivals = scenario.population.arrivals;
  add("days", "days simulated", "horizon", 30, 3650, 1);
  if (arrivals.model === "constant" || arrivals.model === "exponential") add("population.arrivals.perDay", "new users a day", "arrivals", 0, Math.max(1000, arrivals.perDay * 4), 1);
  if (arrivals.model === "exponential" || arrivals.model === "logistic") add("population.arrivals.growthRate", "daily growth of arrivals", "arrivals", 0, 0.2, 0.001);
  if (arrivals.model === "logistic" || arrivals.model === "referral") add("population.arrivals.marketSize", "market size (users)", "arrivals", 1, Math.min(5_000_000, Math.max(100_000, arrivals.marketSize * 4)), 100);
  if (arrivals.model === "referral") add("population.arrivals.inviteRate", "invitations per promoter a day", "arrivals", 0, 1, 0.005);
  scenario.population.segments.forEach((segment, i) => {
    const group = `segment ${segment.name}`;
    add(`population.segments[${i}].orderRate`, "daily chance of another order", group, 0, 1, 0.001);
    add(`population.segments[${i}].withdraw.probability`, "daily chance of asking to withdraw", group, 0, 1, 0.005);
    add(`population.segments[${i}].churnRate`, "daily chance of leaving", group, 0, 0.1, 0.0005);
    add(`population.segments[${i}].payWithChangeProbability`, "chance an order is paid from change first", group, 0, 1, 0.01);
  });
  add("withdrawals.feeRate", "withdrawal fee", "platform", 0, 0.3, 0.005);
  add("platform.initialCash", "founders' capital (yuan)", "platform", 0, Math.max(1_000_000, scenario.platform.initialCash * 4), 1000);
  add("platform.operatingCostPerDay", "operating cost a day (yuan)", "platform", 0, Math.max(10_000, scenario.platform.operatingCostPerDay * 4), 10);
  add("confidence.effect", "how strongly confidence moves behaviour", "behaviour", 0, 1, 0.05);
  add("collapse.backlogDays", "days a withdrawal may be late before collapse", "collapse", 0, 90, 1);
  for (const scheme of result.schemes) for (const p of scheme.whatIf) add(`schemes.${scheme.key}.${p.key}`, p.label, scheme.title, p.min, p.max, p.step);
  return out;
}

/** The panel's HTML and the data its script reads (the engine bundle goes in a separate element). */
export function whatIfPanel(scenario: Scenario, result: RunResult, columns: readonly string[]): string {
  const sliders = whatIfSliders(scenario, result);
  const groups = [...new Set(sliders.map((s) => s.group))];
  const row = (s: WhatIfSlider, i: number) =>
    `<div class="wi-row"><label for="wi-${i}">${escapeHtml(s.label)} <code>${escapeHtml(s.path)}</code></label><input type="range" id="wi-${i}" data-index="${i}" min="${s.min}" max="${s.max}" step="${s.step}" value="${s.value}"><input type="number" id="wi-${i}-n" data-index="${i}" min="${s.min}" max="${s.max}" step="${s.step}" value="${s.value}"></div>`;
  const data = { sliders, scenario: { ...scenario, seed: result.seed }, columns, limits: { users: WHAT_IF_MAX_USERS, userDays: WHAT_IF_MAX_USER_DAYS } };
  return `<h2 id="what-if">What if</h2>
<p class="caption">Change the parameters that matter and run the scenario again, here in the page: the same engine as the command line (bundled in this file), in a background worker, offline. The what-if run is drawn over the original on every chart (dashed, "what if: ..."). A run past ${WHAT_IF_MAX_USERS.toLocaleString("en-US")} users or ${(WHAT_IF_MAX_USER_DAYS / 1e6).toFixed(0)} million user-days is left to the command line.</p>
<details id="whatif-panel" open><summary>Parameters (${sliders.length})</summary>
${groups.map((g) => `<fieldset><legend>${escapeHtml(g)}</legend>${sliders.map((s, i) => (s.group === g ? row(s, i) : "")).join("")}</fieldset>`).join("\n")}
</details>
<p><label>seed <input id="whatif-seed" value="${escapeHtml(String(result.seed))}" size="12"></label>
<button id="whatif-run" type="button">Run what-if</button> <button id="whatif-reset" type="button">Reset</button>
<progress id="whatif-progress" max="1" value="0"></progress> <span id="whatif-state">not run</span></p>
<div id="whatif-too-large" hidden><p class="warn">This what-if is too large to run in a page. Copy the scenario below into a file and run it: <code id="whatif-command"></code></p></div>
<div id="whatif-result" hidden>
<p>What if: <span class="status" id="whatif-status"></span></p>
<p class="verdict" id="whatif-verdict"></p>
<table id="whatif-compare"><tr><th>figure</th><th>original</th><th>what if</th></tr></table>
</div>
<div id="whatif-changes-box" hidden><h3>Changed</h3><ul id="whatif-changes"></ul>
<button id="whatif-copy" type="button">Copy the what-if scenario as YAML</button> <span id="whatif-copied"></span>
<textarea id="whatif-yaml" readonly rows="8" cols="100"></textarea></div>
<script type="application/json" id="whatif-data">${embed(data)}</script>`;
}

/** The page script of the panel: sliders, the worker, the comparison, the overlay, the YAML. */
export function whatIfScript(): string {
  return `<script type="text/plain" id="pointsim-engine">${engineBundle()}</script>
<script>
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("whatif-data").textContent);
  var byId = function (id) { return document.getElementById(id); };
  var values = d.sliders.map(function (s) { return s.value; });
  function setValue(i, v) {
    var s = d.sliders[i];
    v = Math.min(s.max, Math.max(s.min, Number(v)));
    if (!isFinite(v)) return;
    values[i] = v;
    byId("wi-" + i).value = String(v);
    byId("wi-" + i + "-n").value = String(v);
    showChanges();
  }
  d.sliders.forEach(function (s, i) {
    byId("wi-" + i).addEventListener("input", function (e) { setValue(i, e.target.value); });
    byId("wi-" + i + "-n").addEventListener("change", function (e) { setValue(i, e.target.value); });
  });
  function parts(path) { return path.replace(/\\[(\\d+)\\]/g, ".$1").split("."); }
  function setPath(root, path, value) {
    var p = parts(path), node = root;
    for (var k = 0; k < p.length - 1; k++) node = node[p[k]];
    node[p[p.length - 1]] = value;
  }
  function seedValue() {
    var t = byId("whatif-seed").value.trim();
    return /^\\d+$/.test(t) && Number.isSafeInteger(Number(t)) && String(Number(t)) === t ? Number(t) : t;
  }
  function changed() {
    return d.sliders.map(function (s, i) { return { path: s.path, label: s.label, from: s.value, to: values[i] }; }).filter(function (c) { return c.from !== c.to; });
  }
  function whatIfScenario() {
    var sc = JSON.parse(JSON.stringify(d.scenario));
    changed().forEach(function (c) { setPath(sc, c.path, c.to); });
    sc.seed = seedValue();
    return sc;
  }
  // YAML for plain data: mappings, lists, numbers, booleans, null and strings (double-quoted, JSON style).
  function yaml(v, indent) {
    var pad = new Array(indent + 1).join("  ");
    var key = function (k) { return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k); };
    var scalar = function (x) { return x === null ? "null" : typeof x === "string" ? JSON.stringify(x) : String(x); };
    var isBlock = function (x) { return x !== null && typeof x === "object" && (Array.isArray(x) ? x.length > 0 : Object.keys(x).length > 0); };
    var empty = function (x) { return Array.isArray(x) ? "[]" : "{}"; };
    if (Array.isArray(v)) return v.map(function (x) {
      if (!isBlock(x)) return pad + "- " + (x !== null && typeof x === "object" ? empty(x) : scalar(x));
      var inner = yaml(x, indent + 1).replace(/^\\s+/, "");
      return pad + "- " + inner;
    }).join("\\n");
    return Object.keys(v).map(function (k) {
      var x = v[k];
      if (isBlock(x)) return pad + key(k) + ":\\n" + yaml(x, indent + 1);
      return pad + key(k) + ": " + (x !== null && typeof x === "object" ? empty(x) : scalar(x));
    }).join("\\n");
  }
  function showChanges() {
    var list = changed();
    var ul = byId("whatif-changes");
    ul.innerHTML = "";
    list.forEach(function (c) { var li = document.createElement("li"); li.textContent = c.path + ": " + c.from + " → " + c.to; ul.appendChild(li); });
    if (String(seedValue()) !== String(d.scenario.seed)) { var li = document.createElement("li"); li.textContent = "seed: " + d.scenario.seed + " → " + seedValue(); ul.appendChild(li); }
    byId("whatif-yaml").value = "# What-if of " + d.scenario.name + " (pointsim report): " + (list.length ? list.map(function (c) { return c.path + " " + c.to; }).join(", ") : "no change") + "\\n" + yaml(whatIfScenario(), 0) + "\\n";
    byId("whatif-changes-box").hidden = false;
  }
  byId("whatif-seed").addEventListener("change", showChanges);
  byId("whatif-reset").addEventListener("click", function () { d.sliders.forEach(function (s, i) { setValue(i, s.value); }); byId("whatif-seed").value = String(d.scenario.seed); showChanges(); });
  byId("whatif-copy").addEventListener("click", function () {
    var text = byId("whatif-yaml").value;
    var done = function () { byId("whatif-copied").textContent = "copied"; };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () { byId("whatif-yaml").select(); document.execCommand("copy"); done(); });
    else { byId("whatif-yaml").select(); document.execCommand("copy"); done(); }
  });
  var engineSource = byId("pointsim-engine").textContent;
  var workerSource = engineSource + "\\n;(" + function () {
    self.onmessage = function (e) {
      var E = self.pointsimEngine, m = e.data;
      try {
        var t0 = performance.now();
        var est = E.estimateRun(m.scenario);
        if (est.peakUsers > m.limits.users || est.userDays > m.limits.userDays) { self.postMessage({ type: "tooLarge", estimate: est }); return; }
        var sim = new E.Simulation(m.scenario, E.registry, m.scenario.seed, { journal: false });
        var last = 0;
        while (!sim.done) {
          sim.step();
          if (sim.state.day - last >= 5) { last = sim.state.day; self.postMessage({ type: "progress", day: last, days: m.scenario.days }); }
        }
        var r = sim.result();
        var series = {};
        m.columns.forEach(function (c) { series[c] = E.numericSeries(r.specs, r.values, c); });
        self.postMessage({ type: "done", ms: performance.now() - t0, summary: r.summary, series: series, days: r.values.length });
      } catch (err) {
        self.postMessage({ type: "error", message: (err && err.name ? err.name + ": " : "") + String(err && err.message || err) });
      }
    };
  }.toString() + ")();";
  var worker = null;
  var original = window.__pointsimOriginal;
  function pct(x) { return x === null || x === undefined ? "n/a" : (x * 100).toFixed(1) + "%"; }
  function yuan(x) { return (x < 0 ? "-" : "") + "¥" + Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }
  function show(summary, ms) {
    var s = summary, o = original.summary;
    byId("whatif-status").textContent = s.collapse ? "Collapsed on day " + s.collapse.day + ": " + s.collapse.reason : s.finalStatus === "stressed" ? "Stressed, no collapse" : "No collapse";
    byId("whatif-status").className = "status " + (s.collapseDay !== null ? "bad" : s.finalStatus === "stressed" ? "warn" : "good");
    byId("whatif-verdict").textContent = s.verdict;
    var rows = [
      ["collapse day", o.collapseDay === null ? "none" : String(o.collapseDay), s.collapseDay === null ? "none" : String(s.collapseDay), "whatif-collapse-day", s.collapseDay],
      ["paying users losing money (wind-up)", pct(o.usersLosingShare), pct(s.usersLosingShare), "whatif-losing-share", s.usersLosingShare],
      ["peak users", String(o.peakUsers), String(s.peakUsers), "whatif-peak-users", s.peakUsers],
      ["new money in", yuan(o.totalNewMoneyIn), yuan(s.totalNewMoneyIn), "whatif-new-money", s.totalNewMoneyIn],
      ["withdrawals paid", yuan(o.totalWithdrawalsPaid), yuan(s.totalWithdrawalsPaid), "whatif-withdrawals-paid", s.totalWithdrawalsPaid],
      ["platform result", yuan(o.platformResult), yuan(s.platformResult), "whatif-platform-result", s.platformResult],
      ["owed that a wind-up could not pay", yuan(o.owedUnpayable), yuan(s.owedUnpayable), "whatif-owed-unpayable", s.owedUnpayable]
    ];
    byId("whatif-compare").innerHTML = "<tr><th>figure</th><th>original</th><th>what if</th></tr>" + rows.map(function (r) {
      return "<tr><td>" + r[0] + "</td><td>" + r[1] + "</td><td id=\\"" + r[3] + "\\" data-value=\\"" + (r[4] === null ? "null" : String(r[4])) + "\\">" + r[2] + "</td></tr>";
    }).join("");
    byId("whatif-result").hidden = false;
    byId("whatif-state").textContent = "done in " + Math.round(ms) + " ms";
  }
  byId("whatif-run").addEventListener("click", function () {
    var sc = whatIfScenario();
    showChanges();
    byId("whatif-too-large").hidden = true;
    if (worker) worker.terminate();
    worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" })));
    byId("whatif-state").textContent = "running";
    byId("whatif-progress").value = 0;
    worker.onmessage = function (e) {
      var m = e.data;
      if (m.type === "progress") { byId("whatif-progress").value = m.day / m.days; byId("whatif-state").textContent = "day " + m.day + " of " + m.days; return; }
      worker.terminate();
      worker = null;
      if (m.type === "tooLarge") {
        byId("whatif-command").textContent = "pointsim run whatif.yaml   (about " + m.estimate.peakUsers.toLocaleString("en-US") + " users, " + Math.round(m.estimate.userDays / 1e6) + " million user-days)";
        byId("whatif-too-large").hidden = false;
        byId("whatif-state").textContent = "too large for the page";
        return;
      }
      if (m.type === "error") { byId("whatif-state").textContent = "the run failed: " + m.message; return; }
      byId("whatif-progress").value = 1;
      show(m.summary, m.ms);
      original.overlay(m.series, m.days);
      window.__pointsimWhatIf = { ms: m.ms, summary: m.summary };
    };
    worker.postMessage({ scenario: sc, columns: d.columns, limits: d.limits });
  });
  showChanges();
})();
</script>`;
}
