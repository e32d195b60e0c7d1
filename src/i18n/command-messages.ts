import type { Lang } from "./lang.js";

/**
 * What `fit`, `recommend`, `watch`, `discover`, `sweep`, `merge` and `init` print and write for a
 * person, in both languages (src/i18n/messages.ts holds the catalogue's rules: the English is what
 * pointsim printed before, byte for byte; figures arrive formatted; Chinese terms follow
 * docs/glossary.md). Keys: `cmd.*` the terminal, `fitPage.*` / `recPage.*` / `watchPage.*` /
 * `sweepPage.*` the HTML reports, `*.js.*` strings a report's script writes (as JavaScript string
 * literals, so an English page keeps its bytes).
 */
export const COMMAND_MESSAGES = {
  // --- Progress bars (cli-progress fills {bar}, {value}, {total}, {eta} and the named payloads) ---
  "progress.fit": { en: "fit {bar} {value}/{total} runs | best error {best}", "zh-CN": "拟合 {bar} {value}/{total}次运行 | 最佳误差{best}" },
  "progress.recommend": { en: "recommend {bar} {value}/{total} runs (at most) | {safe} safe", "zh-CN": "推荐 {bar} {value}/{total}次运行（至多） | 安全{safe}个" },
  "progress.watch": { en: "watch {bar} {value}/{total} runs", "zh-CN": "预警 {bar} {value}/{total}次运行" },
  "progress.sweep": {
    en: "sweep {bar} {value}/{total} runs | {failed} failed | ETA {eta}s",
    "zh-CN": "扫描 {bar} {value}/{total}次运行 | 失败{failed}次 | 预计剩余{eta}秒",
  },

  // --- run, merge, init (src/cli/commands.ts) ---
  "cmd.run.tookNext": {
    en: "pointsim: {first} holds an earlier run, so this one went to {folder} (to replace it instead: --out {first} --force)",
    "zh-CN": "pointsim：{first} 中已有之前的运行，本次写入 {folder}（若要替换它：--out {first} --force）",
  },
  "cmd.merge.done": { en: "merged {done} runs into {out}", "zh-CN": "已把{done}次运行合并到 {out}" },
  "cmd.merge.missing": { en: "; {missing} runs are missing (a shard not run yet?)", "zh-CN": "；缺少{missing}次运行（是否有分片尚未运行？）" },
  "cmd.init.wrote": {
    en: "wrote {file}: edit it, then `pointsim validate {file}` and `pointsim run {file}`",
    "zh-CN": "已写出 {file}：编辑它，然后运行 `pointsim validate {file}` 和 `pointsim run {file}`",
  },
  "cmd.resuming": { en: "pointsim: resuming {out}: {count} runs already made", "zh-CN": "pointsim：续跑 {out}：已完成{count}次运行" },

  // --- fit (src/cli/fit.ts) ---
  "cmd.fit.heading": {
    en: "{name}: error {error} after {candidates} candidates ({stop}); {out} (fitted.yaml, fit.csv, fit.json, report.html)",
    "zh-CN": "{name}：经{candidates}个候选后误差为{error}（{stop}）；{out}（fitted.yaml、fit.csv、fit.json、report.html）",
  },
  "cmd.fit.notFinite": { en: "not finite (no candidate could be scored)", "zh-CN": "非有限值（没有候选能算出误差）" },
  "cmd.fit.converged": { en: "converged", "zh-CN": "已收敛" },
  "cmd.fit.stoppedAtMax": { en: "stopped at maxCandidates", "zh-CN": "达到 maxCandidates 后停止" },
  "cmd.fit.parameter": { en: "  {key} = {value} (90% interval {low} to {high})", "zh-CN": "  {key} = {value}（90%区间 {low} 至 {high}）" },
  "cmd.fit.metricTarget": {
    en: "  {label}: observed {observed}, fitted {fitted}, error {error}",
    "zh-CN": "  {label}：观测值 {observed}，拟合值 {fitted}，误差 {error}",
  },
  "cmd.fit.seriesTarget": { en: "  {label}: {days} observed days, RMS error {error}", "zh-CN": "  {label}：观测{days}天，均方根误差 {error}" },
  "cmd.fit.projection": {
    en: "  projection over {days} days, {runs} runs (parameters drawn from their uncertainty, each on its own seed): {outcome}",
    "zh-CN": "  {days}天的预测，{runs}次运行（参数按其不确定性抽取，各用自己的随机种子）：{outcome}",
  },
  "cmd.fit.noCollapse": { en: "no collapse", "zh-CN": "未崩盘" },
  "cmd.fit.collapse": {
    en: "{share} collapse, median day {median}, P5 to P95 {low} to {high}",
    "zh-CN": "{share}崩盘，崩盘日中位数{median}，P5 至 P95 为 {low} 至 {high}",
  },
  "cmd.fit.notFiniteGate": { en: "the fit's error is not finite (no candidate could be scored)", "zh-CN": "拟合误差不是有限值（没有候选能算出误差）" },

  // --- recommend (src/cli/recommend.ts) ---
  "cmd.rec.none": {
    en: "{name}: no setting proved safe and re-verified ({safe} of {candidates} candidates passed the screening, {front} re-verified); {out}",
    "zh-CN": "{name}：没有参数设置被证明安全并通过复核（{candidates}个候选中{safe}个通过筛选，{front}个经过复核）；{out}",
  },
  "cmd.rec.heading": {
    en: "{name}: recommended after {candidates} candidates, {runs} runs; {out} (recommended.yaml, front.csv, candidates.csv, recommend.json, report.html)",
    "zh-CN": "{name}：经{candidates}个候选、{runs}次运行后给出推荐；{out}（recommended.yaml、front.csv、candidates.csv、recommend.json、report.html）",
  },
  "cmd.rec.objective": {
    en: "  {metric}: mean {mean} on {seeds} fresh seeds ({confidence}% interval {low} to {high})",
    "zh-CN": "  {metric}：在{seeds}个新随机种子上的均值为 {mean}（{confidence}%区间 {low} 至 {high}）",
  },
  "cmd.rec.constraint": {
    en: "  {label}: {events} of {seeds} fresh runs, P ≤ {upper} (tolerance {max}){binds}",
    "zh-CN": "  {label}：{seeds}次新运行中发生{events}次，P ≤ {upper}（容许值 {max}）{binds}",
  },
  "cmd.rec.binds": { en: "; binds: ruled out {count} better candidate{plural}", "zh-CN": "；起约束作用：排除了{count}个更优的候选" },

  // --- watch (src/cli/watch.ts) ---
  "cmd.watch.heading": {
    en: "{name}: P(collapse within {horizon} days) every {every} days to day {last}, {particles} particles, {populations} population{plural}, {runs} runs; {out} (watch.csv, watch.json, report.html)",
    "zh-CN": "{name}：每{every}天计算一次{horizon}天内崩盘的概率，至第{last}天，{particles}个粒子，{populations}代粒子群，{runs}次运行；{out}（watch.csv、watch.json、report.html）",
  },
  "cmd.watch.step": {
    en: "  day {day}: {p} (90% {low} to {high}), effective particles {ess} of {pool}",
    "zh-CN": "  第{day}天：{p}（90%区间 {low} 至 {high}），有效粒子 {ess}/{pool}",
  },
  "cmd.watch.unreliable": {
    en: " (under {floor}: a few particles' verdict, not a reliable probability)",
    "zh-CN": "（低于{floor}：只是少数粒子的结论，不是可靠的概率）",
  },
  "cmd.watch.refreshed": { en: ", after {count} refresh round{plural}", "zh-CN": "，经{count}轮更新" },
  "cmd.watch.alarmRaised": { en: "  ALARM {level}", "zh-CN": "  警报 {level}" },
  "cmd.watch.alarm": { en: "  alarm {level}: {when}", "zh-CN": "  警报 {level}：{when}" },
  "cmd.watch.never": { en: "never reached", "zh-CN": "从未达到" },
  "cmd.watch.day": { en: "day {day}", "zh-CN": "第{day}天" },
  "cmd.watch.lead": { en: ", {lead} days before the failure on day {failure}", "zh-CN": "，比第{failure}天的失败提前{lead}天" },
  "cmd.watch.weak": {
    en: "warning: fewer than {floor} effective particles on day{plural} {days} after up to {rounds} refresh rounds: P there rests on a few particles; raise --particles or --rounds (docs/decide.md, \"Early warning\")",
    "zh-CN": "警告：经至多{rounds}轮更新后，第{days}天的有效粒子少于{floor}个：该处的概率只取决于少数粒子；请调高 --particles 或 --rounds（docs/decide.md，“Early warning”）",
  },

  // --- discover (src/discover/outputs.ts) ---
  "cmd.disc.heading": {
    en: '{sweep}: "{where}" holds for {cases} of {all} completed runs ({share}){failed}',
    "zh-CN": "{sweep}：“{where}”在{all}次已完成的运行中有{cases}次成立（{share}）{failed}",
  },
  "cmd.disc.failedLeftOut": { en: "; {count} failed runs left out", "zh-CN": "；已排除{count}次失败的运行" },
  "cmd.disc.noBox": {
    en: "  no box: no peeling step meets the choice rule with a restriction that holds up (try --min-coverage or --min-density)",
    "zh-CN": "  没有盒：没有哪一步剥离既满足选取规则、又有站得住的限制条件（可试 --min-coverage 或 --min-density）",
  },
  "cmd.disc.box": { en: "box {box}: {rule}", "zh-CN": "盒{box}：{rule}" },
  "cmd.disc.boxFigures": {
    en: "  {runs} runs; it holds in {density} of them (density); they are {coverage} of the runs where it holds{outside} (coverage); {mass} of the runs (mass)",
    "zh-CN": "  {runs}次运行；其中{density}条件成立（密度）；它们占条件成立的运行{outside}的{coverage}（覆盖率）；占全部运行的{mass}（质量）",
  },
  "cmd.disc.outsideBefore": { en: " outside the boxes before", "zh-CN": "（前面各盒之外）" },
  "cmd.disc.firm": { en: "; in {kept} of {resamples} resamples", "zh-CN": "；在{resamples}次重抽样中占{kept}" },
  "cmd.disc.firmAlone": { en: " (in {kept} of {resamples} resamples)", "zh-CN": "（在{resamples}次重抽样中占{kept}）" },
  "cmd.disc.interval": { en: " ({confidence}% interval {low} to {high}{firm})", "zh-CN": "（{confidence}%区间 {low} 至 {high}{firm}）" },
  "cmd.disc.edge": { en: "  {what}{interval}; quasi-p {p}", "zh-CN": "  {what}{interval}；拟p值 {p}" },
  "cmd.disc.dropped": { en: "  dropped as not meaningful: {list}", "zh-CN": "  因不显著而去掉：{list}" },
  "cmd.disc.droppedItem": { en: "{name} {edge} (quasi-p {p})", "zh-CN": "{name} {edge}（拟p值 {p}）" },
  "cmd.disc.tree": { en: "tree (Gini, depth {depth}, leaves of at least {leaf} runs):", "zh-CN": "决策树（基尼系数，深度{depth}，每个叶节点至少{leaf}次运行）：" },
  "cmd.disc.leaf": { en: "  {rule}: {runs} runs, it holds in {share}", "zh-CN": "  {rule}：{runs}次运行，其中{share}条件成立" },
  "cmd.disc.files": { en: "{out} (boxes.csv, boxes.json, tree.json, rules.csv)", "zh-CN": "{out}（boxes.csv、boxes.json、tree.json、rules.csv）" },
  // A box and a leaf as rules (boxes.json's ruleZh, the terminal); the operators stay as written.
  "rule.when": { en: "{where} when {conditions}", "zh-CN": "当{conditions}时，{where}" },
  "rule.and": { en: " and ", "zh-CN": " 且 " },
  "rule.notIn": { en: "{parameter} not in ({values})", "zh-CN": "{parameter} 不属于（{values}）" },
  "rule.in": { en: "{parameter} in ({values})", "zh-CN": "{parameter} 属于（{values}）" },
  "rule.everyRun": { en: "every run", "zh-CN": "全部运行" },
  // --- fit's report.html (src/fit/report.ts) ---
  "fitPage.title": { en: "pointsim fit: {name}", "zh-CN": "pointsim 拟合：{name}" },
  "fitPage.h1": { en: "Fit {name}", "zh-CN": "拟合 {name}" },
  "fitPage.summary": {
    en: "Base scenario {base}. Error <b>{error}</b> (weighted root mean square of relative errors, docs/fit.md) at candidate {index} of {count}; {runs} runs on {seeds} seed{plural} per candidate; the search {stop}. The fitted scenario: fitted.yaml.",
    "zh-CN": "基础情景 {base}。误差 <b>{error}</b>（相对误差的加权均方根，docs/fit.md），出现在{count}个候选中的第{index}个；共{runs}次运行，每个候选{seeds}个随机种子；搜索{stop}。拟合后的情景：fitted.yaml。",
  },
  "fitPage.converged": { en: "converged", "zh-CN": "已收敛" },
  "fitPage.budget": { en: "stopped at its budget (maxCandidates)", "zh-CN": "达到预算（maxCandidates）后停止" },
  "fitPage.unidentifiedOne": {
    en: "<b>{count} parameter is not identifiable</b> from these targets: {list}. Their fitted values are one of many that fit; do not read them as measured.",
    "zh-CN": "<b>{count}个参数无法由这些目标识别</b>：{list}。其拟合值只是众多同样拟合的取值之一，不要当作测量值。",
  },
  "fitPage.unidentifiedMany": {
    en: "<b>{count} parameters are not identifiable</b> from these targets: {list}. Their fitted values are one of many that fit; do not read them as measured.",
    "zh-CN": "<b>{count}个参数无法由这些目标识别</b>：{list}。其拟合值只是众多同样拟合的取值之一，不要当作测量值。",
  },
  "fitPage.edgeOne": {
    en: "<b>{count} parameter sits on the edge of its range</b>: {list}. The best fit may lie outside the range: widen it and fit again.",
    "zh-CN": "<b>{count}个参数落在其取值范围的边缘</b>：{list}。最佳拟合可能在范围之外：请放宽范围后重新拟合。",
  },
  "fitPage.edgeMany": {
    en: "<b>{count} parameters sit on the edge of its range</b>: {list}. The best fit may lie outside the range: widen it and fit again.",
    "zh-CN": "<b>{count}个参数落在其取值范围的边缘</b>：{list}。最佳拟合可能在范围之外：请放宽范围后重新拟合。",
  },
  "fitPage.edgeItem": { en: "{key} = {value} ({edge} {bound})", "zh-CN": "{key} = {value}（{edge} {bound}）" },
  "fitPage.edgeFrom": { en: "from", "zh-CN": "下限" },
  "fitPage.edgeTo": { en: "to", "zh-CN": "上限" },
  "fitPage.targets": { en: "Targets", "zh-CN": "目标" },
  "fitPage.targetsHeader": {
    en: "<tr><th>target</th><th>observed</th><th>fitted</th><th>error</th><th>weight</th></tr>",
    "zh-CN": "<tr><th>目标</th><th>观测值</th><th>拟合值</th><th>误差</th><th>权重</th></tr>",
  },
  "fitPage.days": { en: "{days} days", "zh-CN": "{days}天" },
  "fitPage.mean": { en: "mean {value}", "zh-CN": "均值 {value}" },
  "fitPage.rms": { en: "RMS {value}", "zh-CN": "均方根 {value}" },
  "fitPage.parameters": { en: "Parameters", "zh-CN": "参数" },
  "fitPage.parametersNote": {
    en: "Sharpness: how much the error rises when the parameter alone moves {step}% of its range either way from the fit (mean of both sides; under {flat} it is flagged). Near-best: the values of every candidate whose error is within 5% (+0.005) of the best. 90% interval: the central 90% of the value over the posterior draws (docs/fit.md, a synthetic likelihood whose noise comes from the seeds); the projection draws its parameters from them.",
    "zh-CN": "陡度：仅让该参数从拟合值向两侧各移动其范围的{step}%时误差上升多少（两侧的均值；低于{flat}即标记）。近最优值：误差在最佳值5%（+0.005）以内的所有候选的取值。90%区间：后验抽样中该值居中的90%（docs/fit.md，一种合成似然，其噪声来自各随机种子）；预测从中抽取参数。",
  },
  "fitPage.parametersHeader": {
    en: "<tr><th>parameter</th><th>fitted</th><th>range</th><th>sharpness</th><th>near-best values</th><th>90% interval</th><th>identifiable</th></tr>",
    "zh-CN": "<tr><th>参数</th><th>拟合值</th><th>范围</th><th>陡度</th><th>近最优值</th><th>90%区间</th><th>可识别</th></tr>",
  },
  "fitPage.range": { en: "{low} to {high}", "zh-CN": "{low} 至 {high}" },
  "fitPage.log": { en: " (log)", "zh-CN": "（对数）" },
  "fitPage.yes": { en: "yes", "zh-CN": "是" },
  "fitPage.flat": {
    en: "not identifiable: moving it {step}% of its range changes the error by {rise} (under {flat}); the targets do not pin it down",
    "zh-CN": "无法识别：将其移动范围的{step}%，误差只变化{rise}（低于{flat}）；这些目标确定不了它",
  },
  "fitPage.wide": {
    en: "not identifiable: candidates from {low} to {high} ({share}% of its range) fit almost as well",
    "zh-CN": "无法识别：从{low}到{high}（其范围的{share}%）的候选拟合得几乎一样好",
  },
  "fitPage.atEdge": {
    en: "at the {end} end of its range ({value}, within {share}% of {bound}): the best fit may lie outside the range; widen it and fit again",
    "zh-CN": "位于其范围的{end}端（{value}，距 {bound} 不到{share}%）：最佳拟合可能在范围之外；请放宽范围后重新拟合",
  },
  "fitPage.low": { en: "low", "zh-CN": "下" },
  "fitPage.high": { en: "high", "zh-CN": "上" },
  "fitPage.projection": { en: "Projection", "zh-CN": "预测" },
  "fitPage.noProjection": { en: "<p>No projection was asked for (project.seeds: 0).</p>", "zh-CN": "<p>未要求预测（project.seeds: 0）。</p>" },
  "fitPage.projectionText": {
    en: "The fitted scenario over its {days} days, {seeds} runs, each with the parameters drawn from their uncertainty (the 90% intervals above) and its own seed{failed}: {outcome} {band}",
    "zh-CN": "拟合后的情景运行{days}天，共{seeds}次运行，每次的参数按其不确定性（上面的90%区间）抽取，并用各自的随机种子{failed}：{outcome}{band}",
  },
  "fitPage.failed": { en: " (<b>{count} failed</b>)", "zh-CN": "（<b>{count}次失败</b>）" },
  "fitPage.noCollapse": { en: "no run collapsed within the horizon.", "zh-CN": "模拟期内没有运行崩盘。" },
  "fitPage.collapsed": {
    en: "{share} of runs collapsed; collapse day median {median}, P5 to P95 {low} to {high} (a run that did not collapse counts as the day after the horizon).",
    "zh-CN": "{share}的运行崩盘；崩盘日中位数{median}，P5 至 P95 为 {low} 至 {high}（未崩盘的运行按模拟期后一天计）。",
  },
  "fitPage.bandObserved": {
    en: "Observed points are drawn over the simulated band (P5, median, P95 over the runs).",
    "zh-CN": "观测点画在模拟区间带之上（各次运行的 P5、中位数、P95）。",
  },
  "fitPage.band": { en: "The band: P5, median and P95 over the runs.", "zh-CN": "区间带：各次运行的 P5、中位数和 P95。" },
  "fitPage.observedOver": { en: " (observed points over the projection)", "zh-CN": "（观测点叠加在预测上）" },
  "fitPage.search": { en: "Search", "zh-CN": "搜索" },
  "fitPage.searchNote": {
    en: "Each candidate's error in the order it ran (start: Latin hypercube; search: Nelder–Mead; profile: around the fit; posterior: draws for the parameters' uncertainty). Every candidate: fit.csv.",
    "zh-CN": "每个候选按运行顺序的误差（start：拉丁超立方；search：Nelder–Mead；profile：拟合值附近；posterior：为参数不确定性所作的抽样）。全部候选：fit.csv。",
  },
  "fitPage.js.candidateError": { en: "candidate error", "zh-CN": "候选的误差" },
  "fitPage.js.bestSoFar": { en: "best so far", "zh-CN": "迄今最佳" },
  "fitPage.js.candidate": { en: "candidate", "zh-CN": "候选" },
  "fitPage.js.error": { en: "error", "zh-CN": "误差" },
  "fitPage.js.p95": { en: "P95 over runs", "zh-CN": "各次运行的 P95" },
  "fitPage.js.median": { en: "median", "zh-CN": "中位数" },
  "fitPage.js.p5": { en: "P5 over runs", "zh-CN": "各次运行的 P5" },
  "fitPage.js.observed": { en: "observed", "zh-CN": "观测值" },
  "fitPage.js.collapse": { en: "collapse day P5 to P95 (median dashed)", "zh-CN": "崩盘日 P5 至 P95（虚线为中位数）" },
  "page.js.day": { en: "day", "zh-CN": "天" },
  // --- watch's report.html (src/watch/report.ts) ---
  "watchPage.title": { en: "pointsim watch: {name}", "zh-CN": "pointsim 预警：{name}" },
  "watchPage.h1": { en: "Early warning: {name}", "zh-CN": "预警：{name}" },
  "watchPage.never": { en: "never reached", "zh-CN": "从未达到" },
  "watchPage.day": { en: "day {day}", "zh-CN": "第{day}天" },
  "watchPage.days": { en: "{days} days", "zh-CN": "{days}天" },
  "watchPage.range": { en: "{low} to {high}", "zh-CN": "{low} 至 {high}" },
  "watchPage.rounds": { en: " ({count} refresh round{plural})", "zh-CN": "（{count}轮更新）" },
  "watchPage.essWarning": {
    en: "<b>Fewer than {floor} effective particles on day {days}</b>: P there rests on a few particles' runs and is not a reliable probability; run again with more particles or rounds.",
    "zh-CN": "<b>第{days}天的有效粒子少于{floor}个</b>：该处的概率只取决于少数粒子的运行，不是可靠的概率；请用更多粒子或更新轮数重新运行。",
  },
  "watchPage.summary": {
    en: "At each cut-off day (every {every} days up to day {last}, the last observed), the probability that the platform collapses by that day + {horizon}, from the observations up to that day alone: {particles} particles (draws of the fit's parameters, {seeds} run{seedsPlural} each) weighted by the fit's likelihood of those observations; {populations} population{plural} in all (a refresh round was drawn and pooled with every earlier one while the effective sample size was under {minEss} of the particles, within the round budget). The band: a Wilson 90% interval on the effective sample size, the Monte Carlo uncertainty of the estimate under the model, not the model's own.{failure}{failed}",
    "zh-CN": "在每个截止日（每{every}天一个，直到最后一个观测日第{last}天），仅依据截至当天的观测，估计平台在当天之后{horizon}天内崩盘的概率：{particles}个粒子（拟合参数的抽样，每个运行{seeds}次），按拟合对这些观测的似然加权；共{populations}代粒子群（有效样本量低于粒子数的{minEss}时，在轮数预算内抽取一轮更新，并与之前各轮合并）。区间带：按有效样本量计算的 Wilson 90%区间，即模型之下估计的蒙特卡洛不确定性，而非模型本身的不确定性。{failure}{failed}",
  },
  "watchPage.failure": { en: " The platform failed on day {day}.", "zh-CN": "平台在第{day}天失败。" },
  "watchPage.failed": { en: " <b>{count} particles failed to run</b> and weigh nothing.", "zh-CN": "<b>{count}个粒子运行失败</b>，权重为零。" },
  "watchPage.alarms": { en: "Alarms", "zh-CN": "警报" },
  "watchPage.alarmsHeader": {
    en: "<tr><th>alarm level</th><th>first reached</th><th>lead time</th></tr>",
    "zh-CN": "<tr><th>警报阈值</th><th>首次达到</th><th>提前量</th></tr>",
  },
  "watchPage.byDay": { en: "By day", "zh-CN": "逐日" },
  "watchPage.stepsHeader": {
    en: "<tr><th>day</th><th>P(collapse within {horizon} days)</th><th>90% interval</th><th>effective particles</th><th>population</th></tr>",
    "zh-CN": "<tr><th>截止日</th><th>{horizon}天内崩盘的概率</th><th>90%区间</th><th>有效粒子</th><th>粒子群</th></tr>",
  },
  "watchPage.js.high": { en: "90% interval (high)", "zh-CN": "90%区间（上限）" },
  "watchPage.js.p": { en: "P(collapse within the horizon)", "zh-CN": "预测期内崩盘的概率" },
  "watchPage.js.low": { en: "90% interval (low)", "zh-CN": "90%区间（下限）" },
  "watchPage.js.alarm": { en: "alarm ", "zh-CN": "警报 " },
  "watchPage.js.cutOff": { en: "cut-off day", "zh-CN": "截止日" },
  "watchPage.js.probability": { en: "probability", "zh-CN": "概率" },
  "watchPage.js.failed": { en: "failed, day {day}", "zh-CN": "失败，第{day}天" },
  // --- recommend's report.html (src/recommend/report.ts) ---
  "recPage.title": { en: "pointsim recommend: {name}", "zh-CN": "pointsim 推荐：{name}" },
  "recPage.h1": { en: "Recommendation {name}", "zh-CN": "推荐 {name}" },
  "recPage.none": {
    en: "<b>No setting was proved safe</b> and re-verified: {safe} of {candidates} candidates passed the screening, {front} were re-verified, none held. Widen the ranges, relax a tolerance, or raise maxSeeds.",
    "zh-CN": "<b>没有参数设置被证明安全</b>并通过复核：{candidates}个候选中{safe}个通过筛选，{front}个经过复核，没有一个成立。请放宽范围、放松某个容许值，或调高 maxSeeds。",
  },
  "recPage.answer": {
    en: "Recommended: {values}. On {seeds} fresh seeds, {metric} has mean <b>{mean}</b> ({confidence}% interval {low} to {high}). The scenario: recommended.yaml.",
    "zh-CN": "推荐：{values}。在{seeds}个新随机种子上，{metric}的均值为 <b>{mean}</b>（{confidence}%区间 {low} 至 {high}）。情景：recommended.yaml。",
  },
  "recPage.binds": { en: "binds", "zh-CN": "起约束作用" },
  "recPage.slack": { en: "slack", "zh-CN": "有余量" },
  "recPage.aboveScreening": { en: " (above the screening bound)", "zh-CN": "（高于筛选时的界）" },
  "recPage.holds": { en: "holds", "zh-CN": "成立" },
  "recPage.fails": { en: "<b>fails</b>", "zh-CN": "<b>不成立</b>" },
  "recPage.lhs": { en: "a Latin hypercube of {samples}", "zh-CN": "{samples}个点的拉丁超立方" },
  "recPage.grid": { en: "a grid", "zh-CN": "网格" },
  "recPage.method": {
    en: "Base scenario {base}; {candidates} candidates ({design}, then {refine} bisection steps along up to {directions} direction{plural}), {runs} runs. Each candidate ran in batches of {batch} seeds, up to {maxSeeds}, until every constraint's one-sided Clopper–Pearson bound at confidence {confidence} proved it safe (upper bound at or below the tolerance) or one proved it unsafe (lower bound above). The front's points were re-run on {verifySeeds} fresh seeds, their bounds at confidence 1 − {delta} (δ split over {front} front points and {constraints} constraints): the recommendation is the best of them that holds (docs/decide.md).",
    "zh-CN": "基础情景 {base}；{candidates}个候选（{design}，再沿至多{directions}个方向二分{refine}步），{runs}次运行。每个候选按每批{batch}个随机种子运行，至多{maxSeeds}个，直到每个约束在置信度{confidence}下的单侧 Clopper–Pearson 界证明其安全（上界不超过容许值），或某个约束证明其不安全（下界高于容许值）。前沿上的点在{verifySeeds}个新随机种子上重新运行，其界的置信度为 1 − {delta}（δ 分摊到{front}个前沿点和{constraints}个约束）：推荐的是其中成立者中最优的一个（docs/decide.md）。",
  },
  "recPage.constraints": { en: "Constraints", "zh-CN": "约束" },
  "recPage.constraintsNote": {
    en: "A constraint binds when it ruled out candidates better on the objective than the recommendation (proved unsafe, or left undecided at maxSeeds).",
    "zh-CN": "一个约束起约束作用，是指它排除了在目标上优于推荐结果的候选（被证明不安全，或到 maxSeeds 仍未判定）。",
  },
  "recPage.bindingHeader": {
    en: "<tr><th>constraint</th><th>tolerance</th><th>verified upper bound</th><th>share of tolerance</th><th>better candidates excluded</th><th></th></tr>",
    "zh-CN": "<tr><th>约束</th><th>容许值</th><th>复核的上界</th><th>占容许值的比例</th><th>被排除的更优候选</th><th></th></tr>",
  },
  "recPage.front": { en: "Front: objective against risk", "zh-CN": "前沿：目标与风险" },
  "recPage.frontNote": {
    en: "Risk: the largest upper bound ÷ tolerance over the constraints in the screening (1 or less: proved safe). The front: the safe candidates no other safe one beats on both.",
    "zh-CN": "风险：筛选中各约束的上界 ÷ 容许值的最大者（不超过1：已证明安全）。前沿：没有别的安全候选在两方面都胜过它们的那些安全候选。",
  },
  "recPage.frontHeader": {
    en: "<tr><th>rank</th><th>setting</th><th>objective (screening)</th><th>risk</th><th>objective (fresh seeds)</th><th>events on fresh seeds, upper bound</th><th>verification</th></tr>",
    "zh-CN": "<tr><th>排名</th><th>参数设置</th><th>目标（筛选）</th><th>风险</th><th>目标（新随机种子）</th><th>新随机种子上的事件数、上界</th><th>复核</th></tr>",
  },
  "recPage.where": { en: "Where the safe settings end", "zh-CN": "安全参数设置的边界" },
  "recPage.whereNote": {
    en: "Each candidate's objective against each parameter (green safe, red unsafe, amber undecided; the recommendation ringed): the boundary between green and red is where the constraints bind.",
    "zh-CN": "每个候选的目标对各参数的分布（绿色安全，红色不安全，琥珀色未判定；推荐结果加圈）：绿与红的分界即约束起作用之处。",
  },
  "recPage.files": {
    en: "Every candidate: candidates.csv; the front: front.csv; every run: runs.jsonl and runs.parquet.",
    "zh-CN": "全部候选：candidates.csv；前沿：front.csv；全部运行：runs.jsonl 和 runs.parquet。",
  },
  "recPage.js.candidatesLegend": { en: "candidates (green safe, red unsafe, amber undecided)", "zh-CN": "候选（绿色安全，红色不安全，琥珀色未判定）" },
  "recPage.js.front": { en: "front", "zh-CN": "前沿" },
  "recPage.js.risk": { en: "risk (upper bound ÷ tolerance, capped at 10)", "zh-CN": "风险（上界 ÷ 容许值，上限为10）" },
  "recPage.js.candidates": { en: "candidates", "zh-CN": "候选" },
} as const satisfies Record<string, Record<Lang, string>>;
