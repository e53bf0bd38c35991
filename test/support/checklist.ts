/**
 * Reading a checklist as a person does: the numbered items the wizard printed, and in each item
 * the console controls it names in quotes. A quoted name inside brackets is an alternative or an
 * explanation ("Authenticator app" (or "Passkey or security key")), not a control to use.
 */

/** The heading, and under it the page's address on a line of its own (whole, to click or copy). */
const HEADER = /In the PRACTICE console:\n +(http:\/\/\S+)/g;

/** The last checklist in a terminal's text: its page and its items, each joined across wrapped lines. */
export function lastChecklist(text: string): { url: string; items: string[] } {
  const headers = [...text.matchAll(HEADER)];
  const header = headers.at(-1);
  if (!header) throw new Error(`no checklist in:\n${text.slice(-2000)}`);
  const items: string[] = [];
  for (const line of text.slice(header.index + header[0].length).split('\n').slice(1)) {
    const item = /^ {4}\d+\. (.*)$/.exec(line);
    if (item) items.push(item[1]!.trim());
    else if (items.length && /^ {6,}\S/.test(line)) items[items.length - 1] += ` ${line.trim()}`;
    else break;
  }
  return { url: header[1]!, items };
}

/** The controls an item names, in order: its quoted words outside brackets. */
export function controlsNamed(item: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let quoted: string | undefined;
  for (const c of item) {
    if (quoted !== undefined) {
      if (c === '"') {
        if (depth === 0) names.push(quoted);
        quoted = undefined;
      } else quoted += c;
    } else if (c === '"') quoted = '';
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  return names;
}
