import { afterEach, beforeEach } from 'vitest';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { PracticeAccount } from '../../src/practice/account.js';
import { newAccountScenario, type Scenario } from '../../src/practice/scenarios/scenario.js';
import { PRACTICE_CREDENTIALS, startPracticeServer, type PracticeServer } from '../../src/practice/server.js';

/**
 * The practice console over HTTP, in-process, as a browser without script reaches it (at
 * localhost, as the program links it): a page is fetched, a form is posted, a redirect is seen.
 */

export interface ConsoleClient {
  server: PracticeServer;
  /** The SDK pointed at the same account: what the wizard reads. */
  aws: AwsClients;
  /** The account's clock, which a test may move (the hardware token's codes). */
  clock: { now: Date };
  get(path: string): Promise<{ status: number; html: string }>;
  post(path: string, form: Record<string, string>): Promise<{ status: number; location: string | null; html: string }>;
  /** A redirect followed, as a browser would: the page it lands on. */
  follow(location: string | null): Promise<{ status: number; html: string }>;
}

/** A fresh practice account and its server for each test (from `scenario` when given). */
export function useConsole(scenario: () => Scenario = () => newAccountScenario()): ConsoleClient {
  const client = { clock: { now: new Date() } } as ConsoleClient;
  beforeEach(async () => {
    client.clock.now = new Date();
    client.server = await startPracticeServer(new PracticeAccount(scenario(), undefined, () => client.clock.now));
    client.aws = await createClients({ endpoint: client.server.url, region: 'us-east-1', credentials: PRACTICE_CREDENTIALS });
  });
  afterEach(() => client.server.close());
  const base = () => client.server.consoleUrl;
  client.get = async (path) => {
    const res = await fetch(`${base()}${path}`);
    return { status: res.status, html: await res.text() };
  };
  client.post = async (path, form) => {
    const res = await fetch(`${base()}${path}`, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  client.follow = (location) => {
    if (!location) throw new Error('no redirect');
    return client.get(location);
  };
  return client;
}

/** The first group of `pattern` in `html`, or '' (HTML-escaped as the page has it). */
export const pick = (html: string, pattern: RegExp) => pattern.exec(html)?.[1] ?? '';

/** A page's text without tags, its entities read back, spaces collapsed: what a person reads. */
export const text = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    // A block ends a line of text; an inline element (a link, code, strong) is part of its sentence.
    .replace(/<\/?(p|li|h\d|td|th|tr|div|section|br|label|ul|ol|table|caption|dialog|aside|main|header|nav|form|legend|fieldset|button|input|title)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
