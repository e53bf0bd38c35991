import type { UI } from '../engine/ui.js';
import { PlainUI } from '../ui/plain-ui.js';
import type { OrgRunContext } from './main.js';

/** The questions an org command asks; answered by a person at a terminal, else by --yes and the defaults. */
export type Prompts = Pick<UI, 'confirm' | 'select' | 'text'>;

/** The terminal's prompts (the one module that drives them) when a person can answer, else the plain interface. */
export async function promptsFor(context: OrgRunContext, yes: boolean): Promise<Prompts> {
  if (context.prompts) return context.prompts;
  if (yes || !context.io.canPrompt) return new PlainUI(context.io, yes);
  const { TerminalUI } = await import('../ui/terminal-ui.js');
  return new TerminalUI(context.io, context.signal, context.stop);
}
