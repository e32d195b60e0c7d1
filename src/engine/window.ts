/** Whether a scheme with this [startDay, endDay] window runs on `day`. */
export function inWindow(window: { startDay: number; endDay: number | null }, day: number): boolean {
  return day >= window.startDay && (window.endDay === null || day <= window.endDay);
}

/** A scheme's window as every scheme config has it (schemeWindow()). */
export interface SchemeWindow {
  enabled: boolean;
  startDay: number;
  endDay: number | null;
}

/**
 * The one "is this scheme on?" test: the config under `schemes.<key>` when its block is there
 * and enabled, else null (a scheme whose block is absent is off).
 */
export function enabledConfig(schemes: object, key: string): SchemeWindow | null {
  const config = (schemes as Record<string, SchemeWindow | undefined>)[key];
  return config && config.enabled ? config : null;
}
