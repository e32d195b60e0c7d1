import { CORE_COLUMNS, timeseriesColumnSpecs, type ColumnSpec } from "../engine/columns.js";
import { SCHEME_MODULES } from "../registry.js";
import { replaceBetween } from "./generated-section.js";

const BEGIN = "<!-- generated from the column declarations by `npm run docs`; edit src/engine/columns.ts and each scheme's `columns` -->";
const END = "<!-- end of generated columns -->";

function table(columns: readonly ColumnSpec[]): string {
  const escapePipes = (text: string) => text.replaceAll("|", "\\|");
  return ["| column | unit | meaning |", "| --- | --- | --- |", ...columns.map((c) => `| \`${c.name}\` | ${c.unit} | ${escapePipes(c.description)} |`)].join(
    "\n",
  );
}

/** The column tables of docs/indicators.md: the engine's columns, then each scheme's, in registry order. */
function columnTables(): string {
  const all = timeseriesColumnSpecs(SCHEME_MODULES);
  const schemeOwned = new Set(SCHEME_MODULES.flatMap((m) => [...m.columns, ...(m.liabilityColumn ? [m.liabilityColumn] : [])].map((c) => c.name)));
  const engine = all.filter((c) => !schemeOwned.has(c.name));
  const sections = [`## Engine columns\n\nThe engine's ${CORE_COLUMNS.length} columns and the schemes' pool balances, in file order.\n\n${table(engine)}`];
  for (const m of SCHEME_MODULES) {
    const own = [...(m.liabilityColumn ? [m.liabilityColumn] : []), ...m.columns];
    if (own.length > 0) sections.push(`## ${m.title} (\`schemes.${m.key}\`)\n\n${table(own)}`);
  }
  return sections.join("\n\n");
}

/** docs/indicators.md with its generated part replaced by the column tables. */
export function withColumnTables(markdown: string): string {
  return replaceBetween(markdown, BEGIN, END, columnTables(), "docs/indicators.md");
}
