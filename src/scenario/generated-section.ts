/**
 * A generated section of a hand-written document: the text between a begin and an end marker
 * is replaced by `body` (a blank line either side), the markers kept. Used for the tables that
 * `npm run docs` writes into docs/indicators.md and docs/model.md.
 */
export function replaceBetween(markdown: string, begin: string, end: string, body: string, document: string): string {
  const start = markdown.indexOf(begin);
  const stop = markdown.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`${document} has lost its generated-section markers (${begin.slice(5, 40)}...)`);
  return `${markdown.slice(0, start)}${begin}\n\n${body}\n\n${markdown.slice(stop)}`;
}
