import { readFileSync } from "node:fs";

/** pointsim's version, read from package.json beside dist/ and src/. */
export const VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
