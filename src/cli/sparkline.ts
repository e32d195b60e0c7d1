const BARS = "▁▂▃▄▅▆▇█";

/**
 * A one-line chart of a series: the values are split into `width` buckets, each drawn by the
 * height of its last value between the series' minimum and maximum. Empty values are skipped.
 */
export function sparkline(values: readonly (number | null)[], width = 48): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return "";
  const min = Math.min(...present);
  const max = Math.max(...present);
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
