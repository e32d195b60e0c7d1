import type { ScenarioProblem } from "../errors.js";
import type { Words } from "../i18n/words.js";

/**
 * One problem: its path (as it is, in both languages), what was expected and what was found. The
 * English is the problem's own fields, byte for byte what it always was; the Chinese is a
 * property that is not enumerable, so that a problem's JSON and its equality stay the English
 * one (src/errors.ts prints the Chinese in a zh-CN terminal).
 */
export function problem(path: string | Words, expected: Words, found: Words): ScenarioProblem {
  const built = { path: typeof path === "string" ? path : path.en, expected: expected.en, found: found.en };
  const zh =
    typeof path === "string" || path.zh === path.en ? { expected: expected.zh, found: found.zh } : { expected: expected.zh, found: found.zh, path: path.zh };
  Object.defineProperty(built, "zh", { value: zh, enumerable: false });
  return built as ScenarioProblem;
}

/** A problem's expected and found as words (the Chinese of a problem is always there: problem() builds every one). */
export function problemWords(p: ScenarioProblem): { expected: Words; found: Words } {
  return { expected: { en: p.expected, zh: p.zh.expected }, found: { en: p.found, zh: p.zh.found } };
}

/**
 * The same problem at another path (a spread would drop its Chinese, which is not enumerable);
 * a path with words in it (a note on where the problem arose) comes in both languages.
 */
export function atPath(p: ScenarioProblem, path: string | Words): ScenarioProblem {
  const { expected, found } = problemWords(p);
  return problem(path, expected, found);
}
