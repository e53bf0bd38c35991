/**
 * The first line of an AWS shared config or credentials file that the AWS CLI cannot parse. The
 * SDK's own parser skips such a line silently, so the profile it broke seems to have vanished;
 * the AWS CLI (botocore, Python's configparser) refuses the whole file. A line is readable when it
 * is blank, a comment (`#` or `;`), a `[section]`, a `key = value` inside a section, or an
 * indented continuation of a key (`s3 =` followed by indented settings).
 */
export function firstUnreadableLine(text: string): { line: number; text: string; why: string } | undefined {
  let inSection = false;
  let afterKey = false;
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const at = { line: index + 1, text: line.length > 60 ? `${line.slice(0, 57)}...` : line };
    if (line.startsWith('[')) {
      if (!line.endsWith(']') || line.length < 3) return { ...at, why: 'a section header is [name] or [profile name]' };
      inSection = true;
      afterKey = false;
      continue;
    }
    if (/^\s/.test(raw) && afterKey) continue;
    if (!inSection) return { ...at, why: 'every setting must come after a [section] header' };
    if (line.indexOf('=') <= 0) return { ...at, why: 'a setting is written key = value' };
    afterKey = true;
  }
  return undefined;
}
