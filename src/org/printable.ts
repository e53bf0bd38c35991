/**
 * Text from AWS made safe for a terminal: control characters (escape sequences included) become
 * U+FFFD, so a name can neither move the cursor nor recolour the screen. Organizations restricts
 * account names to printable ASCII, but an emulator or a changed rule must not be trusted with a terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}
