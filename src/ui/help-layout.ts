import { lines, paragraph } from './layout.js';
import { Text } from './text.js';

/** --help is laid out for the window, at most this wide, so it reads the same in a pipe. */
const HELP_WIDTH = 80;
/** Where an option's text starts: after two spaces and the name padded to 25. */
const OPTION_COLUMN = 28;

/**
 * The parts --help texts are made of, for a window `width` columns wide: usage lines naming the
 * program as it was started (`npm start --`, `npx …`), whose text starts at `usageColumn` where it
 * fits on the line (else on the lines under it, at column 6), options whose text hangs at column 28 (under the name when the name
 * is longer), and headings; every text wrapped between words with its continuation aligned.
 */
export function helpLayout(width: number, program: string, usageColumn = 38) {
  const w = Math.min(width, HELP_WIDTH);
  return {
    width: w,
    usage(words: string, what: string): Text {
      const lead = `  ${program} ${words}`;
      // Beside the command where it fits on that line, else under it: never a column too narrow to read.
      const beside = lead.length < usageColumn - 1 && usageColumn + what.length <= w;
      return beside ? Text.ours(`${lead.padEnd(usageColumn - 1)} ${Text.of(what).value}`) : lines(lead, paragraph(w, '      ', what));
    },
    option(name: string, text: string): Text {
      return name.length <= OPTION_COLUMN - 4 ? paragraph(w, `  ${name.padEnd(OPTION_COLUMN - 3)} `, text) : lines(`  ${name}`, paragraph(w, ' '.repeat(OPTION_COLUMN), text));
    },
    heading: (text: string): Text => paragraph(w, '', text),
    /** Lines indented by two, wrapped. */
    text: (text: string): Text => paragraph(w, '  ', text),
  };
}
