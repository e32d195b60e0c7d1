import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

let cached: string | null = null;

/**
 * A hash of the model as built: the compiled engine and schemes. Two pointsim builds whose
 * model code differs give different hashes even at the same version number, so a sweep folder
 * or a shard made by one is never resumed or merged by the other.
 */
export function modelHash(): string {
  if (cached !== null) return cached;
  const hash = createHash("sha256");
  for (const folder of ["engine", "schemes"]) {
    const dir = new URL(`../${folder}/`, import.meta.url).pathname;
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith(".js"))
      .sort()) {
      hash.update(`${folder}/${name}\n`);
      hash.update(readFileSync(join(dir, name)));
    }
  }
  cached = hash.digest("hex");
  return cached;
}
