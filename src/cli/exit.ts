/** Exit codes (README, "Exit codes"). */
export const EXIT = { ok: 0, failed: 1, badInput: 2, runError: 3, internal: 70, io: 74, busy: 75, interrupted: 130 } as const;
