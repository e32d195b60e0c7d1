import { mkdirSync, writeFileSync } from "node:fs";
import { scenarioJsonSchema, scenarioReferenceMarkdown } from "./reference.js";

/** `npm run docs`: regenerates the scenario reference and the published JSON Schema. */
const root = new URL("../../", import.meta.url);
mkdirSync(new URL("docs/", root), { recursive: true });
mkdirSync(new URL("schema/", root), { recursive: true });
writeFileSync(new URL("docs/scenario-reference.md", root), scenarioReferenceMarkdown());
writeFileSync(new URL("schema/scenario.schema.json", root), scenarioJsonSchema());
process.stdout.write("wrote docs/scenario-reference.md and schema/scenario.schema.json\n");
