import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { withColumnTables } from "./column-reference.js";
import { withModelTables } from "./model-reference.js";
import { scenarioJsonSchema, scenarioReferenceMarkdown } from "./reference.js";
import { fitValidatorSource, recommendValidatorSource, scenarioValidatorSource, sweepValidatorSource } from "./validators.js";

/** `npm run docs`: regenerates the scenario reference, the published JSON Schema and the validators. */
const root = new URL("../../", import.meta.url);
mkdirSync(new URL("docs/", root), { recursive: true });
mkdirSync(new URL("schema/", root), { recursive: true });
mkdirSync(new URL("generated/", root), { recursive: true });
writeFileSync(new URL("docs/scenario-reference.md", root), scenarioReferenceMarkdown());
writeFileSync(new URL("schema/scenario.schema.json", root), scenarioJsonSchema());
writeFileSync(new URL("generated/scenario-validator.js", root), scenarioValidatorSource());
writeFileSync(new URL("generated/sweep-validator.js", root), sweepValidatorSource());
writeFileSync(new URL("generated/fit-validator.js", root), fitValidatorSource());
writeFileSync(new URL("generated/recommend-validator.js", root), recommendValidatorSource());
const indicators = new URL("docs/indicators.md", root);
writeFileSync(indicators, withColumnTables(readFileSync(indicators, "utf8")));
const model = new URL("docs/model.md", root);
writeFileSync(model, withModelTables(readFileSync(model, "utf8")));
process.stdout.write(
  "wrote docs/scenario-reference.md, docs/indicators.md's column tables, docs/model.md's shock, signal, changeable-key and driver tables, schema/scenario.schema.json and generated/*-validator.js\n",
);
