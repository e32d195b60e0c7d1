/** Whether a scheme with this [startDay, endDay] window runs on `day`. */
export function inWindow(window: { startDay: number; endDay: number | null }, day: number): boolean {
  return day >= window.startDay && (window.endDay === null || day <= window.endDay);
}
