/**
 * Text from outside (what AWS holds, what a person typed and AWS takes, such as an alternate
 * contact's name, where the Account API allows control characters) made safe for a terminal:
 * control characters, and the invisible ones that reorder or hide text, shown as \u{…} escapes.
 */
export const printable = (text: string): string =>
  text.replace(/[\p{Cc}\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
