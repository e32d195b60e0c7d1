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
  "progress.recommend": {
    en: "recommend {bar} {value}/{total} runs (at most) | {safe} safe",
    "zh-CN": "推荐 {bar} {value}/{total}次运行（至多） | 安全{safe}个",
  },
  "progress.watch": { en: "watch {bar} {value}/{total} runs", "zh-CN": "预警 {bar} {value}/{total}次运行" },
  "progress.sweep": {
    en: "sweep {bar} {value}/{total} runs | {failed} failed | ETA {eta}s",
    "zh-CN": "扫描 {bar} {value}/{total}次运行 | 失败{failed}次 | 预计剩余{eta}秒",
  },

  // --- commander's own errors (src/cli/commander-errors.ts): the English is commander's, byte for byte ---
  "commander.unknownOption": { en: "error: unknown option '{option}'", "zh-CN": "pointsim：未知选项“{option}”" },
  "commander.unknownCommand": { en: "error: unknown command '{command}'", "zh-CN": "pointsim：未知命令“{command}”" },
  "commander.missingArgument": { en: "error: missing required argument '{argument}'", "zh-CN": "pointsim：缺少必需的参数 {argument}" },
  "commander.optionMissingArgument": { en: "error: option '{option}' argument missing", "zh-CN": "pointsim：选项 {option} 缺少取值" },
  "commander.missingMandatoryOptionValue": {
    en: "error: required option '{option}' not specified",
    "zh-CN": "pointsim：缺少必需的选项 {option}",
  },
  "commander.excessArguments": {
    en: "error: too many arguments. Expected {expected} argument{plural} but got {got}.",
    "zh-CN": "pointsim：参数过多：应有{expected}个，实际有{got}个",
  },
  "commander.excessArgumentsFor": {
    en: "error: too many arguments for '{command}'. Expected {expected} argument{plural} but got {got}.",
    "zh-CN": "pointsim：命令 {command} 的参数过多：应有{expected}个，实际有{got}个",
  },
  "commander.invalidChoice": {
    en: "error: option '{option}' argument '{value}' is invalid. Allowed choices are {choices}.",
    "zh-CN": "pointsim：选项 {option} 的取值“{value}”无效，可选值为 {choices}",
  },
  "commander.didYouMean": { en: "(Did you mean {word}?)", "zh-CN": "（是否想输入 {word}？）" },
  "commander.didYouMeanOneOf": { en: "(Did you mean one of {words}?)", "zh-CN": "（是否想输入其中之一：{words}？）" },

  // --- a run's cost before it starts (src/scenario/estimate.ts; validate, run) ---
  "estimate.line": {
    en: 'estimated: up to {users} users, {userDays} M user-days, about {time} and {memory} (docs/performance.md, "What a run costs")',
    "zh-CN": "预计：最多{users}名用户，共{userDays}，约需{time}、内存{memory}（估算方法见 docs/performance.md）",
  },
  "estimate.long": {
    en: "this run may take about {time}; a smaller population.arrivals.marketSize or fewer days gives a quick first look",
    "zh-CN": "这次运行可能需要约{time}；调小 population.arrivals.marketSize 或减少天数，可以先快速看个大概",
  },
  "estimate.memory": {
    en: "it may need about {memory} of memory, more than 80% of this machine's {total}",
    "zh-CN": "它可能需要约{memory}内存，超过本机内存{total}的80%",
  },
  "estimate.validateWarning": { en: "{file}: warning: {warning}", "zh-CN": "{file}：警告：{warning}" },
  "estimate.runWarning": { en: "{file}: {warning}", "zh-CN": "{file}：{warning}" },

  // --- text values in a zh-CN folder's files, beside the English (fit.json methodZh, watch.json methodZh, boxes.json choiceZh) ---
  "file.fitMethod": {
    en: "population Monte Carlo draws from a synthetic likelihood of the targets, noise from the seeds (docs/fit.md)",
    "zh-CN": "用种群蒙特卡洛从拟合目标的合成似然中抽样，噪声来自各随机种子（docs/fit.md）",
  },
  "file.watchMethod": {
    en: "particles drawn from the fit's prior (flat over the parameters' box), each run over the last observed day + horizon, weighted at each day by the fit's synthetic likelihood of the observations up to that day; population Monte Carlo rounds while the effective sample size is below minEss × particles (at most rounds a day), every round pooled with deterministic-mixture weights and each drawn from a Gaussian fitted to the pool under the likelihood flattened to keep half a round effective; a step is reliable when its effective sample size is at least {floor}; interval: Wilson 90% on the effective sample size (docs/decide.md)",
    "zh-CN":
      "粒子从拟合的先验中抽取（在各参数范围构成的盒上均匀分布），每个粒子运行到最后一个观测日 + horizon，并在每一天按拟合对截至当天观测的合成似然加权；有效样本量低于 minEss × 粒子数时进行种群蒙特卡洛更新轮（每天至多 rounds 轮），每一轮以确定性混合权重与已有粒子合并，并从对合并粒子拟合的高斯分布中抽取，抽取时的似然经过平缓化，使有效的粒子保持半轮之数；有效样本量至少为{floor}的一步才算可靠；区间：按有效样本量计算的 Wilson 90%区间（docs/decide.md）",
  },
  "file.discChoiceDensest": {
    en: "the peeling step of highest density among those with coverage >= minCoverage",
    "zh-CN": "覆盖率 >= minCoverage 的剥离步骤中密度最高者",
  },
  "file.discChoiceWidest": {
    en: "the peeling step of highest coverage among those with density >= minDensity and coverage >= minCoverage",
    "zh-CN": "密度 >= minDensity 且覆盖率 >= minCoverage 的剥离步骤中覆盖率最高者",
  },

  // --- verify's findings (src/cli/verify.ts) ---
  "verify.madeBy": { en: "the run was made by pointsim {made}; this is {current}", "zh-CN": "这次运行由 pointsim {made} 生成；当前为 {current}" },
  "verify.model1": {
    en: "pointsim {version} drew its random numbers with model 1 (one sequential generator); from 0.2.0 draws are keyed by user, day and purpose (model 2, CHANGELOG.md), so a run with any randomness differs: reproduce it with pointsim {version} (npm install pointsim@{version})",
    "zh-CN":
      "pointsim {version} 用模型1（一个顺序的生成器）抽取随机数；自0.2.0起，随机数按用户、日期和用途分别抽取（模型2，见 CHANGELOG.md），所以带有随机性的运行都会不同：请用 pointsim {version} 重现它（npm install pointsim@{version}）",
  },
  "verify.madeWithNode": { en: "the run was made with Node {made}; this is {current}", "zh-CN": "这次运行用 Node {made} 生成；当前为 {current}" },
  "verify.incomplete": { en: "manifest.json: the run is marked incomplete", "zh-CN": "manifest.json：这次运行被标记为未完成" },
  "verify.scenarioSha": {
    en: "{path}: its sha256 {sha}… is not the manifest's scenarioFileSha256 {recorded}…",
    "zh-CN": "{path}：其 sha256 {sha}… 不是 manifest 所记的 scenarioFileSha256 {recorded}…",
  },
  "verify.scenarioDiffers": {
    en: "{path}: resolves to a different scenario than the manifest's resolvedScenario",
    "zh-CN": "{path}：解析出的情景与 manifest 的 resolvedScenario 不同",
  },
  "verify.seedDiffers": {
    en: "manifest.json: seed {seed} but the resolved scenario's seed is {resolved}",
    "zh-CN": "manifest.json：种子为 {seed}，但解析后情景的种子为 {resolved}",
  },
  "verify.notInManifest": { en: "{name}: in the folder but not in the manifest", "zh-CN": "{name}：在文件夹中，但不在 manifest 中" },
  "verify.notProduced": {
    en: "{name}: recorded in the manifest but not produced by the re-run (options {options})",
    "zh-CN": "{name}：manifest 中有记录，但重新运行没有产生它（选项 {options}）",
  },
  "verify.notRecorded": {
    en: "{name}: produced by the re-run (options {options}) but not recorded in the manifest",
    "zh-CN": "{name}：重新运行产生了它（选项 {options}），但 manifest 中没有记录",
  },
  "verify.shaDiffers": { en: "{name}: the re-run's sha256 differs from the manifest's", "zh-CN": "{name}：重新运行的 sha256 与 manifest 所记不同" },
  "verify.fileProblem": { en: "{name}: {problem}", "zh-CN": "{name}：{problem}" },
  "verify.differs": { en: "{name}: differs from the re-run, byte for byte{where}", "zh-CN": "{name}：与重新运行的结果不是逐字节相同{where}" },
  "verify.manifestDiffers": {
    en: "manifest.json: differs from the manifest the re-run writes{where}",
    "zh-CN": "manifest.json：与重新运行会写出的 manifest 不同{where}",
  },
  "verify.firstDifference": {
    en: "; first difference at line {line}:\n    recorded: {recorded}\n    re-run:   {rerun}",
    "zh-CN": "；第{line}行起不同：\n    记录的：  {recorded}\n    重新运行：{rerun}",
  },
  "verify.endOfFile": { en: "(end of file)", "zh-CN": "（文件结束）" },

  // --- a sweep's runs named in its gates' lines (src/sweep/outputs.ts) ---
  "cmd.sweep.run": { en: "run {index} (point {point}, seed {seed})", "zh-CN": "运行{index}（参数点{point}，种子 {seed}）" },
  "cmd.sweep.completes": { en: "the run completes", "zh-CN": "运行完成" },

  // --- the comments heading fitted.yaml and recommended.yaml (src/fit/fitted-yaml.ts, src/recommend/outputs.ts) ---
  "fitted.seedComment": {
    en: " the fit's first seed: `pointsim run` on this file gives the fit's run 0 with the fitted values",
    "zh-CN": " 拟合的第一个种子：对本文件执行 `pointsim run`，得到的就是拟合中取拟合值的第0次运行",
  },
  "fitted.by": {
    en: " Fitted by pointsim {version} (`pointsim fit {file}`) from {base}:",
    "zh-CN": " 由 pointsim {version} 拟合（`pointsim fit {file}`），基于 {base}：",
  },
  "fitted.error": {
    en: " error {error} (weighted RMS relative error over {targets} targets; docs/fit.md).",
    "zh-CN": " 拟合误差 {error}（{targets}个目标上的加权均方根相对误差；docs/fit.md）。",
  },
  "fitted.parameter": { en: "   {key}: {value} (90% interval {low} to {high}){warnings}", "zh-CN": "   {key}: {value}（90%区间 {low} 至 {high}）{warnings}" },
  "fitted.warning": { en: " ({warning})", "zh-CN": "（{warning}）" },
  "fitted.seed": {
    en: " seed: {seed}, the fit's first run's seed ({base} had {baseSeed}).",
    "zh-CN": " seed: {seed}，即拟合第一次运行的种子（{base} 中为 {baseSeed}）。",
  },
  "fitted.below": {
    en: " Below: {base} as written, its comments kept; the fit's `set` is not applied.",
    "zh-CN": " 以下为 {base} 的原文，保留其注释；未应用拟合的 `set`。",
  },
  "recommended.by": {
    en: " Recommended by pointsim {version} (`pointsim recommend {file}`) from {base}:",
    "zh-CN": " 由 pointsim {version} 推荐（`pointsim recommend {file}`），基于 {base}：",
  },
  "recommended.verified": {
    en: " Re-verified on {seeds} fresh seeds (docs/decide.md): {metric} mean {mean} ({confidence}% interval {low} to {high});",
    "zh-CN": " 已在{seeds}个新的随机种子上复核（docs/decide.md）：{metric} 均值 {mean}（{confidence}%区间 {low} 至 {high}）；",
  },
  "recommended.constraint": {
    en: "   {label}: {events} of {runs} runs, P ≤ {upper} (tolerance {max}, one-sided Clopper–Pearson at confidence {level})",
    "zh-CN": "   {label}：{runs}次运行中发生{events}次，P ≤ {upper}（容许值 {max}，置信度 {level} 的单侧 Clopper–Pearson 上界）",
  },
  "recommended.below": {
    en: " The spec's `set` is applied below; the rest is {base} as written.",
    "zh-CN": " 下面已应用推荐文件中的 `set`；其余为 {base} 的原文。",
  },
  "recommended.valueComment": { en: " recommended (range {from} to {to})", "zh-CN": " 推荐值（范围 {from} 至 {to}）" },

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
    "zh-CN":
      "{name}：每{every}天计算一次{horizon}天内崩盘的概率，至第{last}天，{particles}个粒子，{populations}代粒子群，{runs}次运行；{out}（watch.csv、watch.json、report.html）",
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
    en: 'warning: fewer than {floor} effective particles on day{plural} {days} after up to {rounds} refresh rounds: P there rests on a few particles; raise --particles or --rounds (docs/decide.md, "Early warning")',
    "zh-CN":
      "警告：经至多{rounds}轮更新后，第{days}天的有效粒子少于{floor}个：该处的概率只取决于少数粒子；请调高 --particles 或 --rounds（docs/decide.md，“Early warning”）",
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
  "cmd.disc.tree": {
    en: "tree (Gini, depth {depth}, leaves of at least {leaf} runs):",
    "zh-CN": "决策树（基尼系数，深度{depth}，每个叶节点至少{leaf}次运行）：",
  },
  "cmd.disc.leaf": { en: "  {rule}: {runs} runs, it holds in {share}", "zh-CN": "  {rule}：{runs}次运行，其中{share}条件成立" },
  "cmd.disc.files": { en: "{out} (boxes.csv, boxes.json, tree.json, rules.csv)", "zh-CN": "{out}（boxes.csv、boxes.json、tree.json、rules.csv）" },
  // A box and a leaf as rules (boxes.json's ruleZh, the terminal); the operators stay as written.
  "rule.when": { en: "{where} when {conditions}", "zh-CN": "当{conditions}时，{where}" },
  "rule.and": { en: " and ", "zh-CN": " 且 " },
  "rule.notIn": { en: "{parameter} not in ({values})", "zh-CN": "{parameter} 不属于（{values}）" },
  "rule.in": { en: "{parameter} in ({values})", "zh-CN": "{parameter} 属于（{values}）" },
  "rule.everyRun": { en: "every run", "zh-CN": "全部运行" },
  // --- fit's report.html (src/fit/report.ts) ---
  // The full stop after "pointsim 0.2.0" in the footer of the fit's, watch's and recommendation's report.html.
  "page.fullStop": { en: ".", "zh-CN": "。" },
  "fitPage.title": { en: "pointsim fit: {name}", "zh-CN": "pointsim 拟合：{name}" },
  "fitPage.h1": { en: "Fit {name}", "zh-CN": "拟合 {name}" },
  "fitPage.summary": {
    en: "Base scenario {base}. Error <b>{error}</b> (weighted root mean square of relative errors, docs/fit.md) at candidate {index} of {count}; {runs} runs on {seeds} seed{plural} per candidate; the search {stop}. The fitted scenario: fitted.yaml.",
    "zh-CN":
      "基础情景 {base}。误差 <b>{error}</b>（相对误差的加权均方根，docs/fit.md），出现在{count}个候选中的第{index}个；共{runs}次运行，每个候选{seeds}个随机种子；搜索{stop}。拟合后的情景：fitted.yaml。",
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
  // --- compare (src/cli/compare.ts) in Chinese: a summary's words as the report says them ---
  "compare.status.healthy": { en: "healthy", "zh-CN": "未崩盘" },
  "compare.status.stressed": { en: "stressed", "zh-CN": "承压" },
  "compare.status.collapsed": { en: "collapsed", "zh-CN": "崩盘" },
  "compare.true": { en: "true", "zh-CN": "是" },
  "compare.false": { en: "false", "zh-CN": "否" },
  "fitPage.seriesLabel": { en: "{column} (series)", "zh-CN": "{column}（逐日序列）" },
  "fitPage.days": { en: "{days} days", "zh-CN": "{days}天" },
  "fitPage.mean": { en: "mean {value}", "zh-CN": "均值 {value}" },
  "fitPage.rms": { en: "RMS {value}", "zh-CN": "均方根 {value}" },
  "fitPage.parameters": { en: "Parameters", "zh-CN": "参数" },
  "fitPage.parametersNote": {
    en: "Sharpness: how much the error rises when the parameter alone moves {step}% of its range either way from the fit (mean of both sides; under {flat} it is flagged). Near-best: the values of every candidate whose error is within 5% (+0.005) of the best. 90% interval: the central 90% of the value over the posterior draws (docs/fit.md, a synthetic likelihood whose noise comes from the seeds); the projection draws its parameters from them.",
    "zh-CN":
      "陡度：仅让该参数从拟合值向两侧各移动其范围的{step}%时误差上升多少（两侧的均值；低于{flat}即标记）。近最优值：误差在最佳值5%（+0.005）以内的所有候选的取值。90%区间：后验抽样中该值居中的90%（docs/fit.md，一种合成似然，其噪声来自各随机种子）；预测从中抽取参数。",
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
  "fitPage.noProjection": {
    en: "<p>No projection was asked for (project.seeds: 0).</p>",
    "zh-CN": "<p>未要求预测（project.seeds: 0，即预测不用任何随机种子）。</p>",
  },
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
    "zh-CN":
      "每个候选按运行顺序的误差（start：拉丁超立方；search：Nelder–Mead；profile：拟合值附近；posterior：为参数不确定性所作的抽样）。全部候选：fit.csv。",
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
    "zh-CN":
      "在每个截止日（每{every}天一个，直到最后一个观测日第{last}天），仅依据截至当天的观测，估计平台在当天之后{horizon}天内崩盘的概率：{particles}个粒子（拟合参数的抽样，每个运行{seeds}次），按拟合对这些观测的似然加权；共{populations}代粒子群（有效样本量低于粒子数的{minEss}时，在轮数预算内抽取一轮更新，并与之前各轮合并）。区间带：按有效样本量计算的 Wilson 90%区间，即模型之下估计的蒙特卡洛不确定性，而非模型本身的不确定性。{failure}{failed}",
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
    "zh-CN":
      "<b>没有参数设置被证明安全</b>并通过复核：{candidates}个候选中{safe}个通过筛选，{front}个经过复核，没有一个成立。请放宽范围、放松某个容许值，或调高 maxSeeds。",
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
    "zh-CN":
      "基础情景 {base}；{candidates}个候选（{design}，再沿至多{directions}个方向二分{refine}步），{runs}次运行。每个候选按每批{batch}个随机种子运行，至多{maxSeeds}个，直到每个约束在置信度{confidence}下的单侧 Clopper–Pearson 界证明其安全（上界不超过容许值），或某个约束证明其不安全（下界高于容许值）。前沿上的点在{verifySeeds}个新随机种子上重新运行，其界的置信度为 1 − {delta}（δ 分摊到{front}个前沿点和{constraints}个约束）：推荐的是其中成立者中最优的一个（docs/decide.md）。",
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
    "zh-CN":
      "<tr><th>排名</th><th>参数设置</th><th>目标（筛选）</th><th>风险</th><th>目标（新随机种子）</th><th>新随机种子上的事件数、上界</th><th>复核</th></tr>",
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
  // --- sweep's report.html (src/sweep/report.ts, src/sweep/what-if-page.ts) ---
  "sweepPage.title": { en: "pointsim sweep: {name}", "zh-CN": "pointsim 扫描：{name}" },
  "sweepPage.h1": { en: "Sweep {name}", "zh-CN": "扫描 {name}" },
  "sweepPage.base": { en: "base", "zh-CN": "基础情景" },
  // The flags of sensitivity.csv in the terminal's table (src/cli/sweep-table.ts), short; English prints the tokens.
  "sweep.table.flag.outside": { en: "outside-0-1", "zh-CN": "超出 [0, 1]" },
  "sweep.table.flag.s1AboveSt": { en: "s1-above-st", "zh-CN": "S1 高于 ST" },
  "sweep.table.flag.tooFew": { en: "too-few-samples:{kind}={count}", "zh-CN": "样本太少（{kind} = {count}）" },
  "sweepPage.flag.outside": {
    en: "outside [0, 1] beyond its interval: not a share of variance, unreliable",
    "zh-CN": "超出 [0, 1] 且超出其区间：不是方差占比，不可靠",
  },
  "sweepPage.flag.s1AboveSt": { en: "S1 above ST beyond sampling error: unreliable", "zh-CN": "S1 高于 ST 且超出抽样误差：不可靠" },
  "sweepPage.flag.fewN": {
    en: "interval wider than {wide}: too few samples; about N = {count} base samples give a {target}-wide interval",
    "zh-CN": "区间宽于{wide}：样本太少；约 N = {count} 个基础样本可使区间宽度为{target}",
  },
  "sweepPage.flag.fewR": {
    en: "interval wider than {wide} × the largest μ*: too few trajectories; about r = {count} make it {target} × the largest μ*",
    "zh-CN": "区间宽于最大 μ* 的{wide}倍：轨迹太少；约 r = {count} 条轨迹可使其为最大 μ* 的{target}倍",
  },
  "sweepPage.sizeN": { en: "N = {count} base samples", "zh-CN": "N = {count} 个基础样本" },
  "sweepPage.sizeR": { en: "r = {count} trajectories", "zh-CN": "r = {count} 条轨迹" },
  "sweepPage.impossible": {
    en: ", {count} of them as impossible beyond sampling error (do not use those)",
    "zh-CN": "，其中{count}个超出抽样误差、不可能成立（不要使用这些）",
  },
  "sweepPage.adviceMorris": {
    en: " For every μ* interval to be {target} × the largest μ* wide, run about r = {wanted} instead.",
    "zh-CN": "若要每个 μ* 区间宽度为最大 μ* 的{target}倍，请改用约 r = {wanted}。",
  },
  "sweepPage.adviceSobol": {
    en: " For every interval to be {target} wide, run about N = {wanted} instead.",
    "zh-CN": "若要每个区间宽度为{target}，请改用约 N = {wanted}。",
  },
  "sweepPage.flagged": {
    en: "At {size} {meaning}.",
    "zh-CN": "在{size}下，{meaning}。",
  },
  "sweepPage.flaggedCount": {
    en: '{flagged} of {total} indices are flagged (the "flag" column below and in sensitivity.csv){impossible}. ',
    "zh-CN": "{total}个指数中有{flagged}个被标记（见下表及 sensitivity.csv 的“flag”列）{impossible}。",
  },
  "sweepPage.flaggedSobol": {
    en: "the flagged indices rank the parameters roughly; they do not measure shares of variance",
    "zh-CN": "被标记的指数只能粗略地给参数排序，不能度量方差占比",
  },
  "sweepPage.flaggedMorris": { en: "the flagged μ* do not rank the parameters reliably", "zh-CN": "被标记的 μ* 不能可靠地给参数排序" },
  "sweepPage.sensitivityHeader": {
    en: "<tr><th>metric</th><th>parameter</th><th>index</th><th>value</th><th>low</th><th>high</th><th>flag</th></tr>",
    "zh-CN": "<tr><th>指标</th><th>参数</th><th>指数</th><th>值</th><th>下限</th><th>上限</th><th>标记</th></tr>",
  },
  "sweepPage.flagJoin": { en: "; ", "zh-CN": "；" },
  "sweepPage.sobolWords": {
    en: "Total-order index ST (bar: the share of the metric's variance that involves the parameter, alone or with others) and first-order S1 (diamond: its share alone), with their bootstrap intervals; a parameter whose ST interval reaches 0 may not matter.",
    "zh-CN":
      "总效应指数 ST（条形：指标方差中与该参数有关的部分所占比例，无论单独还是与其他参数交互）和一阶指数 S1（菱形：其单独所占比例），以及它们的自助法区间；ST 区间触及0的参数可能无关紧要。",
  },
  "sweepPage.morrisWords": {
    en: "μ* (bar: the mean absolute change of the metric when the parameter moves over its whole range) and σ (diamond: how much that change varies, from interactions or curvature), with their bootstrap intervals.",
    "zh-CN": "μ*（条形：参数在整个范围内变动时指标的平均绝对变化）和 σ（菱形：这一变化因交互作用或曲率而产生的波动），以及它们的自助法区间。",
  },
  "sweepPage.intro": {
    en: "Base scenario {base}; method {method}; {points} points × {seeds} seeds = {runs} runs{failed}.{charts} A run that did not collapse counts as collapsing the day after its horizon.",
    "zh-CN": "基础情景 {base}；方法 {method}；{points}个参数点 × {seeds}个随机种子 = {runs}次运行{failed}。{charts}未崩盘的运行按在模拟期后一天崩盘计。",
  },
  "sweepPage.failed": { en: ", <b>{count} failed</b>", "zh-CN": "，<b>{count}次失败</b>" },
  "sweepPage.firstPoints": {
    en: " Charts show the first {count} points; points.csv has them all.",
    "zh-CN": "图中只显示前{count}个参数点；points.csv 中有全部参数点。",
  },
  "sweepPage.collapseHeading": { en: "Collapse day over the swept values", "zh-CN": "各扫描取值下的崩盘日" },
  "sweepPage.collapseNote": {
    en: "Each point's median collapse day over its seeds (diamond) and the P5 to P95 interval (bar). A run that did not collapse counts as the day after its horizon.",
    "zh-CN": "每个参数点在各随机种子上的崩盘日中位数（菱形）及 P5 至 P95 区间（条形）。未崩盘的运行按模拟期后一天计。",
  },
  "sweepPage.collapseHover": {
    en: " Hover a point for its parameters; click it to open one of its runs in the what-if below.",
    "zh-CN": "把鼠标悬停在参数点上可看其参数；点击可在下方的假设分析中打开它的一次运行。",
  },
  "sweepPage.heatHeading": { en: "Mean collapse day: {rows} (rows) × {columns} (columns)", "zh-CN": "平均崩盘日：{rows}（行）× {columns}（列）" },
  "sweepPage.heatLegend": { en: "Legend, mean collapse day: ", "zh-CN": "图例，平均崩盘日：" },
  "sweepPage.heatLegendEnd": { en: " (red: collapses early; green: late or never)", "zh-CN": "（红色：崩盘早；绿色：崩盘晚或未崩盘）" },
  "sweepPage.oatHeading": { en: "Sensitivity (one at a time): swing of the mean collapse day", "zh-CN": "敏感性（逐个变动）：平均崩盘日的摆幅" },
  "sweepPage.globalHeading": { en: "Global sensitivity ({method})", "zh-CN": "全局敏感性（{method}）" },
  "sweepPage.sobol": { en: "Sobol indices", "zh-CN": "Sobol 指数" },
  "sweepPage.morris": { en: "Morris elementary effects", "zh-CN": "Morris 基本效应" },
  "sweepPage.globalNote": {
    en: "{words} Ranked per metric; {confidence}% percentile bootstrap intervals over {resamples} resamples. Every point ran on the same {seeds} seed{plural} (common random numbers). The numbers: sensitivity.csv.",
    "zh-CN":
      "{words}按指标分别排序；{confidence}%百分位自助法区间，基于{resamples}次重抽样。每个参数点都在同样的{seeds}个随机种子上运行（公共随机数）。数值见 sensitivity.csv。",
  },
  "sweepPage.bandsHeading": { en: "Monte Carlo bands (P5, median, P95 over seeds)", "zh-CN": "蒙特卡洛区间带（各随机种子上的 P5、中位数、P95）" },
  "sweepPage.bandTitle": { en: "{label}: liabilities and platform cash", "zh-CN": "{label}：负债与平台现金" },
  "sweepPage.bandsFirst": { en: "<p>Bands shown for the first {count} points.</p>", "zh-CN": "<p>只显示前{count}个参数点的区间带。</p>" },
  "sweepPage.footer": { en: "pointsim {version}. Full numbers: points.csv and runs.csv.", "zh-CN": "pointsim {version}。完整数值：points.csv 和 runs.csv。" },
  "sweepPage.js.na": { en: "n/a", "zh-CN": "无" },
  "sweepPage.js.point": { en: "point {point}", "zh-CN": "参数点 {point}" },
  "sweepPage.js.collapseLine": {
    en: "collapse day: median {median}, P5-P95 {low} to {high}",
    "zh-CN": "崩盘日：中位数 {median}，P5-P95 为 {low} 至 {high}",
  },
  "sweepPage.js.collapsedLine": { en: "runs that collapsed: {share} of {runs}{failed}", "zh-CN": "崩盘的运行：{runs}次中占{share}{failed}" },
  "sweepPage.js.failedPart": { en: " ({failed} failed)", "zh-CN": "（{failed}次失败）" },
  "sweepPage.js.losingLine": { en: "paying users losing: mean {mean}", "zh-CN": "亏损的付费用户：均值 {mean}" },
  "sweepPage.js.click": { en: "click: open a run of this point in the what-if", "zh-CN": "点击：在假设分析中打开该参数点的一次运行" },
  "sweepPage.js.p5p95": { en: "P5 to P95 over seeds", "zh-CN": "各随机种子上的 P5 至 P95" },
  "sweepPage.js.median": { en: "median", "zh-CN": "中位数" },
  "sweepPage.js.collapseDay": { en: "collapse day", "zh-CN": "崩盘日" },
  "sweepPage.js.meanLowHigh": { en: "mean collapse day (low to high)", "zh-CN": "平均崩盘日（从低到高）" },
  "sweepPage.js.meanCollapse": { en: "mean collapse day", "zh-CN": "平均崩盘日" },
  "sweepPage.js.parameter": { en: "parameter", "zh-CN": "参数" },
  "sweepPage.js.interval": { en: "{index} interval", "zh-CN": "{index} 区间" },
  "sweepPage.js.liabilitiesP95": { en: "liabilities P95", "zh-CN": "负债 P95" },
  "sweepPage.js.liabilitiesMedian": { en: "liabilities median", "zh-CN": "负债中位数" },
  "sweepPage.js.liabilitiesP5": { en: "liabilities P5", "zh-CN": "负债 P5" },
  "sweepPage.js.cashP95": { en: "cash P95", "zh-CN": "现金 P95" },
  "sweepPage.js.cashMedian": { en: "cash median", "zh-CN": "现金中位数" },
  "sweepPage.js.cashP5": { en: "cash P5", "zh-CN": "现金 P5" },
  "sweepPage.js.yuan": { en: "yuan", "zh-CN": "元" },
  "sweepWhatIf.pick": {
    en: "Click a point on the collapse-day chart (or a cell of the heat map) to open one of its runs here.",
    "zh-CN": "点击崩盘日图上的参数点（或热力图的单元格），即可在此打开它的一次运行。",
  },
  "sweepWhatIf.runOfPoint": { en: "run of this point", "zh-CN": "该参数点的运行" },
  "sweepWhatIf.theRun": { en: "the run", "zh-CN": "该次运行" },
  "sweepWhatIf.intro": {
    en: "Open a run of any point, change the parameters that matter and run it again, here in the page.",
    "zh-CN": "打开任一参数点的一次运行，修改要紧的参数，直接在本页中重新运行。",
  },
  "sweepWhatIf.chart": { en: "The opened run (solid) and the what-if (dashed)", "zh-CN": "打开的运行（实线）与假设分析（虚线）" },
  "sweepWhatIf.js.whatIf": { en: "what if: {column}", "zh-CN": "假设分析：{column}" },
  "sweepWhatIf.js.pointLabel": { en: "Point {point}: {label}.", "zh-CN": "参数点 {point}：{label}。" },
  "sweepWhatIf.js.invalid": { en: "This point's scenario is invalid, so its runs failed: {problem}", "zh-CN": "该参数点的情景无效，因此其运行失败：{problem}" },
  "sweepWhatIf.js.noRun": { en: "No run of this point finished.", "zh-CN": "该参数点没有完成的运行。" },
  "sweepWhatIf.js.option": {
    en: "run {run}, seed {seed}, collapse day {day}",
    "zh-CN": "运行 {run}，随机种子 {seed}，崩盘日 {day}",
  },
  "sweepWhatIf.js.none": { en: "none", "zh-CN": "无" },
  "sweepWhatIf.js.rerunLabel": { en: "run {run} (re-run here)", "zh-CN": "运行 {run}（在本页重新运行）" },
  "sweepWhatIf.js.origin": { en: "pointsim sweep {name}, point {point}, run {run}", "zh-CN": "pointsim 扫描 {name}，参数点 {point}，运行 {run}" },
  "sweepWhatIf.js.title": { en: "Point {point} ({label}), run {run}, seed {seed}.", "zh-CN": "参数点 {point}（{label}），运行 {run}，随机种子 {seed}。" },
  "sweepWhatIf.js.rerunning": { en: "re-running run {run} as the sweep ran it", "zh-CN": "正按扫描时的方式重新运行第{run}次运行" },
  "sweepWhatIf.js.rerunningShort": { en: "Re-running run {run}…", "zh-CN": "正在重新运行第{run}次运行…" },
  "sweepWhatIf.js.couldNot": {
    en: "Run {run} could not be re-run in the page (see above); its scenario is below.",
    "zh-CN": "第{run}次运行无法在本页重新运行（见上文）；其情景见下。",
  },
  "sweepWhatIf.js.runName": { en: "run {run}", "zh-CN": "运行 {run}" },
  "sweepWhatIf.js.check": {
    en: "Re-run here in {ms} ms: collapse day {day}, paying users losing {share}; the sweep recorded {recordedDay} and {recordedShare}{verdict} Change the parameters and run the what-if.",
    "zh-CN":
      "已在本页重新运行，用时{ms}毫秒：崩盘日 {day}，亏损的付费用户 {share}；扫描记录的是 {recordedDay} 和 {recordedShare}{verdict}修改参数后即可运行假设分析。",
  },
  "sweepWhatIf.js.identical": { en: ": identical.", "zh-CN": "：完全一致。" },
  "sweepWhatIf.js.different": { en: ": DIFFERENT (please report this).", "zh-CN": "：不一致（请报告此问题）。" },
  "sweepWhatIf.js.rerunDone": { en: "run {run} re-run", "zh-CN": "第{run}次运行已重新运行" },
  // --- the sweep report's scenario discovery (src/discover/sweep-section.ts) ---
  "discPage.heading": { en: "Scenario discovery: where {where}", "zh-CN": "情景发现：{where} 成立之处" },
  "discPage.cannot": { en: "<p>The condition could not be evaluated: {problem}.</p>", "zh-CN": "<p>无法计算该条件：{problem}。</p>" },
  "discPage.nothing": {
    en: "<p>It holds for {which} of the {count} completed runs: there is nothing to tell apart.</p>",
    "zh-CN": "<p>它在{count}次已完成的运行中{which}成立：没有可区分的。</p>",
  },
  "discPage.none": { en: "none", "zh-CN": "都不" },
  "discPage.all": { en: "all", "zh-CN": "全部" },
  "discPage.box": { en: "Box {box}: {rule}", "zh-CN": "盒{box}：{rule}" },
  "discPage.boxFigures": {
    en: "{runs} runs; it holds in {density} of them (density); they are {coverage} of the runs where it holds{outside} (coverage); {mass} of the runs (mass).",
    "zh-CN": "{runs}次运行；其中{density}条件成立（密度）；它们占条件成立的运行{outside}的{coverage}（覆盖率）；占全部运行的{mass}（质量）。",
  },
  "discPage.boxHeader": {
    en: "<tr><th>parameter</th><th>edge</th><th>value</th><th>{confidence}% interval</th><th>in resamples</th><th>quasi-p</th></tr>",
    "zh-CN": "<tr><th>参数</th><th>边界</th><th>值</th><th>{confidence}%区间</th><th>重抽样中保留</th><th>拟p值</th></tr>",
  },
  "discPage.notIn": { en: "not in", "zh-CN": "不属于" },
  "discPage.range": { en: "{low} to {high}", "zh-CN": "{low} 至 {high}" },
  "discPage.tree": {
    en: "<h3>Classification tree (Gini, depth {depth})</h3>",
    "zh-CN": "<h3>分类决策树（基尼系数，深度{depth}）</h3>",
  },
  "discPage.treeHeader": {
    en: "<tr><th>leaf</th><th>runs</th><th>it holds in</th></tr>",
    "zh-CN": "<tr><th>叶节点</th><th>运行数</th><th>条件成立的比例</th></tr>",
  },
  "discPage.densest": { en: "the densest step with coverage &ge; {value}", "zh-CN": "覆盖率 &ge; {value} 的步骤中密度最高者" },
  "discPage.widest": { en: "the step of highest coverage with density &ge; {value}", "zh-CN": "密度 &ge; {value} 的步骤中覆盖率最高者" },
  "discPage.intro": {
    en: "It holds for {cases} of {count} completed runs ({share}). PRIM boxes (peeling alpha {alpha}, {choice}; edges with a quasi-p-value above {maxP} dropped; intervals over {resamples} bootstrap resamples of the runs) and a tree; what they assume and where they mislead: docs/decide.md. <code>pointsim discover</code> writes the numbers as CSV and JSON.",
    "zh-CN":
      "它在{count}次已完成的运行中有{cases}次成立（{share}）。PRIM 盒（剥离比例 alpha {alpha}，取{choice}；拟p值高于{maxP}的边界已去掉；区间基于对运行的{resamples}次自助重抽样）和一棵决策树；它们的假设及可能误导之处：docs/decide.md。<code>pointsim discover</code> 把数值写成 CSV 和 JSON。",
  },
  "discPage.noBox": {
    en: "<p>No box: no peeling step meets the choice rule with an edge that holds up.</p>",
    "zh-CN": "<p>没有盒：没有哪一步剥离既满足选取规则、又有站得住的边界。</p>",
  },
} as const satisfies Record<string, Record<Lang, string>>;
