#!/usr/bin/env node
// The report's browser test drives Debian's chromium through playwright-core (never a browser
// downloaded from anywhere else). `npm test` runs this first, so the README's test command works
// on a machine that has only Node and npm: when /usr/bin/chromium is missing and this process may
// install packages (root, or passwordless sudo), it installs Debian's chromium with apt-get.
// Otherwise it stops with the command to run: the browser test is never skipped silently.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return result.status === 0;
}

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const sudo = !isRoot && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
const hasApt = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
if (!hasApt || (!isRoot && !sudo)) {
  console.error(
    `${CHROMIUM} is missing and this user cannot install it. Install Debian's chromium first:\n  sudo apt-get update && sudo apt-get install -y chromium`,
  );
  process.exit(1);
}
const prefix = isRoot ? [] : ["sudo", "-n"];
const apt = (...args) => (prefix.length ? run(prefix[0], [...prefix.slice(1), "apt-get", ...args]) : run("apt-get", args));
console.error(`${CHROMIUM} is missing: installing Debian's chromium for the report's browser test (once)...`);
if (!apt("update", "-qq") || !apt("install", "-y", "-qq", "chromium") || !existsSync(CHROMIUM)) {
  console.error(`Could not install chromium with apt-get. Install it by hand: apt-get install -y chromium`);
  process.exit(1);
}
