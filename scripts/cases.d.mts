/** Types of scripts/cases.mjs for test/cases.test.ts. */
export interface Case {
  name: string;
  title: string;
  scale: number;
}
export declare const CASES: Case[];
export declare function caseRows(c: Case): (string | number)[][];
export declare function casesTable(): string;
export declare function replaceTable(doc: string, table: string): string;
