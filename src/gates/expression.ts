import { ExpressionError } from "../errors.js";
import { type Words, words } from "../i18n/words.js";

/**
 * A small, safe expression language for CI gates (`assertions:` and `--fail-if`), over a
 * run's summary metrics. Nothing is evaluated as JavaScript.
 *
 *   expr    := or
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | compare
 *   compare := value (("==" | "!=" | "<" | "<=" | ">" | ">=") value)?
 *   value   := number | "null" | "true" | "false" | string | name | "(" expr ")"
 *   name    := identifier ("." identifier)*     e.g. collapseDay, schemes.sharedPurchase.lostSales
 *
 * null compares equal only to null; an ordering comparison with null (or a non-number) is
 * false. `and`, `or` and `not` need booleans. An unknown name is an error, so a typo fails
 * loudly instead of passing quietly.
 */
type Value = number | string | boolean | null;

type Node =
  | { kind: "literal"; value: Value }
  | { kind: "name"; path: string[] }
  | { kind: "not"; operand: Node }
  | { kind: "logic"; op: "and" | "or"; left: Node; right: Node }
  | { kind: "compare"; op: "==" | "!=" | "<" | "<=" | ">" | ">="; left: Node; right: Node };

interface Token {
  type: "num" | "str" | "ident" | "op" | "(" | ")";
  text: string;
  at: number;
}

const MAX_LENGTH = 2000;

function tokenize(source: string): Token[] {
  if (source.length > MAX_LENGTH) throw new ExpressionError(words("expression.tooLong", { max: MAX_LENGTH }), source.slice(0, 40));
  const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.exec(source);
  if (control)
    throw new ExpressionError(
      words("expression.control", { code: control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"), column: control.index + 1 }),
      printable(source),
    );
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const num = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(rest);
    const op = /^(==|!=|<=|>=|<|>)/.exec(rest);
    const ident = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
    const str = /^"([^"\\]*)"|^'([^'\\]*)'/.exec(rest);
    if (num && !(tokens.length > 0 && ["num", "ident", ")"].includes(tokens[tokens.length - 1]?.type ?? "") && c === "-")) {
      tokens.push({ type: "num", text: num[0], at: i });
      i += num[0].length;
    } else if (op) {
      tokens.push({ type: "op", text: op[0], at: i });
      i += op[0].length;
    } else if (ident) {
      tokens.push({ type: "ident", text: ident[0], at: i });
      i += ident[0].length;
    } else if (str) {
      tokens.push({ type: "str", text: str[1] ?? str[2] ?? "", at: i });
      i += str[0].length;
    } else if (c === "(" || c === ")") {
      tokens.push({ type: c, text: c, at: i });
      i++;
    } else {
      throw new ExpressionError(words("expression.unexpected", { text: c, column: i + 1 }), source);
    }
  }
  return tokens;
}

/** Parses an expression once; evaluate it against many runs. */
export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const keyword = (word: string) => peek()?.type === "ident" && peek()?.text === word;
  const fail = (what: Words): never => {
    const t = peek();
    throw new ExpressionError(t ? words("expression.misplaced", { text: t.text, column: t.at + 1, what }) : words("expression.earlyEnd", { what }), source);
  };
  let depth = 0;
  function or(): Node {
    let left = and();
    while (keyword("or")) {
      pos++;
      left = { kind: "logic", op: "or", left, right: and() };
    }
    return left;
  }
  function and(): Node {
    let left = not();
    while (keyword("and")) {
      pos++;
      left = { kind: "logic", op: "and", left, right: not() };
    }
    return left;
  }
  function not(): Node {
    if (keyword("not")) {
      pos++;
      return { kind: "not", operand: not() };
    }
    return compare();
  }
  function compare(): Node {
    const left = value();
    const t = peek();
    if (t?.type === "op") {
      pos++;
      return { kind: "compare", op: t.text as "==", left, right: value() };
    }
    return left;
  }
  function value(): Node {
    const t = peek();
    if (!t) return fail(words("expression.value"));
    pos++;
    if (t.type === "num") return { kind: "literal", value: Number(t.text) };
    if (t.type === "str") return { kind: "literal", value: t.text };
    if (t.type === "(") {
      if (++depth > 50) throw new ExpressionError(words("expression.tooDeep", { max: 50 }), source);
      const inner = or();
      depth--;
      if (peek()?.type !== ")") fail(words("expression.closing"));
      pos++;
      return inner;
    }
    if (t.type === "ident") {
      if (t.text === "null") return { kind: "literal", value: null };
      if (t.text === "true" || t.text === "false") return { kind: "literal", value: t.text === "true" };
      if (["and", "or", "not"].includes(t.text)) {
        pos--;
        return fail(words("expression.value"));
      }
      return { kind: "name", path: t.text.split(".") };
    }
    pos--;
    return fail(words("expression.value"));
  }
  const tree = or();
  if (pos < tokens.length) fail(words("expression.end"));
  return tree;
}

/** Names an expression reads (for checking them against the metrics before a sweep). */
export function namesIn(node: Node): string[] {
  switch (node.kind) {
    case "literal":
      return [];
    case "name":
      return [node.path.join(".")];
    case "not":
      return namesIn(node.operand);
    default:
      return [...namesIn(node.left), ...namesIn(node.right)];
  }
}

export function evaluate(node: Node, metrics: Record<string, unknown>, source: string): boolean {
  const result = value(node, metrics, source);
  if (typeof result !== "boolean") throw new ExpressionError(words("expression.notBoolean", { value: JSON.stringify(result) }), source);
  return result;
}

function value(node: Node, metrics: Record<string, unknown>, source: string): Value {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "name": {
      let current: unknown = metrics;
      for (const part of node.path) {
        if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) {
          throw new ExpressionError(words("expression.unknownMetric", { name: node.path.join(".") }), source);
        }
        current = (current as Record<string, unknown>)[part];
      }
      if (current === null || typeof current === "number" || typeof current === "string" || typeof current === "boolean") return current;
      throw new ExpressionError(words("expression.metricType", { name: node.path.join(".") }), source);
    }
    case "not": {
      const v = value(node.operand, metrics, source);
      if (typeof v !== "boolean") throw new ExpressionError(words("expression.needsBoolean", { op: "not", value: JSON.stringify(v) }), source);
      return !v;
    }
    case "logic": {
      const left = value(node.left, metrics, source);
      if (typeof left !== "boolean") throw new ExpressionError(words("expression.needsBoolean", { op: node.op, value: JSON.stringify(left) }), source);
      if (node.op === "or" && left) return true;
      if (node.op === "and" && !left) return false;
      const right = value(node.right, metrics, source);
      if (typeof right !== "boolean") throw new ExpressionError(words("expression.needsBoolean", { op: node.op, value: JSON.stringify(right) }), source);
      return right;
    }
    case "compare": {
      const a = value(node.left, metrics, source);
      const b = value(node.right, metrics, source);
      if (node.op === "==") return a === b;
      if (node.op === "!=") return a !== b;
      if (typeof a !== "number" || typeof b !== "number") return false;
      return node.op === "<" ? a < b : node.op === "<=" ? a <= b : node.op === ">" ? a > b : a >= b;
    }
  }
}

/**
 * Text safe to print on a terminal or put in XML: control characters (which could clear a
 * screen or fake a message) are shown as \u escapes.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
