const BARS = "▁▂▃▄▅▆▇█";

/**
 * A one-line chart of a series: the values are split into `width` buckets, each drawn by the
 * height of its last value between the series' floor and maximum. The floor is zero unless the
 * series goes below it (as the report's charts do), so a series that is constant at a
 * million draws full bars and one that is constant at zero draws the lowest. Empty values are
 * skipped.
 */
export function sparkline(values: readonly (number | null)[], width = 48): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return "";
  let min = 0;
  let max = 0;
  for (const v of present) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const buckets = Math.min(width, values.length);
  let line = "";
  for (let b = 0; b < buckets; b++) {
    const end = Math.floor(((b + 1) * values.length) / buckets) - 1;
    let v: number | null = null;
    for (let i = end; i >= Math.floor((b * values.length) / buckets) && v === null; i--) v = values[i] ?? null;
    if (v === null) line += " ";
    else line += BARS[max === min ? 0 : Math.round(((v - min) / (max - min)) * (BARS.length - 1))];
  }
  return line;
}
