import { CORE_SIGNALS, type SignalSpec } from "../engine/collapse.js";
import { CORE_SHOCKS } from "../engine/shocks.js";
import { SCHEME_MODULES } from "../registry.js";
import { replaceBetween } from "./generated-section.js";

/**
 * docs/model.md's tables of shocks and failure signals, generated from their declarations (the
 * engine's, then each scheme's in registry order) by `npm run docs` and checked by a test, so a
 * new shock or signal cannot be missing from the model's statement.
 */
const SHOCKS_BEGIN = "<!-- shocks: generated from the shock declarations by `npm run docs`; edit src/engine/shocks.ts and each scheme's `shocks` -->";
const SHOCKS_END = "<!-- end of generated shocks -->";
const SIGNALS_BEGIN =
  "<!-- signals: generated from the signal declarations by `npm run docs`; edit src/engine/collapse.ts and each scheme's `collapseSignals` -->";
const SIGNALS_END = "<!-- end of generated signals -->";

const escapePipes = (text: string) => text.replaceAll("|", "\\|");
const COMBINE = { multiply: "multiply", largestShare: "the largest counts (at most 1)", largest: "the largest counts" } as const;

function shocksTable(): string {
  const rows = [
    ...CORE_SHOCKS.map(
      (s) =>
        `| \`${s.type}\` | engine | ${escapePipes(s.description)} | ${s.type === "arrivalsMultiplier" ? "multiply" : "one is enough"} | to the end of the run |`,
    ),
    ...SCHEME_MODULES.flatMap((m) =>
      (m.shocks ?? []).map(
        (s) =>
          `| \`${s.type}\` | ${escapePipes(m.title)} | ${escapePipes(s.description)} | ${COMBINE[s.combine]} | ${s.oneDay ? "its day" : "to the end of the run"} |`,
      ),
    ),
  ];
  return ["| shock | declared by | effect | several on one day | without `untilDay`, lasts |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** Every failure signal a run can read: the engine's, then each scheme's. */
export function declaredSignals(): { owner: string; spec: SignalSpec }[] {
  return [
    ...CORE_SIGNALS.map((spec) => ({ owner: "engine", spec })),
    ...SCHEME_MODULES.flatMap((m) => (m.collapseSignals ?? []).map((spec) => ({ owner: m.title, spec }))),
  ];
}

function signalsTable(): string {
  const rows = declaredSignals().map(({ spec }) => `| \`${spec.id}\` | ${spec.kind} | ${escapePipes(spec.firesWhen)} | ${escapePipes(spec.stressedFrom)} |`);
  return ["| signal | kind | fires when (thresholds under `collapse:`) | stressed from |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** docs/model.md with its generated shock and signal tables replaced. */
export function withModelTables(markdown: string): string {
  return replaceBetween(
    replaceBetween(markdown, SHOCKS_BEGIN, SHOCKS_END, shocksTable(), "docs/model.md"),
    SIGNALS_BEGIN,
    SIGNALS_END,
    signalsTable(),
    "docs/model.md",
  );
}
