import { PAGES } from '../addresses.js';
import { NO_SCRIPT_STYLE, SCRIPT, STYLE } from '../html.js';
import type { Route } from '../router.js';
import { WEBAUTHN_SCRIPT } from '../webauthn.js';
import { routes as assignMfa } from './assign-mfa.js';
import { routes as dashboard } from './dashboard.js';
import { routes as identityCenter } from './identity-center.js';
import { routes as rootCredentials } from './root-credentials.js';
import { routes as signIn } from './sign-in.js';
import { routes as users } from './users.js';

/** The practice console's style and scripts, served as files (no inline script or style in a page). */
const assets: Route[] = [
  { method: 'GET', path: PAGES.style, handle: () => ({ file: STYLE, type: 'text/css; charset=utf-8' }) },
  { method: 'GET', path: PAGES.noScriptStyle, handle: () => ({ file: NO_SCRIPT_STYLE, type: 'text/css; charset=utf-8' }) },
  { method: 'GET', path: PAGES.script, handle: () => ({ file: SCRIPT, type: 'text/javascript; charset=utf-8' }) },
  { method: 'GET', path: PAGES.webauthnScript, handle: () => ({ file: WEBAUTHN_SCRIPT, type: 'text/javascript; charset=utf-8' }) },
];

/** Every page of the practice console, module by module: a new console page is a module exporting its routes, added here. */
export const CONSOLE_ROUTES: Route[] = [...assets, ...dashboard, ...rootCredentials, ...users, ...assignMfa, ...signIn, ...identityCenter];
