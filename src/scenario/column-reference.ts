import { CORE_COLUMNS, timeseriesColumnSpecs, type ColumnSpec } from "../engine/columns.js";
import { SCHEME_MODULES } from "../registry.js";

const BEGIN = "<!-- generated from the column declarations by `npm run docs`; edit src/engine/columns.ts and each scheme's `columns` -->";
const END = "<!-- end of generated columns -->";

function table(columns: readonly ColumnSpec[]): string {
  const escape = (text: string) => text.replaceAll("|", "\\|");
  return ["| column | unit | meaning |", "| --- | --- | --- |", ...columns.map((c) => `| \`${c.name}\` | ${c.unit} | ${escape(c.description)} |`)].join("\n");
}

/** The column tables of docs/indicators.md: the engine's columns, then each scheme's, in registry order. */
export function columnTablesMarkdown(): string {
  const all = timeseriesColumnSpecs(SCHEME_MODULES);
  const schemeOwned = new Set(SCHEME_MODULES.flatMap((m) => [...m.columns, ...(m.liabilityColumn ? [m.liabilityColumn] : [])].map((c) => c.name)));
  const engine = all.filter((c) => !schemeOwned.has(c.name));
  const sections = [`## Engine columns\n\nThe engine's ${CORE_COLUMNS.length} columns and the schemes' pool balances, in file order.\n\n${table(engine)}`];
  for (const m of SCHEME_MODULES) {
    const own = [...(m.liabilityColumn ? [m.liabilityColumn] : []), ...m.columns];
    if (own.length > 0) sections.push(`## ${m.title} (\`schemes.${m.key}\`)\n\n${table(own)}`);
  }
  return `${BEGIN}\n\n${sections.join("\n\n")}\n\n${END}`;
}

/** docs/indicators.md with its generated part replaced by `columnTablesMarkdown()`. */
export function withColumnTables(markdown: string): string {
  const start = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error("docs/indicators.md has lost its generated-columns markers");
  return markdown.slice(0, start) + columnTablesMarkdown() + markdown.slice(end + END.length);
}
