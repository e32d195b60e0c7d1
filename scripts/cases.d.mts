/** Types of scripts/cases.mjs for test/cases.test.ts. */
export interface Case {
  name: string;
  title: string;
  scale: number;
  /** A changed scenario some figure needs, shipped as scenarios/cases/<name>.<variant.name>.yaml. */
  variant: { name: string; what: string } | null;
}
export declare const CASES: Case[];
/** What the table reads of a run: the run of a committed scenario file on its own seed. */
export type RunFile = (file: string) => import("../src/engine/engine.js").RunResult;
export declare function caseRows(c: Case, run?: RunFile): (string | number)[][];
export declare function casesTable(run?: RunFile): string;
export declare function replaceTable(doc: string, table: string): string;
export declare function variantYaml(c: Case, fittedText: string): string;
