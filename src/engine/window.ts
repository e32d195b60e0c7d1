/** Whether a scheme with this [startDay, endDay] window runs on `day`. */
export function inWindow(window: { startDay: number; endDay: number | null }, day: number): boolean {
  return day >= window.startDay && (window.endDay === null || day <= window.endDay);
}

/** A scheme's window as every scheme config has it (schemeWindow()). */
export interface SchemeWindow {
  enabled: boolean;
  startDay: number;
  endDay: number | null;
  exitUntilDay: number | null;
}

/** Whether holders may still sell back on `day` after the scheme's end (its exit window). */
export function inExitWindow(window: { endDay: number | null; exitUntilDay: number | null }, day: number): boolean {
  return window.endDay !== null && window.exitUntilDay !== null && day > window.endDay && day <= window.exitUntilDay;
}

/** Whether what a scheme's holders hold can still be sold back after `day` (in its window or exit window). */
export function exitsOpen(window: { endDay: number | null; exitUntilDay: number | null }, day: number): boolean {
  return window.endDay === null || day <= window.endDay || inExitWindow(window, day);
}

/**
 * The one "is this scheme on?" test: the config under `schemes.<key>` when its block is there
 * and enabled, else null (a scheme whose block is absent is off).
 */
export function enabledConfig(schemes: object, key: string): SchemeWindow | null {
  const config = (schemes as Record<string, SchemeWindow | undefined>)[key];
  return config?.enabled ? config : null;
}
