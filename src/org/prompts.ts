import type { UI } from '../engine/ui.js';
import { PlainUI } from '../ui/plain-ui.js';
import type { OrgRunIO } from './main.js';

/** The questions an org command asks; answered by a person at a terminal, else by --yes and the defaults. */
export type Prompts = Pick<UI, 'confirm' | 'select' | 'text'>;

/** The terminal's prompts (the one module that drives them) when a person can answer, else the plain interface. */
export async function promptsFor(io: OrgRunIO, yes: boolean): Promise<Prompts> {
  if (io.prompts) return io.prompts;
  if (yes || !(io.isTTY.stdin && io.isTTY.stdout)) return new PlainUI(yes, io.stdout);
  const { TerminalUI } = await import('../ui/terminal-ui.js');
  return new TerminalUI(io.signal, io.stop, io.stdout as NodeJS.WriteStream);
}
