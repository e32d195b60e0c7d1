import type { ErrorCode } from "yaml";
import type { Lang } from "./lang.js";

/**
 * What a validation problem expected and found, in each language pointsim speaks (the path of a
 * problem stays as it is). A check builds its problem from a key here and its parameters
 * (src/scenario/problem.ts `words`), never from a sentence of its own, so a problem cannot lack
 * its Chinese. The English is what pointsim printed before, byte for byte (test/validation.test.ts
 * and the hostile-input tests hold it). Parameters in braces name the same values in both
 * languages; `{plural}` ("s" unless `{count}` is 1) is English grammar only. Terms follow
 * docs/glossary.md; test/validation-messages.test.ts checks all of this.
 */
export const VALIDATION_MESSAGES = {
  // --- Files read as input (src/scenario/read.ts): "the file {problem}"; in Chinese a noun phrase after 实际为 ---
  "file.isFolder": { en: "is a folder, not a file", "zh-CN": "文件夹，而不是文件" },
  "file.isLink": { en: "is a symbolic link, not a file pointsim wrote", "zh-CN": "符号链接，而不是 pointsim 写出的文件" },
  "file.notRegular": { en: "is not a regular file (a device, FIFO or socket)", "zh-CN": "非普通文件（设备、FIFO 或套接字）" },
  "file.missing": { en: "is missing", "zh-CN": "不存在的文件" },
  "file.denied": { en: "cannot be read (permission denied)", "zh-CN": "无法读取的文件（没有权限）" },
  "file.unreadable": { en: "cannot be read ({code})", "zh-CN": "无法读取的文件（{code}）" },
  "file.tooLarge": { en: "is larger than {max} bytes", "zh-CN": "大于{max}字节的文件" },
  "found.theFile": { en: "the file {problem}", "zh-CN": "{problem}" },
  "found.notUtf8": { en: "bytes that are not valid UTF-8", "zh-CN": "不是有效 UTF-8 的字节" },
  "found.notJson": { en: "text that is not valid JSON", "zh-CN": "不是有效 JSON 的文本" },
  "found.notJsonAt": { en: "text that is not valid JSON (at character {position})", "zh-CN": "不是有效 JSON 的文本（第{position}个字符处）" },
  "found.tooManyValues": { en: "more than {max} values", "zh-CN": "超过{max}个值" },
  "found.tooDeep": { en: "nesting deeper than {max} levels", "zh-CN": "嵌套超过{max}个层级" },

  // --- A problem's path with a note on where it arose (src/fit/spec.ts, src/recommend/spec.ts, src/watch/run.ts) ---
  "path.atRangeEnd": {
    en: "{path} (with every parameter at the {end} end of its range)",
    "zh-CN": "{path}（每个参数都取其范围的 {end} 端时）",
  },
  "path.lineColumn": { en: "line {line}, column {column}", "zh-CN": "第{line}行第{column}列" },
  "path.watchHorizon": {
    en: "{path} (the fit's scenario over {days} days: the last observed day + --horizon)",
    "zh-CN": "{path}（拟合的情景共{days}天：最后一个观测日 + --horizon）",
  },

  // --- Gate expressions (src/gates/expression.ts): an ExpressionError's words ---
  "found.inExpression": { en: '{reason} in "{expression}"', "zh-CN": "表达式“{expression}”中：{reason}" },
  "expression.tooLong": { en: "expression longer than {max} characters", "zh-CN": "表达式超过{max}个字符" },
  "expression.control": { en: "a control character (U+{code}) at column {column}", "zh-CN": "第{column}列有控制字符（U+{code}）" },
  "expression.unexpected": { en: 'unexpected "{text}" at column {column}', "zh-CN": "第{column}列出现意外的“{text}”" },
  "expression.misplaced": { en: '"{text}" at column {column} where {what} should be', "zh-CN": "第{column}列应为{what}，却是“{text}”" },
  "expression.earlyEnd": { en: "the end where {what} should be", "zh-CN": "应为{what}处表达式已结束" },
  "expression.value": { en: "a value", "zh-CN": "一个值" },
  "expression.closing": { en: '")"', "zh-CN": "“)”" },
  "expression.end": { en: "the end of the expression", "zh-CN": "表达式结尾" },
  "expression.tooDeep": { en: "nesting deeper than {max}", "zh-CN": "嵌套超过{max}层" },
  "expression.notBoolean": { en: "the expression gives {value}, not true or false", "zh-CN": "表达式的结果是{value}，不是 true 或 false" },
  "expression.unknownMetric": { en: 'unknown metric "{name}"', "zh-CN": "未知指标“{name}”" },
  "expression.metricType": { en: 'metric "{name}" is not a number, text, boolean or null', "zh-CN": "指标“{name}”不是数、文本、布尔值或 null" },
  "expression.needsBoolean": { en: '"{op}" needs true or false, found {value}', "zh-CN": "“{op}”需要 true 或 false，实际为{value}" },

  // --- Key paths into a scenario (src/engine/paths.ts, src/engine/changes.ts): a PathError's words ---
  "path.where": { en: 'path "{path}"', "zh-CN": "路径“{path}”" },
  "path.malformed": { en: 'malformed path "{path}"', "zh-CN": "路径“{path}”格式不对" },
  "path.reserved": { en: 'path "{path}" uses the reserved key "{part}"', "zh-CN": "路径“{path}”用了保留键“{part}”" },
  "path.pastEnd": { en: "{where}: index {index} is past the end of a list of {length}", "zh-CN": "{where}：索引{index}超出了含{length}项的列表" },
  "path.noItem": { en: '{where}: no item with id or name "{part}"', "zh-CN": "{where}：没有 id 或 name 为“{part}”的项" },
  "path.throughValue": { en: 'path "{path}" goes through a value that is not a mapping or list', "zh-CN": "路径“{path}”经过的值不是映射或列表" },
  "path.noKey": { en: '{where}: no key "{part}"', "zh-CN": "{where}：没有键“{part}”" },

  // --- The scenario schema's own rules (src/scenario/validate.ts) ---
  "expected.schemaRule": { en: "{message}", "zh-CN": "符合情景结构的规则（{message}）" },
  "expected.ascending": { en: "more than the previous item's {previous} (ascending by {key})", "zh-CN": "大于上一项的{previous}（按 {key} 升序）" },
  "expected.sharesSumToOne": { en: "shares that add up to 1", "zh-CN": "合计为1的份额" },
  "found.sharesSum": { en: "shares that add up to {total}", "zh-CN": "合计为{total}的份额" },
  "expected.productIdGuess": { en: 'a product id (did you mean "{guess}"?)', "zh-CN": "商品 id（是否想写“{guess}”？）" },
  "expected.productIdOf": { en: "a product id: {known}", "zh-CN": "商品 id：{known}" },
  "expected.nesting": { en: "nesting at most {max} levels deep", "zh-CN": "嵌套不超过{max}个层级" },
  "found.deeperNesting": { en: "deeper nesting", "zh-CN": "更深的嵌套" },
  "expected.finiteNumber": { en: "a finite number", "zh-CN": "有限的数" },
  "expected.plainValue": { en: "a plain mapping, list, string, number or boolean", "zh-CN": "普通的映射、列表、文本、数或布尔值" },
  "expected.ordinaryKey": { en: "an ordinary key", "zh-CN": "普通的键" },
  "found.reservedKey": { en: 'the reserved key "{key}"', "zh-CN": "保留键“{key}”" },

  // --- Rules across a scenario's fields (src/scenario/validate.ts) ---
  "expected.userDays": {
    en: "population.maxUsers × days at most {max} user-days (lower maxUsers to {maxUsers} or fewer for {days} days)",
    "zh-CN": "population.maxUsers × days 不超过{max}用户·天（{days}天时把 maxUsers 降到{maxUsers}或更少）",
  },
  "found.userDays": { en: "{maxUsers} × {days} days", "zh-CN": "{maxUsers} × {days}天" },
  "expected.seedInQuotes": {
    en: "a whole number up to {max} (write a longer seed as a string, in quotes)",
    "zh-CN": "不超过{max}的整数（更长的种子请写成带引号的文本）",
  },
  "expected.newProductId": { en: "a product id not used before", "zh-CN": "未用过的商品 id" },
  "expected.priceParts": { en: "cost + platformMargin + distribution ≤ price ({price})", "zh-CN": "cost + platformMargin + distribution ≤ price（{price}）" },
  "expected.otherProduct": { en: "another product's id (a product cannot require itself)", "zh-CN": "另一件商品的 id（商品不能以自己为前提）" },
  "expected.someWeight": { en: "at least one product with weight > 0", "zh-CN": "至少一件 weight > 0 的商品" },
  "found.allWeightsZero": { en: "all weights 0", "zh-CN": "所有 weight 都为0" },
  "expected.newSegmentName": { en: "a segment name not used before", "zh-CN": "未用过的用户群名称" },
  "expected.openProduct": {
    en: "a product open to new users ({product} requires {required} first)",
    "zh-CN": "新用户可以购买的商品（{product}须先购买{required}）",
  },
  "expected.segmentNameGuess": { en: 'a segment name (did you mean "{guess}"?)', "zh-CN": "用户群名称（是否想写“{guess}”？）" },
  "expected.segmentNameOf": { en: "a segment name: {known}", "zh-CN": "用户群名称：{known}" },
  "expected.nullNoEndDay": { en: "null (the scheme has no endDay)", "zh-CN": "null（该模式没有 endDay）" },
  // Membership tiers named by other rules (src/scenario/validate.ts, membershipProblems).
  "expected.tierNumberListed": { en: "a tier number from 1 to {count} (the tiers listed)", "zh-CN": "1到{count}之间的等级编号（所列的等级）" },
  "expected.noTierToName": { en: "0 (no membership scheme whose tiers it could name)", "zh-CN": "0（没有会员方案，无从指定其等级）" },
  "expected.memberTierNumber": {
    en: "a tier number from 0 to {count} (schemes.membership's tiers)",
    "zh-CN": "0到{count}之间的等级编号（schemes.membership 的等级）",
  },
  "expected.membershipForRules": {
    en: "a membership scheme whose tiers the rules follow (schemes.membership), or no rules",
    "zh-CN": "规则所依据等级的会员方案（schemes.membership），或不设规则",
  },
  "found.rulesNoMembership": { en: "{count} rule{plural} and no membership", "zh-CN": "{count}条规则，但没有会员方案" },
  "expected.dayFrom": { en: "a day ≥ {key} ({day})", "zh-CN": "≥ {key}（{day}）的一天" },
  "expected.assertion": {
    en: 'an expression such as "usersLosingShare < 0.5" (docs/gates.md)',
    "zh-CN": "形如“usersLosingShare < 0.5”的表达式（见 docs/gates.md）",
  },

  // --- changes: and responses: (src/scenario/changes-check.ts) ---
  "expected.retiredShock": { en: "no longer a shock: {instead}", "zh-CN": "已不再是冲击类型，请改写为：{instead}" },
  "expected.retired.rightsFixedPayout": {
    en: "{change} (a fixed payout is a rule change; until a day: a second change back to 0)",
    "zh-CN": "{change}（固定分红是规则变更；要到某天为止：再加一条改回0的变更）",
  },
  "expected.dayOfRun": { en: "a day of the run, 1 to {days}", "zh-CN": "模拟中的一天，1到{days}" },
  "expected.keyOfRunningScheme": { en: "a key of a scheme that runs (schemes.{scheme} is off)", "zh-CN": "运行中的模式的键（schemes.{scheme} 未启用）" },
  "expected.scenarioKey": { en: "a key of the scenario, written as a sweep's (docs/sweeps.md)", "zh-CN": "情景中的键，写法同参数扫描（见 docs/sweeps.md）" },
  "expected.changeableKey": { en: "a key that may change mid-run: {keys}", "zh-CN": "可以在模拟中途变更的键：{keys}" },
  "found.fixedKey": { en: '"{key}" (fixed for the whole run)', "zh-CN": "“{key}”（整个模拟期间固定不变）" },
  "expected.oneChangePerDay": { en: "at most one change of a key on a day", "zh-CN": "同一个键一天至多变更一次" },
  "found.changedTwice": { en: '"{key}" is also changed on day {day} by changes[{earlier}]', "zh-CN": "“{key}”在第{day}天也被 changes[{earlier}] 变更" },
  "expected.asKey": { en: "{expected} (as {path})", "zh-CN": "{expected}（作为 {path}）" },
  "expected.atOnce": { en: "{expected} (at {at}, once {path} is {value})", "zh-CN": "{expected}（在 {at}，当 {path} 为{value}时）" },
  "expected.driverGuess": { en: 'a declared driver (did you mean "{guess}"?): {known}', "zh-CN": "已声明的驱动因素（是否想写“{guess}”？）：{known}" },
  "expected.driver": { en: "a declared driver: {known}", "zh-CN": "已声明的驱动因素：{known}" },

  // --- Reading a scenario, sweep or fit file (src/scenario/load.ts) ---
  "expected.documentSize": { en: "a document of at most {values} values and {levels} levels", "zh-CN": "不超过{values}个值、{levels}个层级的文档" },
  "expected.json": { en: "valid JSON", "zh-CN": "有效的 JSON" },
  "expected.jsonUniqueKeys": { en: "valid JSON without duplicate keys", "zh-CN": "没有重复键的有效 JSON" },
  "expected.yaml": { en: "valid YAML", "zh-CN": "有效的 YAML" },
  "found.yamlError": { en: "a YAML error", "zh-CN": "YAML 错误" },
  "found.keyAgain": { en: "the key {key} a second time", "zh-CN": "键{key}第二次出现" },
  "expected.yamlAliases": { en: "valid YAML with at most {max} alias expansions", "zh-CN": "别名展开不超过{max}次的有效 YAML" },
  "expected.readableFile": { en: "a readable file of at most {max} bytes", "zh-CN": "可读取且不超过{max}字节的文件" },
  "expected.utf8": { en: "UTF-8 text", "zh-CN": "UTF-8 文本" },
  "expected.notFitFile": {
    en: "a scenario; this is a fit file (it has base and targets): run it with `pointsim fit {file}`",
    "zh-CN": "情景；这是拟合文件（含 base 和 targets）：请用 `pointsim fit {file}` 运行",
  },
  "found.fitFile": { en: "a fit file", "zh-CN": "拟合文件" },
  "expected.notSweepFile": {
    en: "a scenario; this is a sweep file (it has base and parameters): run it with `pointsim sweep {file}`",
    "zh-CN": "情景；这是参数扫描文件（含 base 和 parameters）：请用 `pointsim sweep {file}` 运行",
  },
  "found.sweepFile": { en: "a sweep file", "zh-CN": "参数扫描文件" },

  // --- Gates and metrics (src/gates/gates.ts, src/sweep/preflight.ts) ---
  "found.unknownMetricGuess": { en: 'unknown metric "{name}" (did you mean "{guess}"?)', "zh-CN": "未知指标“{name}”（是否想写“{guess}”？）" },
  "expected.validExpressionIn": { en: "a valid expression ({doc})", "zh-CN": "有效的表达式（见 {doc}）" },
  "expected.figureOf": { en: "{figure} ({known})", "zh-CN": "{figure}（{known}）" },
  "found.metricIs": { en: '"{name}" is {kind}', "zh-CN": "“{name}”是{kind}" },
  "found.kind.list": { en: "a list", "zh-CN": "列表" },
  "found.kind.string": { en: "string", "zh-CN": "文本" },
  "found.kind.boolean": { en: "boolean", "zh-CN": "布尔值" },
  "found.kind.object": { en: "object", "zh-CN": "映射" },
  "found.kind.number": { en: "number", "zh-CN": "数" },
  "expected.summaryNumber": { en: "a number of summary.json ({doc})", "zh-CN": "summary.json 中的一个数（见 {doc}）" },
  "expected.summaryMetric": { en: "a metric of summary.json (docs/gates.md)", "zh-CN": "summary.json 中的指标（见 docs/gates.md）" },
  "expected.baseKey": { en: "a key that exists in the base scenario", "zh-CN": "基准情景中存在的键" },

  // --- A sweep's points (src/sweep/preflight.ts): one problem with every point that has it ---
  "found.atPoint": { en: "{found} at {point}", "zh-CN": "{point}处为{found}" },
  "found.andMore": { en: "; and {count} more", "zh-CN": "；另有{count}个" },
  "found.everyPoint": { en: "every point", "zh-CN": "所有参数点" },
  "found.pointsOf": { en: "{count} of {total} points", "zh-CN": "{total}个参数点中的{count}个" },
  "found.sameAtPoints": { en: "{found}, at {count}: {where}{more}", "zh-CN": "{found}，见于{count}：{where}{more}" },
  "found.atPoints": { en: "{count}: {where}{more}", "zh-CN": "{count}：{where}{more}" },

  // --- What a sweep's, fit's or recommendation's schema expected (src/scenario/problems.ts): the
  // English is ajv's own message, as these templates word it; the Chinese says the same rule ---
  "expected.knownKey": { en: "a known key", "zh-CN": "已知的键" },
  "found.unknownKey": { en: 'unknown key "{key}"', "zh-CN": "未知的键“{key}”" },
  "ajv.required": { en: "must have required property '{key}'", "zh-CN": "必填的键“{key}”" },
  "ajv.type": { en: "must be {type}", "zh-CN": "{type}" },
  "ajv.compare": { en: "must be {comparison} {limit}", "zh-CN": "{comparison}{limit}的数" },
  "ajv.enum": { en: "must be equal to one of the allowed values ({options})", "zh-CN": "以下之一：{options}" },
  "ajv.const": { en: "must be equal to constant {value}", "zh-CN": "常量 {value}" },
  "ajv.pattern": { en: 'must match pattern "{pattern}"', "zh-CN": "符合模式 {pattern} 的文本" },
  "ajv.rule": { en: "must satisfy {rule}", "zh-CN": "满足 {rule} 规则" },

  // --- Sweep files (src/sweep/spec.ts; fit and recommendation files share some) ---
  "expected.rangeSteps": { en: "a range with 1 to 100000 steps", "zh-CN": "步数为1到100000的范围" },
  "expected.valuesOrStep": { en: "values, or a range with a step (grid and oat)", "zh-CN": "values，或带 step 的 range（grid 和 oat 方法）" },
  "found.neither": { en: "neither", "zh-CN": "两者都没有" },
  "found.nothing": { en: "nothing", "zh-CN": "无" },
  "found.none": { en: "none", "zh-CN": "无" },
  "expected.basePath": { en: "a path into the base scenario", "zh-CN": "基准情景中的路径" },
  "expected.rangeFor": { en: "a range { from, to } for {method} sampling", "zh-CN": "{method} 抽样所需的 range { from, to }" },
  "expected.seedAsString": { en: "a whole number up to {max} (write a longer seed as a string)", "zh-CN": "不超过{max}的整数（更长的种子请写成文本）" },
  "expected.rangeWidth": { en: "from and to less than about 1.8e308 apart", "zh-CN": "from 与 to 相差小于约1.8e308" },
  "found.fromTo": { en: "{from} to {to}", "zh-CN": "{from}到{to}" },
  "expected.scenarioFile": { en: "a scenario file (.yaml, .yml or .json)", "zh-CN": "情景文件（.yaml、.yml 或 .json）" },
  "expected.morrisLevels": { en: "an even number of Morris levels (each step moves p / 2 levels)", "zh-CN": "偶数个 Morris 层级（每步移动 p / 2 个层级）" },
  "expected.someRangedParameter": { en: "at least one parameter with a range for {method}", "zh-CN": "{method} 方法至少需要一个带 range 的参数" },
  "expected.continuousRange": { en: "a range { from, to } ({method} samples a continuous range)", "zh-CN": "range { from, to }（{method} 在连续范围内抽样）" },
  "found.listOfValues": { en: "a list of values", "zh-CN": "一组取值" },
  "expected.maxRunsRaise": {
    en: "at most {max} runs (raise maxRuns, up to 1000000, or sweep fewer values)",
    "zh-CN": "至多{max}次运行（可把 maxRuns 调高到至多1000000，或减少扫描的取值）",
  },
  "expected.maxRuns": { en: "at most {max} runs", "zh-CN": "至多{max}次运行" },
  "found.runs": { en: "{count} runs", "zh-CN": "{count}次运行" },

  // --- Fit files and their observed series (src/fit/spec.ts) ---
  "expected.numberFromTo": { en: "a number from {from} to {to}", "zh-CN": "{from}到{to}之间的数" },
  "found.emptyField": { en: "an empty field", "zh-CN": "空字段" },
  "found.hexNumber": { en: "a hexadecimal number (write it in decimal)", "zh-CN": "十六进制数（请写成十进制）" },
  "found.infinityOrNaN": { en: "an infinity or NaN", "zh-CN": "无穷大或 NaN" },
  "expected.observedCsv": { en: "a readable CSV file of observed figures", "zh-CN": "可读取的观测数据 CSV 文件" },
  "found.fileSays": { en: "{file}: {found}", "zh-CN": "{file}：{found}" },
  "expected.seriesCsv": { en: "a CSV file (day,column,value)", "zh-CN": "CSV 文件（day,column,value）" },
  "found.notCsv": { en: "text that is not valid CSV", "zh-CN": "不是有效 CSV 的文本" },
  "found.notCsvAt": { en: "text that is not valid CSV (at line {line})", "zh-CN": "不是有效 CSV 的文本（第{line}行）" },
  "expected.seriesHeader": { en: "a header line day,column,value", "zh-CN": "表头行 day,column,value" },
  "found.otherHeader": { en: "a first line of {count} field{plural} that is not that header", "zh-CN": "第一行有{count}个字段，不是该表头" },
  "expected.threeFields": { en: "3 fields (day,column,value)", "zh-CN": "3个字段（day,column,value）" },
  "found.fields": { en: "{count} field{plural}", "zh-CN": "{count}个字段" },
  "expected.dayNumber": { en: "a day number from 1", "zh-CN": "从1起的天数" },
  "found.digits": { en: "a number of {count} digits", "zh-CN": "{count}位数" },
  "expected.decimal": { en: "a plain decimal number", "zh-CN": "普通的十进制数" },
  "expected.oneValuePerDay": { en: "one value per day and column", "zh-CN": "每天每列一个值" },
  "found.columnDayAgain": { en: "{column} on day {day} a second time", "zh-CN": "{column}在第{day}天第二次出现" },
  "expected.fewerProblems": { en: "fewer problems", "zh-CN": "更少的问题" },
  "found.moreProblems": { en: "more problems in this file (the first {count} are listed)", "zh-CN": "此文件中还有更多问题（只列出前{count}个）" },
  "expected.observedRow": { en: "at least one observed row", "zh-CN": "至少一行观测数据" },
  "found.headerOnly": { en: "a header only", "zh-CN": "只有表头" },
  "expected.fittedOnce": { en: "each key fitted once", "zh-CN": "每个键只拟合一次" },
  "found.secondTime": { en: '"{key}" a second time', "zh-CN": "“{key}”第二次出现" },
  "expected.notInSet": { en: "a key not also fixed by set", "zh-CN": "没有同时在 set 中固定的键" },
  "found.inSet": { en: '"{key}" is in set', "zh-CN": "“{key}”在 set 中" },
  "expected.fromBelowTo": { en: "from below to", "zh-CN": "from 小于 to" },
  "found.fromComma": { en: "from {from}, to {to}", "zh-CN": "from 为{from}，to 为{to}" },
  "expected.aboveZeroLog": { en: "a value above 0 (scale: log)", "zh-CN": "大于0的值（scale: log）" },
  "expected.metricOrSeries": { en: "either metric (with value) or series", "zh-CN": "metric（带 value）或 series，二者择一" },
  "found.both": { en: "both", "zh-CN": "两者都有" },
  "expected.metricWithValue": {
    en: "metric with value (a summary figure), or series (an observed CSV file)",
    "zh-CN": "带 value 的 metric（汇总数字），或 series（观测数据 CSV 文件）",
  },
  "found.metricWithoutValue": { en: "metric without value", "zh-CN": "有 metric 而没有 value" },
  "expected.seriesTargetKey": { en: "a key of a series target (series, columns, weight)", "zh-CN": "序列目标的键（series、columns、weight）" },
  "found.metricTargetKey": { en: "{key} (a key of metric targets)", "zh-CN": "{key}（指标目标的键）" },
  "expected.metricTargetKey": {
    en: "a key of a metric target (metric, value, scale, name, weight)",
    "zh-CN": "指标目标的键（metric、value、scale、name、weight）",
  },
  "found.seriesTargetKey": { en: "{key} (a key of series targets)", "zh-CN": "{key}（序列目标的键）" },
  "expected.timeseriesColumn": { en: "a timeseries.csv column (docs/indicators.md)", "zh-CN": "timeseries.csv 中的列（见 docs/indicators.md）" },
  "found.columnGuess": { en: '{column} (did you mean "{guess}"?)', "zh-CN": "{column}（是否想写“{guess}”？）" },
  "expected.columnOfFile": { en: "a column the file {file} has", "zh-CN": "文件 {file} 中有的列" },
  "expected.withinHorizon": {
    en: "observed days within the fitted horizon (days: {days}; set days in set:)",
    "zh-CN": "拟合期限内的观测日（days：{days}；可在 set: 中设置 days）",
  },
  "found.lateDay": { en: "{column} on day {day}", "zh-CN": "{column}在第{day}天" },
  "found.lateDays": { en: "{column} on day {day} and {later} later days", "zh-CN": "{column}在第{day}天及其后{later}天" },
  "expected.targetOnce": {
    en: "each target once (give metric targets a name to tell them apart)",
    "zh-CN": "每个目标只出现一次（给指标目标起 name 以便区分）",
  },
  "found.twice": { en: '"{label}" twice', "zh-CN": "“{label}”出现两次" },
  "expected.someTargetWeight": { en: "at least one target with a weight above 0", "zh-CN": "至少一个 weight 大于0的目标" },
  "found.everyWeightZero": { en: "every weight is 0", "zh-CN": "所有 weight 都为0" },

  // --- Recommendation files (src/recommend/spec.ts) ---
  "expected.screenSeeds": {
    en: "at least {seeds} seeds (with no event, the {confidence} upper bound falls to {max} only at {seeds} runs: constraints[{i}])",
    "zh-CN": "至少{seeds}个种子（即使没有发生事件，置信度{confidence}的上界也要到{seeds}次运行才降到{max}：constraints[{i}]）",
  },
  "expected.verifySeeds": {
    en: "at least {seeds} seeds (the verification's bound is at confidence 1 − {delta}/({front} front points × {constraints} constraints); with no event it falls to {max} only at {seeds} runs: constraints[{i}])",
    "zh-CN":
      "至少{seeds}个种子（核验的上界置信度为 1 − {delta}/（{front}个前沿点 × {constraints}个约束）；即使没有发生事件，也要到{seeds}次运行才降到{max}：constraints[{i}]）",
  },
  "expected.chosenOnce": { en: "each key chosen once", "zh-CN": "每个键只选一次" },
  "expected.gridStep": { en: "a step (design: grid)", "zh-CN": "step（design: grid 时必填）" },
  "expected.gridSize": { en: "a grid of at most {max} candidates", "zh-CN": "至多{max}个候选的网格" },
  "found.candidates": { en: "{count} candidates", "zh-CN": "{count}个候选" },
  "expected.constraintOnce": { en: "each constraint once (give them names to tell them apart)", "zh-CN": "每个约束只出现一次（给约束起 name 以便区分）" },
  "expected.planRuns": {
    en: "at least the {count} runs the plan may take (raise maxRuns or lower samples, maxSeeds, verifySeeds)",
    "zh-CN": "至少为计划可能需要的{count}次运行（调高 maxRuns，或调低 samples、maxSeeds、verifySeeds）",
  },
  "expected.summaryNames": { en: "names of summary.json (docs/indicators.md)", "zh-CN": "summary.json 中的名称（见 docs/indicators.md）" },
  "expected.booleanEvent": {
    en: "an expression that is true or false for a run (a comparison)",
    "zh-CN": "对一次运行给出 true 或 false 的表达式（一个比较）",
  },

  // --- discover's options and the sweep folder it reads (src/cli/discover.ts, src/discover/data.ts) ---
  "expected.wholeNumberFromTo": { en: "a whole number from {from} to {to}", "zh-CN": "{from}到{to}之间的整数" },
  "expected.alpha": { en: "a number above 0 and below 0.5", "zh-CN": "大于0且小于0.5的数" },
  "expected.aboveZeroAtMostOne": { en: "a number above 0, at most 1", "zh-CN": "大于0且不超过1的数" },
  "expected.seedCharacters": { en: "letters, digits, _ . : - (at most 100)", "zh-CN": "字母、数字、_ . : -（至多100个）" },
  "expected.runsExpression": { en: "an expression over runs.csv's columns (docs/gates.md)", "zh-CN": "基于 runs.csv 各列的表达式（见 docs/gates.md）" },
  "expected.sweepFolderManifest": {
    en: "a sweep folder written by pointsim sweep or merge (a manifest.json of kind sweep)",
    "zh-CN": "由 pointsim sweep 或 merge 写出的参数扫描文件夹（kind 为 sweep 的 manifest.json）",
  },
  "found.noManifest": { en: "no readable manifest.json", "zh-CN": "没有可读取的 manifest.json" },
  "found.notSweepManifest": { en: "a manifest.json that is not a sweep's", "zh-CN": "不属于参数扫描的 manifest.json" },
  "expected.sweepRunsCsv": { en: "the runs.csv the sweep wrote", "zh-CN": "参数扫描写出的 runs.csv" },
  "expected.runsCsvAsWritten": {
    en: "runs.csv as the sweep wrote it (the sha256 its manifest.json records)",
    "zh-CN": "参数扫描写出时的 runs.csv（与 manifest.json 记录的 sha256 一致）",
  },
  "found.changedSince": { en: "a file changed since, or not listed", "zh-CN": "此后被改动或未登记的文件" },
  "expected.csv": { en: "CSV", "zh-CN": "CSV 文件" },
  "expected.sweptColumns": { en: "a column for every swept parameter and a status column", "zh-CN": "每个扫描参数各一列，外加 status 列" },
  "found.noParameters": { en: "a sweep with no parameters", "zh-CN": "没有参数的参数扫描" },
  "found.noColumn": { en: "no column {columns}", "zh-CN": "没有列{columns}" },
  "expected.runsColumn": { en: "a column of runs.csv ({columns})", "zh-CN": "runs.csv 中的列（{columns}）" },
  "found.atRun": { en: "{reason} (run {run})", "zh-CN": "{reason}（运行 {run}）" },
  "expected.booleanEveryRun": { en: "true or false for every run", "zh-CN": "对每次运行都给出 true 或 false" },
  "expected.completedRuns": { en: "completed runs (status ok)", "zh-CN": "已完成的运行（status 为 ok）" },
  "found.noneCompleted": { en: "none of {count} runs completed", "zh-CN": "{count}次运行无一完成" },
  "expected.someRuns": {
    en: "a condition that holds for some runs and not for others (nothing to tell apart otherwise)",
    "zh-CN": "对一部分运行成立、对另一部分不成立的条件（否则无从区分）",
  },
  "found.holdsForNone": { en: '"{where}" holds for none of the {count} completed runs', "zh-CN": "“{where}”对{count}次已完成的运行都不成立" },
  "found.holdsForAll": { en: '"{where}" holds for all of the {count} completed runs', "zh-CN": "“{where}”对{count}次已完成的运行全都成立" },

  // --- verify's manifest (src/cli/verify.ts) ---
  "found.manifestField": { en: "{field}: expected {what}, found {found}", "zh-CN": "{field}：应为{what}，实际为{found}" },
  "manifest.version": { en: "a version string", "zh-CN": "版本号文本" },
  "manifest.boolean": { en: "true or false", "zh-CN": "true 或 false" },
  "manifest.options": {
    en: "{ journal: true or false, excel: true (only with --excel) }",
    "zh-CN": "{ journal: true 或 false, excel: true（仅在使用 --excel 时） }",
  },
  "manifest.fileName": { en: "a file name or null", "zh-CN": "文件名或 null" },
  "manifest.sha256": { en: "a sha256 or null", "zh-CN": "sha256 或 null" },
  "manifest.seed": { en: "a whole number or a string of 1-200 characters", "zh-CN": "整数，或1至200个字符的文本" },
  "manifest.outputs": { en: "file names with their sha256", "zh-CN": "文件名及其 sha256" },
  "expected.manifest": { en: "a pointsim manifest.json", "zh-CN": "pointsim 的 manifest.json" },
  "expected.manifestJson": { en: "a pointsim manifest.json (UTF-8 JSON)", "zh-CN": "pointsim 的 manifest.json（UTF-8 JSON）" },
  "expected.jsonObject": { en: "a JSON object", "zh-CN": "JSON 对象" },
  "expected.validManifest": { en: "a valid pointsim run manifest", "zh-CN": "有效的 pointsim 运行清单" },
  "expected.runFolder": { en: "a run folder", "zh-CN": "运行文件夹" },
  "expected.runFolderFile": { en: "a pointsim run folder file", "zh-CN": "pointsim 运行文件夹中的文件" },
  "expected.runFolderJson": { en: "a pointsim run folder file (JSON)", "zh-CN": "pointsim 运行文件夹中的文件（JSON）" },
  "found.notJsonObject": { en: "not a JSON object", "zh-CN": "不是 JSON 对象" },
  "found.cannotList": { en: "cannot list it ({code})", "zh-CN": "无法列出其内容（{code}）" },

  // --- A sweep's own folders and logs (src/sweep/run.ts, records.ts, outputs.ts) ---
  "line.tooLong": { en: "is longer than {max} bytes", "zh-CN": "超过{max}字节" },
  "line.notJson": { en: "is not JSON", "zh-CN": "不是 JSON" },
  "line.noIndex": { en: "has no run index", "zh-CN": "没有运行序号" },
  "line.repeats": { en: "repeats a run already logged", "zh-CN": "重复了已记录的运行" },
  "line.notRecord": { en: "is not a whole record of a run this sweep plans", "zh-CN": "不是本次参数扫描所计划运行的完整记录" },
  "line.wrongDigest": { en: "does not match its digest (edited or corrupted)", "zh-CN": "与其摘要不符（被编辑或已损坏）" },
  "line.noDigest": { en: "has no digest (written by an earlier pointsim)", "zh-CN": "没有摘要（由较早版本的 pointsim 写出）" },
  "line.torn": { en: "is cut short (a torn write)", "zh-CN": "被截断（写入中断）" },
  "expected.runsJsonl": { en: "a runs.jsonl written by pointsim", "zh-CN": "pointsim 写出的 runs.jsonl" },
  "expected.sweepLock": { en: "a sweep.json written by this pointsim", "zh-CN": "本版本 pointsim 写出的 sweep.json" },
  "expected.sweepFolder": { en: "a sweep folder (with sweep.json)", "zh-CN": "参数扫描文件夹（含 sweep.json）" },
  "found.notSweepLock": { en: "not a pointsim sweep.json of this version", "zh-CN": "不是本版本 pointsim 的 sweep.json" },
  "found.noFolder": { en: "no folder there", "zh-CN": "该处没有文件夹" },
  "expected.sameVersionShard": {
    en: "a shard made by this pointsim ({version}, model {model})",
    "zh-CN": "由本版本 pointsim 生成的分片（{version}，模型 {model}）",
  },
  "found.versionModel": { en: "pointsim {version}, model {model}", "zh-CN": "pointsim {version}，模型 {model}" },
  "expected.sameSweep": { en: "a shard of the same sweep as the others", "zh-CN": "与其他分片同属一次参数扫描的分片" },
  "found.differentSweep": { en: "a different sweep", "zh-CN": "另一次参数扫描" },
  "expected.digestedRecord": { en: "a record of this sweep written by pointsim, with its digest", "zh-CN": "pointsim 写出的、带摘要的本次参数扫描记录" },
  "found.line": { en: "a line that {why}", "zh-CN": "一行内容{why}" },
  "found.lineUndigested": {
    en: "a line that {why}; resume that shard once with this pointsim (the same sweep command and --out {dir}) to record its digests",
    "zh-CN": "一行内容{why}；请用本版本 pointsim 续跑该分片一次（同一条扫描命令 sweep，--out {dir}）以记录摘要",
  },
  "expected.sameRecord": { en: "the same record in every shard that has it", "zh-CN": "各分片中相同的记录" },
  "found.differentRecord": { en: "a record that differs from the one in {folder}", "zh-CN": "与 {folder} 中的记录不同" },
  "expected.someSweepFolder": { en: "at least one sweep folder", "zh-CN": "至少一个参数扫描文件夹" },
  "expected.runSeries": { en: "a run's series written by this sweep", "zh-CN": "本次参数扫描写出的单次运行序列" },

  // --- A fit's search (src/fit/run.ts) ---
  "expected.runnableRanges": { en: "ranges where the scenario runs", "zh-CN": "情景能够运行的范围" },
  "found.everyCandidateFailed": { en: "every starting candidate failed, e.g. {failure}", "zh-CN": "所有起始候选都失败了，例如：{failure}" },
  "found.noFigures": { en: "no figures", "zh-CN": "没有得到任何数字" },

  // --- Command-line options (src/cli/*.ts) ---
  "expected.shard": { en: "K/N with 1 ≤ K ≤ N ≤ 1000000 (e.g. 2/8)", "zh-CN": "K/N，且 1 ≤ K ≤ N ≤ 1000000（如 2/8）" },
  "expected.method": { en: "grid, random, lhs, oat, morris or sobol", "zh-CN": "grid、random、lhs、oat、morris 或 sobol" },
  "expected.probability": { en: "a probability above 0, at most 1 (e.g. 0.5)", "zh-CN": "大于0且不超过1的概率（如 0.5）" },
  "expected.share": { en: "a share from 0 to 1 (e.g. 0.25)", "zh-CN": "0到1之间的比例（如 0.25）" },
  "expected.watchFigure": { en: "a watch figure ({known})", "zh-CN": "预警监测的指标（{known}）" },
  "expected.watchSeries": {
    en: "an observed series (day,column,value) with a weight above 0: the early warning cuts observations by day",
    "zh-CN": "weight 大于0的观测序列（day,column,value）：早期预警按天截取观测数据",
  },
  "found.totalsOnly": { en: "summary totals only", "zh-CN": "只有汇总总数" },
  "expected.seed": { en: "a seed (a whole number or a word)", "zh-CN": "种子（整数或一个词）" },
  "expected.atMostCharacters": { en: "at most {max} characters", "zh-CN": "至多{max}个字符" },
  "expected.seedNotOption": { en: "a seed, not an option (it starts with -)", "zh-CN": "种子，而不是选项（它以 - 开头）" },
  "expected.printable": { en: "printable characters", "zh-CN": "可打印字符" },
  // --- Folders and files pointsim will not write (src/report/ownership.ts and each kind's rules), and errors the terminal prints ---
  "refuse.exists": { en: "already exists; use --force to replace it, or choose another name", "zh-CN": "已存在；用 --force 替换它，或换一个名字" },
  "refuse.linkEvenForce": {
    en: "is a symbolic link; pointsim will not write there, even with --force",
    "zh-CN": "是符号链接；即使用 --force，pointsim 也不会写入",
  },
  "refuse.fileEvenForce": {
    en: "is a file, not a folder; pointsim will not write there, even with --force",
    "zh-CN": "是文件，不是文件夹；即使用 --force，pointsim 也不会写入",
  },
  "refuse.file": { en: "is a file, not a folder", "zh-CN": "是文件，不是文件夹" },
  "refuse.runNotOurs": {
    en: "holds files that pointsim did not write (no pointsim manifest.json); pointsim will not write there, even with --force",
    "zh-CN": "含有不是 pointsim 写出的文件（没有 pointsim 的 manifest.json）；即使用 --force，pointsim 也不会写入",
  },
  "refuse.runForeign": {
    en: "holds a pointsim run and files it did not write ({names}); --force replaces only a folder holding nothing but a run",
    "zh-CN": "含有 pointsim 的一次运行结果和不是它写出的文件（{names}）；--force 只替换仅含一次运行结果的文件夹",
  },
  "refuse.runChanged": {
    en: "holds {names}, which its manifest.json lists but which is not the file pointsim wrote (its sha256 differs, or it is not a run's file); --force deletes only a run's files, unchanged",
    "zh-CN": "含有{names}：manifest.json 列出了它，但它不是 pointsim 写出的那个文件（sha256 不同，或不是运行结果的文件）；--force 只删除未经改动的运行结果文件",
  },
  "refuse.notOursKind": {
    en: "holds files that are not a pointsim {noun}; pointsim will not write there, even with --force",
    "zh-CN": "含有的文件不是 pointsim 的{noun}；即使用 --force，pointsim 也不会写入",
  },
  "refuse.earlierKind": {
    en: "holds an earlier {noun}; use another --out, or --force to replace it",
    "zh-CN": "含有之前的{noun}；请换一个 --out，或用 --force 替换它",
  },
  "refuse.foreign": {
    en: "holds files pointsim did not write ({names}); pointsim will not replace it",
    "zh-CN": "含有不是 pointsim 写出的文件（{names}）；pointsim 不会替换它",
  },
  "refuse.kindChanged": {
    en: "holds {names}, which is not the file pointsim wrote (its manifest.json does not list it, or its sha256 differs); --force deletes only a {noun}'s files, unchanged",
    "zh-CN": "含有{names}，它不是 pointsim 写出的那个文件（manifest.json 没有列出它，或 sha256 不同）；--force 只删除未经改动的{noun}文件",
  },
  "refuse.notFolderName": { en: "is not a folder name", "zh-CN": "不是文件夹名" },
  "refuse.protected": { en: "{guarded}; pointsim never writes a {noun} there", "zh-CN": "{guarded}；pointsim 从不把{noun}写在那里" },
  "refuse.isRoot": { en: "is a file-system root", "zh-CN": "是文件系统的根目录" },
  "refuse.isHome": { en: "is the home folder", "zh-CN": "是主文件夹" },
  "refuse.isWorking": { en: "is the working folder", "zh-CN": "是当前工作文件夹" },
  "refuse.holdsWorking": { en: "holds the working folder", "zh-CN": "包含当前工作文件夹" },
  "noun.run": { en: "run", "zh-CN": "运行结果" },
  "noun.sweep": { en: "sweep", "zh-CN": "扫描" },
  "noun.fit": { en: "fit", "zh-CN": "拟合" },
  "noun.watch": { en: "watch", "zh-CN": "监测" },
  "noun.discovery": { en: "discovery", "zh-CN": "发现" },
  "noun.recommendation": { en: "recommendation", "zh-CN": "推荐" },
  "refuse.sweepLink": {
    en: "is a symbolic link; pointsim writes a sweep only into a folder of its own",
    "zh-CN": "是符号链接；pointsim 只把扫描写入它自己的文件夹",
  },
  "refuse.sweepNotOurs": {
    en: "holds files that are not a pointsim sweep (no sweep.json); pointsim will not write there, even with --force",
    "zh-CN": "含有的文件不是 pointsim 的扫描（没有 sweep.json）；即使用 --force，pointsim 也不会写入",
  },
  "refuse.holdsReplace": { en: "holds {what}; use another --out, or --force to replace it", "zh-CN": "含有{what}；请换一个 --out，或用 --force 替换它" },
  "refuse.differentSweep": {
    en: "a different sweep ({method} of {sha}, pointsim {version}, model {model})",
    "zh-CN": "另一次扫描（{sha} 的 {method}，pointsim {version}，模型 {model}）",
  },
  "refuse.shardNot": { en: "{previous}, not {wanted}", "zh-CN": "{previous}，而不是{wanted}" },
  "refuse.shard": { en: "shard {k}/{n}", "zh-CN": "分片 {k}/{n}" },
  "refuse.wholeSweep": { en: "the whole sweep", "zh-CN": "整个扫描" },
  "refuse.sweepChanged": {
    en: "holds {names}, which is not as pointsim wrote it (its sha256 differs from the manifest's, or the log holds lines that are not this sweep's records); pointsim deletes only its own files, unchanged",
    "zh-CN": "含有{names}，它已不是 pointsim 写出时的样子（sha256 与 manifest 所记不同，或日志中有不是本次扫描记录的行）；pointsim 只删除它自己未经改动的文件",
  },
  "refuse.seriesNotOurs": {
    en: "is not a folder pointsim made (a link or a file); pointsim will not write there",
    "zh-CN": "不是 pointsim 建立的文件夹（是链接或文件）；pointsim 不会写入",
  },
  "refuse.mergeDifferent": {
    en: "holds a different sweep; merge into an empty folder or one of this sweep's own",
    "zh-CN": "含有另一次扫描；请合并到空文件夹或本次扫描自己的文件夹",
  },
  "refuse.mergeShard": {
    en: "holds {shard} of this sweep; merge into an empty folder or an earlier merge",
    "zh-CN": "含有本次扫描的{shard}；请合并到空文件夹或之前合并的文件夹",
  },
  "refuse.mergeInputs": { en: "{why}; merge never writes into its inputs, choose another --out", "zh-CN": "{why}；合并从不写入其输入，请换一个 --out" },
  "refuse.isShardFolder": { en: "is the shard folder {dir}", "zh-CN": "就是分片文件夹 {dir}" },
  "refuse.insideShardFolder": { en: "lies inside the shard folder {dir}", "zh-CN": "位于分片文件夹 {dir} 之内" },
  "refuse.holdsShardFolder": { en: "holds the shard folder {dir}", "zh-CN": "包含分片文件夹 {dir}" },
  "refuse.recommendLink": {
    en: "is a symbolic link; pointsim writes a recommendation only into a folder of its own",
    "zh-CN": "是符号链接；pointsim 只把推荐写入它自己的文件夹",
  },
  "refuse.recommendNotOurs": {
    en: "holds files that are not a pointsim recommendation (no plan.json); pointsim will not write there, even with --force",
    "zh-CN": "含有的文件不是 pointsim 的推荐（没有 plan.json）；即使用 --force，pointsim 也不会写入",
  },
  "refuse.recommendOccupied": {
    en: "holds a different recommendation (pointsim {version}, model {model}); use another --out, or --force to replace it",
    "zh-CN": "含有另一次推荐（pointsim {version}，模型 {model}）；请换一个 --out，或用 --force 替换它",
  },
  "refuse.recommendChanged": {
    en: "holds {names}, which is not as pointsim wrote it (its sha256 differs from the manifest's, or the log holds lines that are not this recommendation's records); pointsim deletes only its own files, unchanged",
    "zh-CN": "含有{names}，它已不是 pointsim 写出时的样子（sha256 与 manifest 所记不同，或日志中有不是本次推荐记录的行）；pointsim 只删除它自己未经改动的文件",
  },
  "refuse.recommendEdited": {
    en: "holds {names}, which is not as pointsim wrote it (its sha256 differs from the manifest's); pointsim will not write over it",
    "zh-CN": "含有{names}，它已不是 pointsim 写出时的样子（sha256 与 manifest 所记不同）；pointsim 不会覆盖它",
  },
  "refuse.recommendJournal": {
    en: "holds lines that are not this recommendation's records; pointsim will not resume from it",
    "zh-CN": "含有不是本次推荐记录的行；pointsim 不会从它续跑",
  },
  "refuse.junit": { en: "{why}; --junit writes only a new file or one pointsim wrote", "zh-CN": "{why}；--junit 只写新文件或 pointsim 写过的文件" },
  "refuse.isLink": { en: "is a symbolic link", "zh-CN": "是符号链接" },
  "refuse.junitNotOurs": { en: "holds something pointsim did not write (not its JUnit XML)", "zh-CN": "含有不是 pointsim 写出的内容（不是它的 JUnit XML）" },
  // --- A run stopped: a scenario past exact integers or a limit (exit 2), an invariant broken (exit 3; src/errors.ts) ---
  "error.tooLarge": {
    en: "the scenario is too large to run exactly: {detail}; nothing was written",
    "zh-CN": "情景过大，无法精确运行：{detail}；没有写出任何文件",
  },
  "error.exactCounter": {
    en: "day {day}: {what} reached {value}, past the exact range of {max} units; scale the scenario down",
    "zh-CN": "第{day}天：{what}达到{value}，超出{max}个单位的精确范围；请缩小情景的规模",
  },
  "error.exactTransfer": {
    en: "day {day}: a transfer {from} -> {to} ({reason}) of {value} fen is past the exact range of {max} fen; scale the scenario down",
    "zh-CN": "第{day}天：一笔 {from} -> {to}（{reason}）的转账为{value}分，超出{max}分的精确范围；请缩小情景的规模",
  },
  "error.exactAccount": {
    en: "day {day}: account {account} reached {value} fen, past the exact range of {max} fen (about 90 trillion yuan); scale the scenario down",
    "zh-CN": "第{day}天：账户 {account} 达到{value}分，超出{max}分（约90万亿元）的精确范围；请缩小情景的规模",
  },
  "error.exactTotal": {
    en: "the run's total {name} passed the exact range of {max}; scale the scenario down",
    "zh-CN": "本次运行的 {name} 合计超出{max}的精确范围；请缩小情景的规模",
  },
  "exact.contributionPoints": { en: "contribution points (0.0001 units)", "zh-CN": "贡献积分（以0.0001为单位）" },
  "exact.valueAddedPoints": { en: "value-added points (0.0001 units)", "zh-CN": "消费增值积分（以0.0001为单位）" },
  "exact.sharedPoints": { en: "shared points (0.0001 units)", "zh-CN": "共享购积分（以0.0001为单位）" },
  "exact.adPoints": { en: "ad points (0.0001 units)", "zh-CN": "广告积分（以0.0001为单位）" },
  "exact.merchantAdPoints": { en: "merchants' ad points (0.0001 units)", "zh-CN": "商家的广告积分（以0.0001为单位）" },
  "exact.rightsRemaining": { en: "dividend rights' remaining value", "zh-CN": "分红权的剩余价值" },
  "exact.rightsPayout": { en: "dividend rights' payout", "zh-CN": "分红权的支付额" },
  "error.maxUsers": {
    en: "day {day}: arrivals would exceed population.maxUsers ({max}); raise it or lower arrivals",
    "zh-CN": "第{day}天：新加入的用户将超过 population.maxUsers（{max}）；请调高它，或降低加入的速度",
  },
  "error.invariant": { en: "invariant violated, run stopped: {detail}", "zh-CN": "不变量被破坏，运行已停止：{detail}" },
  "invariant.transferNotWhole": {
    en: "day {day}: transfer {from} -> {to} ({reason}) of {fen} fen is not a non-negative whole number of fen",
    "zh-CN": "第{day}天：{from} -> {to}（{reason}）的转账金额{fen}分不是非负整数分",
  },
  "invariant.accountsSum": {
    en: "day {day}: money accounts sum to {sum} yuan, not 0 ({detail})",
    "zh-CN": "第{day}天：各资金账户合计{sum}元，而不是0（{detail}）",
  },
  "invariant.negativeWallet": {
    en: "day {day}: user {user} has a negative change wallet ({amount})",
    "zh-CN": "第{day}天：用户 {user} 的零钱为负（{amount}）",
  },
  "invariant.wallets": {
    en: "day {day}: users' wallets sum to {change} (account users.change {changeAccount}), pending withdrawals {pending} (account users.withdrawalsPending {pendingAccount}, queue {queue})",
    "zh-CN":
      "第{day}天：用户零钱合计{change}（账户 users.change 为{changeAccount}），待处理的提现{pending}（账户 users.withdrawalsPending 为{pendingAccount}，队列中为{queue}）",
  },
  "invariant.contributionPoints": {
    en: "day {day}: contribution points issued {issued} but users hold {held}",
    "zh-CN": "第{day}天：已发放贡献积分{issued}，但用户持有{held}",
  },
  "invariant.poolVsLedger": {
    en: "day {day}: {pool} {amount} vs ledger {account} {balance}",
    "zh-CN": "第{day}天：{pool}为{amount}，而账本 {account} 为{balance}",
  },
  "invariant.dividendPool": { en: "dividend pool", "zh-CN": "分红池" },
  "invariant.rankDividendPool": { en: "rank dividend pool", "zh-CN": "级别分红池" },
  "invariant.mutualAidPools": { en: "mutual aid pools", "zh-CN": "互助资金池" },
  "invariant.valueAdded": {
    en: "day {day}: value-added points issued {issued} − burned {burned}, outstanding {outstanding}, users hold {held}; pool {pool} vs ledger pool.support {balance}",
    "zh-CN": "第{day}天：消费增值积分发放{issued} − 销毁{burned}，流通{outstanding}，用户持有{held}；托底池{pool}，而账本 pool.support 为{balance}",
  },
  "invariant.sharedPoints": {
    en: "day {day}: shared points issued {issued} − burned {burned} ≠ held {held} (supply {supply})",
    "zh-CN": "第{day}天：共享购积分发放{issued} − 销毁{burned} ≠ 持有{held}（总量{supply}）",
  },
  "invariant.adPoints": {
    en: "day {day}: ad points issued {issued} − burned {burned} = {net}, but users hold {held}",
    "zh-CN": "第{day}天：广告积分发放{issued} − 销毁{burned} = {net}，但用户持有{held}",
  },
  "invariant.rightsOwing": {
    en: "day {day}: dividend rights {rights} owing {owing}, cohorts {cohortRights} owing {cohortOwing}",
    "zh-CN": "第{day}天：分红权{rights}份，尚欠{owing}；按加入批次合计{cohortRights}份，尚欠{cohortOwing}",
  },
  "invariant.rightsGranted": {
    en: "day {day}: grants hold {granted} rights, {outstanding} outstanding",
    "zh-CN": "第{day}天：各次授予合计{granted}份分红权，而未兑完的为{outstanding}份",
  },
  "invariant.merchantAdPoints": {
    en: "day {day}: merchants' ad points issued {issued} − burned {burned} units, but merchants hold {held}",
    "zh-CN": "第{day}天：商家的广告积分发放{issued} − 销毁{burned}个单位，但商家持有{held}",
  },
  "error.cannotWrite": { en: "cannot write {path}: {cause}", "zh-CN": "无法写入 {path}：{cause}" },
  "error.busy": {
    en: "{dir} is being written by another pointsim process{pid} right now; try again when it is done, or choose another folder (if no pointsim is running, remove {lock})",
    "zh-CN": "{dir}正由另一个 pointsim 进程{pid}写入；请等它写完再试，或换一个文件夹（如果没有 pointsim 在运行，请删除 {lock}）",
  },
  "error.cannotSyscall": { en: "cannot {syscall} {path}: {cause}", "zh-CN": "无法执行 {syscall}（{path}）：{cause}" },
  "error.internal": { en: "internal error: {message}", "zh-CN": "内部错误：{message}" },
  "error.pid": { en: " (pid {pid})", "zh-CN": "（进程号 {pid}）" },
  "error.interruptedBeforeDay": { en: "interrupted before day {day}; nothing was written", "zh-CN": "在第{day}天之前被中断；没有写出任何文件" },
  "error.interruptedCommand": { en: "{what} interrupted; nothing was written", "zh-CN": "{what}已中断；没有写出任何文件" },
  "error.interruptedAfterRuns": {
    en: "interrupted after {done} of {total} runs; start the same command again to resume",
    "zh-CN": "完成{total}次运行中的{done}次后被中断；再次执行同一条命令即可续跑",
  },
  "error.interruptedAfter": {
    en: "interrupted after {runs} runs; start the same command again to resume",
    "zh-CN": "完成{runs}次运行后被中断；再次执行同一条命令即可续跑",
  },
  "error.interruptedWriting": { en: "interrupted while writing {dir}; nothing was written", "zh-CN": "写入 {dir} 时被中断；没有写出任何文件" },
} as const satisfies Record<string, Record<Lang, string>>;

export type ValidationKey = keyof typeof VALIDATION_MESSAGES;

/**
 * What the YAML parser found, in Chinese, by its error code: the English of such a problem is the
 * parser's own message, whose wording pointsim does not own. Typed by the parser's list of codes,
 * so a code the parser adds fails the build until it is worded here.
 */
export const YAML_ERRORS_ZH: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: "别名不能带锚点或标签",
  BAD_ALIAS: "别名指向不存在的锚点",
  BAD_DIRECTIVE: "无效的 YAML 指令",
  BAD_DQ_ESCAPE: "双引号文本中有无效的转义",
  BAD_INDENT: "缩进不对",
  BAD_PROP_ORDER: "锚点和标签的位置不对",
  BAD_SCALAR_START: "值的开头字符无效",
  BLOCK_AS_IMPLICIT_KEY: "块结构不能用作隐式键",
  BLOCK_IN_FLOW: "流式结构（方括号或花括号）中不能有块结构",
  DUPLICATE_KEY: "重复的键",
  IMPOSSIBLE: "无法解析的结构",
  KEY_OVER_1024_CHARS: "隐式键超过1024个字符",
  MISSING_CHAR: "缺少必需的字符（如引号或括号）",
  MULTILINE_IMPLICIT_KEY: "隐式键不能跨行",
  MULTIPLE_ANCHORS: "一个节点有多个锚点",
  MULTIPLE_DOCS: "一个文件中有多个文档",
  MULTIPLE_TAGS: "一个节点有多个标签",
  NON_STRING_KEY: "键不是文本",
  RESOURCE_EXHAUSTION: "别名展开次数过多",
  TAB_AS_INDENT: "用制表符缩进",
  TAG_RESOLVE_FAILED: "无法解析的标签",
  UNEXPECTED_TOKEN: "意外的记号",
  BAD_COLLECTION_TYPE: "集合类型不对",
};
