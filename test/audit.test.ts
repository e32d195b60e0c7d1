import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, cliInProcess, tempDir } from "./helpers/cli.js";

/** A tiny CSV reader for files pointsim writes (no quoted commas in these columns). */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const columns = (header ?? "").split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((value, i) => [columns[i] ?? "", value])));
}

/** "-1234.56" → -123456 fen, by string, never through a float. */
function fen(text: string | undefined): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text ?? "");
  if (!match) throw new Error(`not a yuan amount: ${text}`);
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}

describe("the ledger journal (docs/audit.md)", () => {
  it("re-added day by day, gives every balance in timeseries.csv to the fen", async () => {
    const out = join(tempDir(), "run");
    expect((await cliInProcess(["run", "scenarios/seed-002-combined.yaml", "--out", out, "--journal", "-q"])).code).toBe(0);
    const journal = readCsv(join(out, "journal.csv"));
    const series = readCsv(join(out, "timeseries.csv"));
    const balances = new Map<string, number>();
    let line = 0;
    for (const row of series) {
      const day = Number(row.day);
      while (line < journal.length && Number(journal[line]?.day) === day) {
        const entry = journal[line++] as Record<string, string>;
        const amount = Number(entry.amount_fen);
        expect(Number.isSafeInteger(amount) && amount > 0).toBe(true);
        balances.set(entry.from as string, (balances.get(entry.from as string) ?? 0) - amount);
        balances.set(entry.to as string, (balances.get(entry.to as string) ?? 0) + amount);
      }
      expect({ day, cash: balances.get("platform.cash") ?? 0 }).toEqual({ day, cash: fen(row.platform_cash) });
      expect(balances.get("pool.support") ?? 0).toBe(fen(row.support_pool));
      expect(balances.get("users.change") ?? 0).toBe(fen(row.change_owed));
      expect(balances.get("users.withdrawalsPending") ?? 0).toBe(fen(row.withdrawals_pending));
      const total = [...balances.values()].reduce((a, b) => a + b, 0);
      expect(total).toBe(0);
    }
    expect(line).toBe(journal.length);
  });
});

describe("pointsim verify", () => {
  it("re-runs a run folder and finds it identical (exit 0)", async () => {
    const out = join(tempDir(), "run");
    await cliInProcess(["run", "scenarios/stress-arrivals-stop.yaml", "--out", out, "--journal", "-q", "--seed", "9"]);
    const { code, stdout } = cli(["verify", out]);
    expect(code).toBe(0);
    // 10: the run collapses, so after-collapse.json is among them.
    expect(stdout).toContain("verified, 10 files identical");
    expect(stdout).toContain("after-collapse.json");
  });

  it("names each file that differs and the first differing line (exit 1)", async () => {
    const out = join(tempDir(), "run");
    await cliInProcess(["run", "scenarios/seed-002-value-added-example.yaml", "--out", out, "-q"]);
    const path = join(out, "timeseries.csv");
    const lines = readFileSync(path, "utf8").split("\n");
    lines[2] = (lines[2] ?? "").replace("402.35", "412.35");
    writeFileSync(path, lines.join("\n"));
    const summaryPath = join(out, "summary.json");
    writeFileSync(summaryPath, readFileSync(summaryPath, "utf8").replace('"peakUsers": 2', '"peakUsers": 3'));
    const { code, stdout } = cli(["verify", out]);
    expect(code).toBe(1);
    expect(stdout).toContain("timeseries.csv: differs from the re-run, byte for byte; first difference at line 3:");
    expect(stdout).toContain("412.35");
    expect(stdout).toContain("summary.json: differs from the re-run");
    expect(stdout).not.toContain("scenario.resolved.json");
  });

  it("warns when the recorded versions differ from this pointsim and Node", async () => {
    const out = join(tempDir(), "run");
    await cliInProcess(["run", "scenarios/seed-002-value-added-example.yaml", "--out", out, "-q"]);
    const manifestPath = join(out, "manifest.json");
    writeFileSync(manifestPath, readFileSync(manifestPath, "utf8").replace(/"nodeVersion": "[^"]*"/, '"nodeVersion": "v0.0.1"'));
    const { code, stderr } = await cliInProcess(["verify", out]);
    expect(code).toBe(0);
    expect(stderr).toContain("warning: the run was made with Node v0.0.1");
  });

  it("refuses a folder without a manifest (exit 2)", async () => {
    const { code, stderr } = await cliInProcess(["verify", tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain("expected a pointsim manifest.json, found the file is missing");
  });
});
