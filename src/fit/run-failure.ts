import { PointsimError, type ScenarioProblem } from "../errors.js";
import { say } from "../i18n/messages.js";

/**
 * Why a run failed, in both languages: what fit, recommend and sweep record for a run that gave
 * no figures (fit.csv's and candidates.csv's failure, failureZh in a zh-CN folder; a sweep's
 * run log keeps both, so that a Chinese terminal can say it whatever the files' language).
 */
export interface RunFailure {
  en: string;
  zh: string;
}

/**
 * The scenario is invalid at the candidate's values: every problem, on one line, after `lead`
 * (a sweep says "at this point").
 */
export function invalidScenarioFailure(problems: readonly ScenarioProblem[], lead: RunFailure = { en: "invalid scenario", zh: "无效的情景" }): RunFailure {
  return {
    en: `${lead.en}: ${problems.map((p) => `${p.path}: expected ${p.expected}, found ${p.found}`).join("; ")}`,
    zh: `${lead.zh}：${problems.map((p) => say("zh-CN", "problem.line", { path: p.zh.path ?? p.path, expected: p.zh.expected, found: p.zh.found })).join("；")}`,
  };
}

/** The run stopped on an error (a limit, an exact-range overflow): its name and message; the English where pointsim has no Chinese for it. */
export function thrownFailure(error: unknown): RunFailure {
  const en = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { en, zh: error instanceof PointsimError ? `${error.name}：${error.messageIn("zh-CN")}` : en };
}
