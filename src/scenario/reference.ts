import { ScenarioSchema } from "./schema.js";

/**
 * docs/scenario-reference.md and schema/scenario.schema.json are generated from the one
 * schema the loader validates with (`npm run docs`); a test fails when they are stale.
 */
interface SchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  unit?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  decimals?: number;
  pattern?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  const?: unknown;
  minItems?: number;
  maxItems?: number;
}

interface Row {
  key: string;
  type: string;
  unit: string;
  default: string;
  range: string;
  description: string;
}

function typeOf(node: SchemaNode): string {
  if (node.anyOf)
    return node.anyOf.every((n) => n.const !== undefined) ? node.anyOf.map((n) => JSON.stringify(n.const)).join(", ") : node.anyOf.map(typeOf).join(" or ");
  const types = Array.isArray(node.type) ? node.type : [node.type ?? "any"];
  return types.map((t) => (t === "array" ? `list of ${node.items ? typeOf(node.items) : "any"}` : t === "object" ? "mapping" : String(t))).join(" or ");
}

function rangeOf(node: SchemaNode): string {
  const parts: string[] = [];
  if (node.exclusiveMinimum !== undefined) parts.push(`> ${node.exclusiveMinimum}`);
  else if (node.minimum !== undefined) parts.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined) parts.push(`≤ ${node.maximum}`);
  if (node.decimals !== undefined) parts.push(`≤ ${node.decimals} decimals`);
  if (node.minItems !== undefined) parts.push(`≥ ${node.minItems} items`);
  if (node.maxItems !== undefined) parts.push(`≤ ${node.maxItems} items`);
  if (node.pattern !== undefined) parts.push(`\`${node.pattern}\``);
  return parts.join(", ");
}

function defaultOf(node: SchemaNode, required: boolean): string {
  if (node.default === undefined) return required ? "required" : "(absent: off)";
  if (typeof node.default === "object" && node.default !== null && !Array.isArray(node.default) && Object.keys(node.default).length === 0) return "";
  return `\`${JSON.stringify(node.default)}\``;
}

function walk(node: SchemaNode, path: string, required: boolean, rows: Row[]): void {
  if (path !== "") {
    rows.push({
      key: path,
      type: typeOf(node),
      unit: node.unit ?? "",
      default: defaultOf(node, required),
      range: rangeOf(node),
      description: node.description ?? "",
    });
  }
  if (node.properties) {
    for (const [key, child] of Object.entries(node.properties)) walk(child, path === "" ? key : `${path}.${key}`, node.required?.includes(key) ?? false, rows);
  }
  const items = node.items;
  if (items?.properties) {
    for (const [key, child] of Object.entries(items.properties)) walk(child, `${path}[].${key}`, items.required?.includes(key) ?? false, rows);
  }
}

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function scenarioReferenceMarkdown(): string {
  const rows: Row[] = [];
  walk(ScenarioSchema as unknown as SchemaNode, "", false, rows);
  const lines = [
    "# Scenario reference",
    "",
    "<!-- Generated from src/scenario/schema.ts and the scheme modules by `npm run docs`. Do not edit by hand. -->",
    "",
    "Every key a scenario file (YAML or JSON) may hold. Unknown keys are errors. Money is in yuan with at most 2 decimals;",
    "points have at most 4 decimals; rates and probabilities at most 6. `[]` marks the items of a list. A scheme block that is",
    "absent is off; when present, its keys take the defaults shown. The loader also checks these rules across fields:",
    "",
    "- a product's `cost + platformMargin + distribution ≤ price`; product ids and segment names are unique;",
    "- `firstOrderProduct` and `population.scheduled[].segment` name an existing product / segment;",
    "- a list whose schema says `ascendingBy` (e.g. `schemes.ads.tiers` by `minBalance`) ascends strictly by that key;",
    "- every `endDay` (arrivals, schemes) is ≥ its `startDay`; a shock's `untilDay` is ≥ its `day`;",
    "- no value is NaN or infinite, no key is `__proto__`, `constructor` or `prototype`; files are at most 1 MiB;",
    "- `population.maxUsers × days` is at most 20,000,000,000 user-days;",
    "- a change's `key` leads to a value (as a sweep's key) that may change mid-run (docs/model.md's table), its `day` is within the run,",
    "  one key changes at most once a day, and its `value` passes the key's field and these rules on the scenario it leaves;",
    "- a response's `driver` is declared by the engine or by a scheme that is on; a retired shock type (`rightsFixedPayout`) names its `changes:` form.",
    "",
    "| key | type | unit | default | range | meaning |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| \`${r.key}\` | ${cell(r.type)} | ${cell(r.unit)} | ${cell(r.default)} | ${cell(r.range)} | ${cell(r.description)} |`),
    "",
  ];
  return lines.join("\n");
}

/** The JSON Schema editors can use (draft-07 keywords; `unit` is an annotation). */
export function scenarioJsonSchema(): string {
  return `${JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", $id: "https://pointsim.invalid/scenario.schema.json", title: "pointsim scenario", ...ScenarioSchema }, null, 2)}\n`;
}
