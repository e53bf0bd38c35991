import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium: what `.ci/run` installs, and what the browser tests drive. */
export const CHROMIUM = '/usr/bin/chromium';

/** A headless Chromium with its own profile in `userDataDir`, a 1280x800 window, nothing reaching the internet. */
export const launchChromium = (userDataDir: string): Promise<BrowserContext> =>
  chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
