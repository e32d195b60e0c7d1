/** Runs of three or more English words, once paths, file names, the scenario's name and the CTC abbreviation are taken out. */
export function englishSentences(text: string, remove: string[]): string[] {
  let rest = text;
  for (const r of remove) rest = rest.split(r).join(" ");
  rest = rest.replace(/\S+\.(json|csv|html|yaml)\b/g, " ");
  return [...rest.matchAll(/[A-Za-z][A-Za-z'-]*(?:[ ,;:]+[A-Za-z][A-Za-z'-]*){2,}/g)].map((m) => m[0]);
}
