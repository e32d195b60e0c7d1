import { groupedNumber } from "../i18n/grouping.js";
import { existsSync, readFileSync } from "node:fs";
import type { RunResult } from "../engine/engine.js";
import type { WhatIfParameter } from "../engine/scheme.js";
import type { Scenario } from "../scenario/types.js";
import { getPath } from "../engine/paths.js";
import { embed } from "./html-parts.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";

/**
 * The report's what-if panel (docs/what-if.md): sliders for the parameters that matter, and the
 * engine itself, bundled for the browser (dist/browser/engine.bundle.js, built by `npm run
 * build` with esbuild), which re-runs the changed scenario in a Web Worker. The same code as the
 * CLI, so the same numbers.
 */

/** Past this many users (estimated from the arrival rules) a what-if run is left to the CLI. */
const WHAT_IF_MAX_USERS = 200_000;
/** … or past this many user-days. */
const WHAT_IF_MAX_USER_DAYS = 50_000_000;

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
function engineBundle(): string {
  if (engineSource === null) {
    if (!existsSync(ENGINE)) throw new Error(`${ENGINE.pathname} is missing: run npm run build`);
    // A closing script tag inside the bundle would end the page's script element.
    engineSource = readFileSync(ENGINE, "utf8").replace(/<\/script/gi, "<\\/script");
  }
  return engineSource;
}

/** What the panel needs of each running scheme: its key, title and declared what-if parameters. */
export interface WhatIfScheme {
  key: string;
  title: string;
  /** The title in Chinese (a zh-CN page's group heading). */
  titleZh?: string;
  whatIf: readonly WhatIfParameter[];
}

/** The sliders for this scenario: the horizon, arrivals, each segment's behaviour, the platform, then each running scheme's own. */
export function whatIfSliders(scenario: Scenario, schemes: readonly WhatIfScheme[], lang: Lang = "en"): WhatIfSlider[] {
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
  const t = (key: Parameters<typeof say>[1]) => say(lang, key as "whatIf.days");
  const zh = lang === "zh-CN";
  add("days", t("whatIf.days"), t("whatIf.group.horizon"), 30, 3650, 1);
  if (arrivals.model === "constant" || arrivals.model === "exponential")
    add("population.arrivals.perDay", t("whatIf.perDay"), t("whatIf.group.arrivals"), 0, Math.max(1000, arrivals.perDay * 4), 1);
  if (arrivals.model === "exponential" || arrivals.model === "logistic")
    add("population.arrivals.growthRate", t("whatIf.growthRate"), t("whatIf.group.arrivals"), 0, 0.2, 0.001);
  if (arrivals.model === "logistic" || arrivals.model === "referral")
    add(
      "population.arrivals.marketSize",
      t("whatIf.marketSize"),
      t("whatIf.group.arrivals"),
      1,
      Math.min(5_000_000, Math.max(100_000, arrivals.marketSize * 4)),
      100,
    );
  if (arrivals.model === "referral") add("population.arrivals.inviteRate", t("whatIf.inviteRate"), t("whatIf.group.arrivals"), 0, 1, 0.005);
  scenario.population.segments.forEach((segment, i) => {
    const group = say(lang, "whatIf.group.segment", { name: segment.name });
    add(`population.segments[${i}].orderRate`, t("whatIf.orderRate"), group, 0, 1, 0.001);
    add(`population.segments[${i}].withdraw.probability`, t("whatIf.withdraw"), group, 0, 1, 0.005);
    add(`population.segments[${i}].churnRate`, t("whatIf.churn"), group, 0, 0.1, 0.0005);
    add(`population.segments[${i}].payWithChangeProbability`, t("whatIf.payWithChange"), group, 0, 1, 0.01);
  });
  add("withdrawals.feeRate", t("whatIf.feeRate"), t("whatIf.group.platform"), 0, 0.3, 0.005);
  add("platform.initialCash", t("whatIf.initialCash"), t("whatIf.group.platform"), 0, Math.max(1_000_000, scenario.platform.initialCash * 4), 1000);
  add(
    "platform.operatingCostPerDay",
    t("whatIf.operatingCost"),
    t("whatIf.group.platform"),
    0,
    Math.max(10_000, scenario.platform.operatingCostPerDay * 4),
    10,
  );
  add("confidence.effect", t("whatIf.confidence"), t("whatIf.group.behaviour"), 0, 1, 0.05);
  add("collapse.backlogDays", t("whatIf.backlogDays"), t("whatIf.group.collapse"), 0, 90, 1);
  for (const scheme of schemes)
    for (const p of scheme.whatIf)
      add(`schemes.${scheme.key}.${p.key}`, zh ? (p.labelZh ?? p.label) : p.label, zh ? (scheme.titleZh ?? scheme.title) : scheme.title, p.min, p.max, p.step);
  return out;
}

/** What the panel's script reads: the scenario to start from (null: the page loads one later), its sliders, the series to draw. */
export interface WhatIfData {
  scenario: Scenario | null;
  sliders: WhatIfSlider[];
  columns: readonly string[];
  /** The compare table's heading for the run the what-if is measured against. */
  originalLabel: string;
}

/** The run report's panel data: the scenario as run, with the seed it ran on. */
export function runWhatIfData(scenario: Scenario, result: RunResult, columns: readonly string[], lang: Lang = "en"): WhatIfData {
  return {
    scenario: { ...scenario, seed: result.seed },
    sliders: whatIfSliders(scenario, result.schemes, lang),
    columns,
    originalLabel: say(lang, "whatIf.original"),
  };
}

/** The panel's style (the run and sweep reports both carry it). */
export const WHAT_IF_STYLE = `fieldset { border: 1px solid #e4e6ef; border-radius: 6px; margin: 6px 0; } legend { font-weight: 600; font-size: 13px; }
.wi-row { display: grid; grid-template-columns: minmax(280px, 1fr) 220px 110px; gap: 8px; align-items: center; font-size: 12px; } .wi-row code { color: #777; }
#whatif-yaml { width: 100%; font: 11px "pointsim CJK", monospace; } #whatif-compare td:first-child { text-align: left; }`;

/**
 * The panel's HTML and the data its script reads (the engine bundle goes in a separate element).
 * The slider rows are built by the script, so that a page can load another scenario into it.
 */
export function whatIfPanel(data: WhatIfData, intro: string, lead = "", lang: Lang = "en"): string {
  const payload = { ...data, limits: { users: WHAT_IF_MAX_USERS, userDays: WHAT_IF_MAX_USER_DAYS } };
  // English counts the user-days in millions ("50 million"); Chinese in 万 ("5000万").
  const users = lang === "en" ? groupedNumber(WHAT_IF_MAX_USERS) : `${WHAT_IF_MAX_USERS / 1e4}万`;
  const userDays = lang === "en" ? (WHAT_IF_MAX_USER_DAYS / 1e6).toFixed(0) : `${WHAT_IF_MAX_USER_DAYS / 1e4}万`;
  const note = say(lang, "whatIf.engineNote", { users, userDays });
  const paren = lang === "en" ? [" (", ")"] : ["（", "）"];
  return `<h2 id="what-if">${say(lang, "whatIf.heading")}</h2>
<p class="caption">${intro}${note}</p>
${lead}<div id="whatif-box"${data.scenario === null ? " hidden" : ""}>
<p id="whatif-title"></p>
<details id="whatif-panel" open><summary>${say(lang, "whatIf.parameters")}${paren[0]}<span id="whatif-count">${data.sliders.length}</span>${paren[1]}</summary><div id="whatif-sliders"></div></details>
<p><label>${say(lang, "whatIf.seed")} <input id="whatif-seed" size="12"></label>
<button id="whatif-run" type="button">${say(lang, "whatIf.run")}</button> <button id="whatif-reset" type="button">${say(lang, "whatIf.reset")}</button>
<progress id="whatif-progress" max="1" value="0"></progress> <span id="whatif-state">${say(lang, "whatIf.js.notRun")}</span></p>
<div id="whatif-too-large" hidden><p class="warn">${say(lang, "whatIf.tooLarge")}<code id="whatif-command"></code></p></div>
<div id="whatif-result" hidden>
<p>${say(lang, "whatIf.whatIf")}<span class="status" id="whatif-status"></span></p>
<p class="verdict" id="whatif-verdict"></p>
<table id="whatif-compare"></table>
</div>
<div id="whatif-changes-box" hidden><h3>${say(lang, "whatIf.changed")}</h3><ul id="whatif-changes"></ul>
<button id="whatif-copy" type="button">${say(lang, "whatIf.copy")}</button> <span id="whatif-copied"></span>
<textarea id="whatif-yaml" readonly rows="8" cols="100"></textarea></div>
</div>
<script type="application/json" id="whatif-data">${embed(payload)}</script>`;
}

/**
 * The page script of the panel: sliders, the worker, the comparison, the overlay, the YAML. It
 * exposes window.__pointsimWhatIfPanel: load(model) puts a scenario in the panel (model: scenario,
 * sliders, columns, originalLabel, original = { summary, overlay(series, days) }), runScenario(sc,
 * columns, done) runs one in a worker. A page whose data holds a scenario loads it at once,
 * measured against window.__pointsimOriginal.
 */
export function whatIfScript(lang: Lang = "en"): string {
  const zh = lang === "zh-CN";
  /** A message as a JavaScript string literal for the page script. */
  const js = (key: Parameters<typeof say>[1]) => JSON.stringify(say(lang, key as "whatIf.js.notRun"));
  /** A message with parameters as a JavaScript expression: `expressions` name the script's variables. */
  const jsWith = (key: Parameters<typeof say>[1], expressions: Record<string, string>): string => {
    const template = say(lang, key as "whatIf.js.notRun");
    const parts = template.split(/\{([A-Za-z]+)\}/);
    return parts
      .map((part, i) => (i % 2 === 1 ? (expressions[part] ?? part) : part === "" ? null : JSON.stringify(part)))
      .filter((x) => x !== null)
      .join(" + ");
  };
  return `<script type="text/plain" id="pointsim-engine">${engineBundle()}</script>
<script>
(function () {
  "use strict";
  var d = JSON.parse(document.getElementById("whatif-data").textContent);
  var byId = function (id) { return document.getElementById(id); };
  var model = null;
  var values = [];
  function setValue(i, v) {
    var s = model.sliders[i];
    v = Math.min(s.max, Math.max(s.min, Number(v)));
    if (!isFinite(v)) return;
    values[i] = v;
    byId("wi-" + i).value = String(v);
    byId("wi-" + i + "-n").value = String(v);
    showChanges();
  }
  function input(type, id, s, i) {
    var el = document.createElement("input");
    el.type = type; el.id = id; el.min = String(s.min); el.max = String(s.max); el.step = String(s.step); el.value = String(s.value);
    el.setAttribute("data-index", String(i));
    el.addEventListener(type === "range" ? "input" : "change", function (e) { setValue(i, e.target.value); });
    return el;
  }
  // One fieldset per group, in the order the groups first appear.
  function buildRows() {
    var box = byId("whatif-sliders");
    box.innerHTML = "";
    var groups = [];
    model.sliders.forEach(function (s) { if (groups.indexOf(s.group) < 0) groups.push(s.group); });
    groups.forEach(function (g) {
      var fs = document.createElement("fieldset"), legend = document.createElement("legend");
      legend.textContent = g;
      fs.appendChild(legend);
      model.sliders.forEach(function (s, i) {
        if (s.group !== g) return;
        var row = document.createElement("div"), label = document.createElement("label"), code = document.createElement("code");
        row.className = "wi-row";
        label.htmlFor = "wi-" + i;
        label.textContent = s.label + " ";
        code.textContent = s.path;
        label.appendChild(code);
        row.appendChild(label);
        row.appendChild(input("range", "wi-" + i, s, i));
        row.appendChild(input("number", "wi-" + i + "-n", s, i));
        fs.appendChild(row);
      });
      box.appendChild(fs);
    });
    byId("whatif-count").textContent = String(model.sliders.length);
  }
  function parts(path) { return path.replace(/\\[(\\d+)\\]/g, ".$1").split("."); }
  // As a sweep sets a value: missing mapping keys are made on the way.
  function setPath(root, path, value) {
    var p = parts(path), node = root;
    for (var k = 0; k < p.length - 1; k++) { if (node[p[k]] === undefined) node[p[k]] = {}; node = node[p[k]]; }
    node[p[p.length - 1]] = value;
  }
  function getPath(root, path) {
    var p = parts(path), node = root;
    for (var k = 0; k < p.length; k++) { if (node === null || typeof node !== "object") return undefined; node = node[p[k]]; }
    return node;
  }
  function seedValue() {
    var t = byId("whatif-seed").value.trim();
    return /^\\d+$/.test(t) && Number.isSafeInteger(Number(t)) && String(Number(t)) === t ? Number(t) : t;
  }
  function changed() {
    return model.sliders.map(function (s, i) { return { path: s.path, label: s.label, from: s.value, to: values[i] }; }).filter(function (c) { return c.from !== c.to; });
  }
  function whatIfScenario() {
    var sc = JSON.parse(JSON.stringify(model.scenario));
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
    if (!model) return;
    var list = changed();
    var ul = byId("whatif-changes");
    ul.innerHTML = "";
    list.forEach(function (c) { var li = document.createElement("li"); li.textContent = c.path + ": " + c.from + " → " + c.to; ul.appendChild(li); });
    if (String(seedValue()) !== String(model.scenario.seed)) { var li = document.createElement("li"); li.textContent = "seed: " + model.scenario.seed + " → " + seedValue(); ul.appendChild(li); }
    byId("whatif-yaml").value = ${jsWith("whatIf.js.yamlHead", { name: "model.scenario.name", origin: "model.origin" })} + (list.length ? list.map(function (c) { return c.path + " " + c.to; }).join(", ") : ${js("whatIf.js.noChange")}) + "\\n" + yaml(whatIfScenario(), 0) + "\\n";
    byId("whatif-changes-box").hidden = false;
  }
  byId("whatif-seed").addEventListener("change", showChanges);
  byId("whatif-reset").addEventListener("click", function () { model.sliders.forEach(function (s, i) { setValue(i, s.value); }); byId("whatif-seed").value = String(model.scenario.seed); showChanges(); });
  byId("whatif-copy").addEventListener("click", function () {
    var text = byId("whatif-yaml").value;
    var done = function () { byId("whatif-copied").textContent = ${js("whatIf.js.copied")}; };
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
        self.postMessage({ type: "done", ms: performance.now() - t0, summary: r.summary, series: series, days: r.values.length${zh ? ', verdictZh: E.verdictSentence(r.summary, "zh-CN")' : ""} });
      } catch (err) {
        self.postMessage({ type: "error", message: ${
          // A Chinese page says the engine's own Chinese for an error it built in both languages (PointsimError.messageIn).
          zh
            ? '(err && err.name ? err.name + "：" : "") + String(err && (typeof err.messageIn === "function" ? err.messageIn("zh-CN") : err.message) || err)'
            : '(err && err.name ? err.name + ": " : "") + String(err && err.message || err)'
        } });
      }
    };
  }.toString() + ")();";
  var worker = null;
  function pct(x) { return x === null || x === undefined ? ${js("report.notApplicable")} : (x * 100).toFixed(1) + "%"; }
${
  zh
    ? `  // Chinese money by the engine's own formatter (src/report/format-zh.ts, in the bundle), run here once.
  var zhEngine = null;
  function yuan(x) {
    if (x === null || x === undefined) return ${js("report.notApplicable")};
    if (zhEngine === null) { (0, eval)(engineSource); zhEngine = self.pointsimEngine; }
    return zhEngine.yuanZhShort(Math.round(x * 100));
  }`
    : `  function yuan(x) { return x === null || x === undefined ? "n/a" : (x < 0 ? "-" : "") + "¥" + Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }`
}
  function day(x) { return x === null ? ${js("report.none")} : x === undefined ? ${js("report.notApplicable")} : String(x); }
  function show(summary, ms${zh ? ", verdictZh" : ""}) {
    var s = summary, o = model.original.summary || {};
    byId("whatif-status").textContent = s.collapse ? ${jsWith("report.collapsed", { day: "s.collapse.day", reason: zh ? "(s.collapse.reasonZh || s.collapse.reason)" : "s.collapse.reason" })} : s.finalStatus === "stressed" ? ${js("report.stressed")} : ${js("report.noCollapse")};
    byId("whatif-status").className = "status " + (s.collapseDay !== null ? "bad" : s.finalStatus === "stressed" ? "warn" : "good");
    byId("whatif-verdict").textContent = ${zh ? "verdictZh || s.verdict" : "s.verdict"};
    var rows = [
      [${js("whatIf.js.collapseDay")}, day(o.collapseDay), day(s.collapseDay), "whatif-collapse-day", s.collapseDay],
      [${js("whatIf.js.losing")}, pct(o.usersLosingShare), pct(s.usersLosingShare), "whatif-losing-share", s.usersLosingShare],
      [${js("whatIf.js.peakUsers")}, o.peakUsers === undefined ? ${js("report.notApplicable")} : String(o.peakUsers), String(s.peakUsers), "whatif-peak-users", s.peakUsers],
      [${js("whatIf.js.newMoney")}, yuan(o.totalNewMoneyIn), yuan(s.totalNewMoneyIn), "whatif-new-money", s.totalNewMoneyIn],
      [${js("whatIf.js.withdrawalsPaid")}, yuan(o.totalWithdrawalsPaid), yuan(s.totalWithdrawalsPaid), "whatif-withdrawals-paid", s.totalWithdrawalsPaid],
      [${js("whatIf.js.platformResult")}, yuan(o.platformResult), yuan(s.platformResult), "whatif-platform-result", s.platformResult],
      [${js("whatIf.js.owedUnpayable")}, yuan(o.owedUnpayable), yuan(s.owedUnpayable), "whatif-owed-unpayable", s.owedUnpayable]
    ];
    var table = byId("whatif-compare");
    table.innerHTML = "";
    var head = table.insertRow();
    [${js("whatIf.js.figure")}, model.originalLabel, ${js("whatIf.js.whatIf")}].forEach(function (t) { var th = document.createElement("th"); th.textContent = t; head.appendChild(th); });
    rows.forEach(function (r) {
      var tr = table.insertRow();
      tr.insertCell().textContent = r[0];
      tr.insertCell().textContent = r[1];
      var td = tr.insertCell();
      td.id = r[3];
      td.setAttribute("data-value", r[4] === null ? "null" : String(r[4]));
      td.textContent = r[2];
    });
    byId("whatif-result").hidden = false;
    byId("whatif-state").textContent = ${jsWith("whatIf.js.doneIn", { ms: "Math.round(ms)" })};
  }
  // Runs one scenario in a fresh worker (a run still going is stopped); done(message) gets its end:
  // { type: "done", summary, series, days, ms }, { type: "tooLarge", estimate } or { type: "error", message }.
  function runScenario(sc, columns, done) {
    if (worker) worker.terminate();
    worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" })));
    byId("whatif-progress").value = 0;
    byId("whatif-too-large").hidden = true;
    worker.onmessage = function (e) {
      var m = e.data;
      if (m.type === "progress") { byId("whatif-progress").value = m.day / m.days; byId("whatif-state").textContent = ${jsWith("whatIf.js.dayOf", { day: "m.day", days: "m.days" })}; return; }
      worker.terminate();
      worker = null;
      if (m.type === "tooLarge") {
        byId("whatif-command").textContent = ${jsWith("whatIf.js.command", { users: zh ? "String(m.estimate.peakUsers)" : 'm.estimate.peakUsers.toLocaleString("en-US")', userDays: zh ? 'Math.round(m.estimate.userDays / 1e4) + "万"' : "Math.round(m.estimate.userDays / 1e6)" })};
        byId("whatif-too-large").hidden = false;
        byId("whatif-state").textContent = ${js("whatIf.js.tooLarge")};
      } else if (m.type === "error") byId("whatif-state").textContent = ${jsWith("whatIf.js.failed", { message: "m.message" })};
      else byId("whatif-progress").value = 1;
      done(m);
    };
    worker.postMessage({ scenario: sc, columns: columns, limits: d.limits });
  }
  byId("whatif-run").addEventListener("click", function () {
    var sc = whatIfScenario();
    showChanges();
    byId("whatif-state").textContent = ${js("whatIf.js.running")};
    runScenario(sc, model.columns, function (m) {
      if (m.type !== "done") return;
      show(m.summary, m.ms${zh ? ", m.verdictZh" : ""});
      model.original.overlay(m.series, m.days);
      window.__pointsimWhatIf = { ms: m.ms, summary: m.summary };
    });
  });
  // Puts a scenario in the panel: its sliders (each at the scenario's value), its seed, nothing run yet.
  function load(m) {
    if (worker) { worker.terminate(); worker = null; }
    model = m;
    values = m.sliders.map(function (s) { return s.value; });
    buildRows();
    byId("whatif-seed").value = String(m.scenario.seed);
    byId("whatif-title").textContent = m.title || "";
    byId("whatif-result").hidden = true;
    byId("whatif-too-large").hidden = true;
    byId("whatif-progress").value = 0;
    byId("whatif-state").textContent = ${js("whatIf.js.notRun")};
    byId("whatif-box").hidden = false;
    window.__pointsimWhatIf = undefined;
    showChanges();
  }
  window.__pointsimWhatIfPanel = { load: load, runScenario: runScenario, limits: d.limits, getPath: getPath, setPath: setPath };
  if (d.scenario) load({ scenario: d.scenario, sliders: d.sliders, columns: d.columns, originalLabel: d.originalLabel, origin: ${js("whatIf.js.origin")}, original: window.__pointsimOriginal });
})();
</script>`;
}
