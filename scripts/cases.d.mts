/** Types of scripts/cases.mjs for test/cases.test.ts. */
export interface Case {
  name: string;
  title: string;
  scale: number;
  /** A changed scenario some figure needs, shipped as scenarios/cases/<name>.<variant.name>.yaml. */
  variant: { name: string; what: string } | null;
}
export declare const CASES: Case[];
export declare function caseRows(c: Case): (string | number)[][];
export declare function casesTable(): string;
export declare function replaceTable(doc: string, table: string): string;
export declare function variantYaml(c: Case, fittedText: string): string;
