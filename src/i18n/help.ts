import type { Lang } from "./lang.js";

/**
 * The help text of every command (src/cli/main.ts) in Chinese, keyed by its English: commander
 * prints the English as written there, so the English stays where a reader of main.ts sees it.
 * test/i18n.test.ts prints every command's help in Chinese and fails on any English sentence
 * left in it, so a new option without its Chinese here fails the tests.
 */
const HELP_ZH: Readonly<Record<string, string>> = {
  "choose settings proved safe over seeds and best on an objective; the front re-verified on fresh seeds (docs/decide.md)":
    "选出在多个随机种子上被证明安全、且目标最优的参数设置；前沿在新种子上复核（docs/decide.md）",
  "choose settings that keep each constraint's chance within its tolerance, proved with exact bounds over seeds, best on an objective; writes recommended.yaml, the front of objective against risk re-verified on fresh seeds, candidates.csv and a report; resumable":
    "选出使每个约束的发生概率不超过其容许值的参数设置（以多个随机种子上的精确界证明），并在目标上最优；写出 recommended.yaml、在新种子上复核的目标—风险前沿、candidates.csv 和报告；可续跑",
  "recommend file (YAML or JSON): base scenario, parameters with ranges, constraints, objective":
    "推荐文件（YAML 或 JSON）：基础情景、带范围的参数、约束、目标",
  "recommend folder (default: reports/<name>); running again on it resumes": "推荐结果文件夹（默认：reports/<name>）；对它再次运行即续跑",
  "replace --out if it holds a different recommendation": "若 --out 中是另一次推荐，则替换它",
  'exit 1 if this expression over the recommendation\'s figures is true, e.g. "objective < 0" (repeatable)':
    '若此基于推荐结果数字的表达式为真，则以退出码 1 结束，例如 "objective < 0"（可重复）',
  "print recommend.json to stdout": "向标准输出打印 recommend.json",
  "early warning: at every --every days of a fit's observed series, the probability of collapse within --horizon days from the days so far, its interval and the alarm's lead time; writes watch.csv, watch.json and a report":
    "预警：在拟合观测序列中每隔 --every 天，依据截至当天的数据，给出 --horizon 天内崩盘的概率、其区间以及警报的提前量；写出 watch.csv、watch.json 和报告",
  "fit file (YAML or JSON) with an observed series target": "含观测序列目标的拟合文件（YAML 或 JSON）",
  "days between cut-offs (default 7)": "两个截止日之间的天数（默认：7）",
  "collapse within this many days of each cut-off (default 365)": "每个截止日之后此天数内的崩盘（默认：365）",
  "parameter draws (default 100 per fitted parameter)": "参数抽样个数（默认每个拟合参数 100 个）",
  "alarm level, a probability (repeatable; default 0.5 and 0.9)": "警报阈值，一个概率（可重复；默认：0.5 和 0.9）",
  "refresh the particles when their effective size falls below this share (default 0.25)": "当粒子的有效样本量低于此比例时更新粒子（默认：0.25）",
  "most refresh rounds at one cut-off day, each of --particles new particles (default 8)": "每个截止日最多更新的轮数，每轮新增 --particles 个粒子（默认：8）",
  "the day the platform is known to have failed: lead times are counted to it": "已知平台失败的日期：提前量计算到这一天",
  "watch folder (default: reports/<name>-watch)": "预警结果文件夹（默认：reports/<name>-watch）",
  "replace --out if it holds an earlier watch": "若 --out 中已有之前的预警结果，则替换它",
  'exit 1 if this expression over the watch\'s figures is true, e.g. "alarmDay > 60" (repeatable)':
    '若此基于预警结果数字的表达式为真，则以退出码 1 结束，例如 "alarmDay > 60"（可重复）',
  "print watch.json to stdout": "向标准输出打印 watch.json",
  "threads that share the per-user phases (default: the machine's cores); the outputs are the same for any number":
    "分担逐用户阶段的线程数（默认：本机核心数）；线程数不同，输出完全相同",
  "scenario discovery on a sweep: where in parameter space a condition holds, as PRIM boxes and a CART tree written as rules":
    "对一次扫描做情景发现：条件在参数空间的哪些区域成立，以 PRIM 盒与 CART 决策树写成规则",
  "a sweep folder (runs.csv, manifest.json)": "扫描结果文件夹（runs.csv、manifest.json）",
  'the condition a run is a case of interest for, over runs.csv\'s columns, e.g. "collapseDay <= 365"':
    '判定一次运行为关注情形的条件，基于 runs.csv 的列，例如 "collapseDay <= 365"',
  "discovery folder (default: the sweep folder's name + -discover, beside it)": "情景发现的输出文件夹（默认：扫描文件夹名加 -discover，与之并列）",
  "replace --out if it holds an earlier discovery": "若 --out 中已有之前的情景发现结果，则替换它",
  "share of the box peeled at each step (default 0.05)": "每一步剥离的盒内比例（默认：0.05）",
  "smallest share of the runs a box may hold (default 0.05)": "一个盒至少须包含的运行比例（默认：0.05）",
  "choose among peeling steps with at least this coverage (default 0.5)": "只在覆盖率不低于此值的剥离步骤中选择（默认：0.5）",
  "choose the step of highest coverage with at least this density": "在密度不低于此值的步骤中选覆盖率最高者",
  "widen the chosen box again where that raises its density": "在能提高密度之处把选定的盒重新放宽（粘贴）",
  "drop a restriction whose quasi-p-value is above this (default 0.05)": "去掉拟 p 值高于此值的限制（默认：0.05）",
  "most boxes found by covering (default 2)": "以覆盖法找出的盒的最大个数（默认：2）",
  "resamples for the 90% intervals on the thresholds (default 200; 0: none)": "阈值 90% 区间的重抽样次数（默认：200；0 表示不计算）",
  "seed of the resamples (default: the sweep's)": "重抽样的随机种子（默认：沿用扫描的种子）",
  "the tree's depth (default 3)": "决策树的深度（默认：3）",
  "fewest runs in a tree leaf (default 5)": "决策树每个叶节点至少包含的运行数（默认：5）",
  "Stress-test points-economy business models day by day, exact to the fen.": "逐日压力测试积分经济商业模式，精确到分。",
  "run a scenario and write its folder (timeseries, summary, outcomes, report, manifest)": "运行一个情景并写出其结果文件夹（逐日数据、摘要、结果、报告、清单）",
  "run a scenario and write its folder: timeseries.csv (one row a day), summary.json (the verdict, collapse, who loses), outcomes.csv (by join cohort), report.html (charts, offline), scenario.resolved.json, manifest.json (versions and sha256 of every file; verify re-runs it), and with --journal journal.csv":
    "运行一个情景并写出其结果文件夹：timeseries.csv（每天一行）、summary.json（结论、崩盘、谁亏损）、outcomes.csv（按加入批次）、report.html（图表，可离线打开）、scenario.resolved.json、manifest.json（各文件的版本与 sha256；verify 据此重新运行），加 --journal 时另有 journal.csv",
  "check a scenario file without running it; lists every problem": "检查情景文件而不运行；列出全部问题",
  "re-run a run folder's recorded scenario and seed, and check every output is byte-identical (exit 1 if not)":
    "按结果文件夹记录的情景和种子重新运行，逐字节核对每个输出是否一致（不一致时退出码为 1）",
  "run a base scenario over varied parameters and Monte Carlo seeds, on all cores; resumable and shardable":
    "在所有处理器核心上，以不同参数和蒙特卡洛种子运行基础情景；可续跑，可分片",
  "fit a scenario's unknown parameters to observed figures and daily series; writes the fitted scenario, fit.csv of every candidate and a report with the projection":
    "用观测到的数字和逐日序列拟合情景中的未知参数；写出拟合后的情景、包含每个候选的 fit.csv 以及带预测的报告",
  "combine shard folders of one sweep into the files a whole sweep writes": "把同一扫描的各分片文件夹合并为完整扫描的文件",
  "before any run: what one order of each product promises (yuan, days) against what the platform earns from it":
    "不运行模拟：每种产品的一笔订单承诺了什么（元、天数），对比平台从中赚到多少",
  "two runs side by side: their scenarios' differences and key indicators": "并排比较两次运行：情景的差异与关键指标",
  "write a commented starter scenario to edit": "写出一个带注释的入门情景，供修改",
  "scenario file (YAML or JSON)": "情景文件（YAML 或 JSON）",
  "override the scenario's seed": "覆盖情景中的种子",
  "output folder (default: reports/<name>-seed<seed>, or a fresh name if taken)": "输出文件夹（默认：reports/<name>-seed<seed>，已被占用时另取新名）",
  "replace --out if it already holds a run": "若 --out 中已有一次运行，则替换它",
  "also write journal.csv: every day's money movements by (from, to, reason), in fen": "另写 journal.csv：按（来源、去向、原因）列出每天的资金流动，单位为分",
  "start every CSV with a UTF-8 byte-order mark, so Excel and WPS read Chinese text (recorded; verify redoes it)":
    "每个 CSV 以 UTF-8 字节顺序标记（BOM）开头，使 Excel 和 WPS 正确显示中文（记入清单；verify 会照做）",
  "print nothing on success": "成功时不输出任何内容",
  "print summary.json to stdout instead of the summary": "向标准输出打印 summary.json，而不是摘要",
  "exit 1 if this expression over summary metrics is true (repeatable)": "若此摘要指标表达式为真，则以退出码 1 结束（可重复）",
  "write the gates' results as JUnit XML": "把检查结果写成 JUnit XML",
  "print nothing when valid": "有效时不输出任何内容",
  "a run folder holding manifest.json": "含有 manifest.json 的结果文件夹",
  "also check that this scenario file is the one the run was made from (its sha256 and resolved content)":
    "同时核对此情景文件就是该次运行所用的文件（其 sha256 和解析后的内容）",
  "print only differences and warnings": "只输出差异和警告",
  "sweep file (YAML or JSON): base scenario, parameters, seeds, assertions": "扫描文件（YAML 或 JSON）：基础情景、参数、种子、断言",
  "worker threads (default: the machine's cores)": "工作线程数（默认：本机核心数）",
  "run only the k-th of n deterministic slices of the runs": "只运行按确定方式分成 n 片后的第 k 片",
  "sweep folder (default: reports/<name>); running again on it resumes": "扫描文件夹（默认：reports/<name>）；再次运行即续跑",
  "grid, random, lhs, oat, morris or sobol (overrides the file)": "抽样方法：grid、random、lhs、oat、morris 或 sobol（覆盖文件中的设置）",
  "also keep each run's timeseries.csv under series/": "另在 series/ 下保留每次运行的 timeseries.csv",
  "reuse a folder that holds a different sweep": "重用存有另一扫描的文件夹",
  "exit 1 if this expression is true for any run (repeatable)": "若任一次运行使此表达式为真，则以退出码 1 结束（可重复）",
  "write every gate of every run as JUnit XML": "把每次运行的每项检查写成 JUnit XML",
  "print nothing but failures": "只输出失败",
  "fit file (YAML or JSON): base scenario, parameters with ranges, targets": "拟合文件（YAML 或 JSON）：基础情景、带取值范围的参数、目标",
  "fit folder (default: reports/<name>)": "拟合文件夹（默认：reports/<name>）",
  "replace --out if it holds an earlier fit": "若 --out 中有先前的拟合，则替换它",
  'exit 1 if this expression over the fit\'s figures is true, e.g. "error > 0.1" (repeatable)':
    '若此拟合数字表达式为真（例如 "error > 0.1"），则以退出码 1 结束（可重复）',
  "print fit.json to stdout": "向标准输出打印 fit.json",
  "shard folders": "分片文件夹",
  "where to write the merged sweep (required)": "合并后扫描的写出位置（必填）",
  "print the explanation as JSON (amounts in fen)": "以 JSON 打印说明（金额单位为分）",
  "a run folder": "一个结果文件夹",
  "another run folder": "另一个结果文件夹",
  "print the comparison as JSON": "以 JSON 打印比较结果",
  "where to write it": "写出位置",
  "overwrite the file if it exists": "文件已存在时覆盖",
  "never show a progress bar": "从不显示进度条",
  "output the version number": "输出版本号",
  "display help for command": "显示命令的帮助",
  "language of the files and of the terminal: en or zh-CN (简体中文)": "文件和终端的语言：en 或 zh-CN（简体中文）",
};

/** The help text in a language: Chinese from the table, the English itself when English (or when the table lacks it: the test then fails). */
export function helpText(lang: Lang): (en: string) => string {
  return (en) => (lang === "zh-CN" ? (HELP_ZH[en] ?? en) : en);
}
