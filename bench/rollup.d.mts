// Types of bench/rollup.mjs, for the test that runs it at a tiny scale (test/e2e/rollup-bench.test.ts).
export declare const communeId: (c: number) => string;
export declare function communeForms(root: string, dir: string, criteriaPath: string, parentRows: number[]): Promise<number>;
export declare function splitByParent(resultsPath: string, tierId: string, outDir: string): Promise<{ files: string[]; units: number }>;
export declare function unitLines(resultsPath: string, tierId: string): Promise<Map<string, string>>;
export declare function sameUnits(aPath: string, bPath: string, tierId: string): Promise<{ units: number; identical: boolean; sourceOnly: number; differ: string[] }>;
