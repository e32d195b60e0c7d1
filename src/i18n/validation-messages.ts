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
  // --- Files read as input (src/scenario/read.ts): "the file {problem}" ---
  "file.isFolder": { en: "is a folder, not a file", "zh-CN": "是文件夹，不是文件" },
  "file.isLink": { en: "is a symbolic link, not a file pointsim wrote", "zh-CN": "是符号链接，不是 pointsim 写出的文件" },
  "file.notRegular": { en: "is not a regular file (a device, FIFO or socket)", "zh-CN": "不是普通文件（而是设备、FIFO 或套接字）" },
  "file.missing": { en: "is missing", "zh-CN": "不存在" },
  "file.denied": { en: "cannot be read (permission denied)", "zh-CN": "无法读取（没有权限）" },
  "file.unreadable": { en: "cannot be read ({code})", "zh-CN": "无法读取（{code}）" },
  "file.tooLarge": { en: "is larger than {max} bytes", "zh-CN": "大于{max}字节" },
  "found.theFile": { en: "the file {problem}", "zh-CN": "文件{problem}" },
  "found.notUtf8": { en: "bytes that are not valid UTF-8", "zh-CN": "不是有效 UTF-8 的字节" },
  "found.notJson": { en: "text that is not valid JSON", "zh-CN": "不是有效 JSON 的文本" },
  "found.notJsonAt": { en: "text that is not valid JSON (at character {position})", "zh-CN": "不是有效 JSON 的文本（第{position}个字符处）" },
  "found.tooManyValues": { en: "more than {max} values", "zh-CN": "超过{max}个值" },
  "found.tooDeep": { en: "nesting deeper than {max} levels", "zh-CN": "嵌套超过{max}个层级" },

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
  "found.reservedKey": { en: "the reserved key {key}", "zh-CN": "保留键{key}" },

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
