import { PointsimError, type ScenarioProblem } from "../errors.js";
import { say } from "../i18n/messages.js";

/**
 * Why a candidate's run failed, in both languages: what fit and recommend record for a run that
 * gave no figures (fit.csv's and candidates.csv's failure, failureZh in a zh-CN folder).
 */
interface RunFailure {
  en: string;
  zh: string;
}

/** The scenario is invalid at the candidate's values: every problem, on one line. */
export function invalidScenarioFailure(problems: readonly ScenarioProblem[]): RunFailure {
  return {
    en: `invalid scenario: ${problems.map((p) => `${p.path}: expected ${p.expected}, found ${p.found}`).join("; ")}`,
    zh: `无效的情景：${problems.map((p) => say("zh-CN", "problem.line", { path: p.zh.path ?? p.path, expected: p.zh.expected, found: p.zh.found })).join("；")}`,
  };
}

/** The run stopped on an error (a limit, an exact-range overflow): its name and message; the English where pointsim has no Chinese for it. */
export function thrownFailure(error: unknown): RunFailure {
  const en = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { en, zh: error instanceof PointsimError ? `${error.name}：${error.messageIn("zh-CN")}` : en };
}
