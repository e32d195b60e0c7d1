// Loaded into a child pointsim with `--import`: once its sweep has appended the number of
// runs.jsonl records POINTSIM_TEST_STOP_AFTER_RECORDS names, the process says so on stderr and
// stops itself (SIGSTOP), so a test kills it at a known point instead of after a guessed delay.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const after = Number(process.env.POINTSIM_TEST_STOP_AFTER_RECORDS);
const { openSync, writeSync } = fs;
const logs = new Set();
let records = 0;
// With POINTSIM_TEST_STOP_ONCE set, it stops only the first time, so a test can signal it and let it go on.
const once = process.env.POINTSIM_TEST_STOP_ONCE === "1";
let stopped = false;

fs.openSync = (path, ...rest) => {
  const fd = openSync(path, ...rest);
  if (String(path).endsWith("runs.jsonl")) logs.add(fd);
  return fd;
};
fs.writeSync = (fd, data, ...rest) => {
  const written = writeSync(fd, data, ...rest);
  if (logs.has(fd)) {
    const offset = typeof rest[0] === "number" && typeof data !== "string" ? rest[0] : 0;
    const text = typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset + offset, written).toString("utf8");
    records += text.split("\n").length - 1;
    if (records >= after && !(once && stopped)) {
      stopped = true;
      process.stderr.write(`stopped after ${records} records\n`);
      process.kill(process.pid, "SIGSTOP");
    }
  }
  return written;
};
syncBuiltinESMExports();
