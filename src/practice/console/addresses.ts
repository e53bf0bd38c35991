import type { ConsoleLinks } from '../../aws/console-links.js';

/**
 * The practice console's addresses, in one table: the pages link to each other through it, the
 * routes are registered on it, and the checklists' links (practiceLinks) come from it.
 */
export const PAGES = {
  home: '/',
  style: '/console.css',
  noScriptStyle: '/noscript.css',
  script: '/console.js',
  webauthnScript: '/webauthn.js',
  rootCredentials: '/security_credentials',
  /** A credential's delete dialog on root's page: kind is access-key or certificate. */
  deleteDialog: (kind: 'access-key' | 'certificate', id: string) => `/security_credentials?delete=${kind}&id=${encodeURIComponent(id)}`,
  users: '/users',
  user: (name: string, tab?: 'security_credentials') => `/users/${encodeURIComponent(name)}${tab ? `?tab=${tab}` : ''}`,
  assignMfa: (principal: string) => `/mfa/assign?principal=${encodeURIComponent(principal)}`,
  enrolment: (token: string) => `/mfa/assign/${token}`,
  signIn: (accountOrAlias: string) => `/signin/${encodeURIComponent(accountOrAlias)}`,
  signInStep: (accountOrAlias: string, token: string) => `/signin/${encodeURIComponent(accountOrAlias)}/${token}`,
  identityCenter: '/identity-center',
  /** The AWS access portal, where Identity Center users sign in. */
  portal: '/portal',
};

/**
 * Links to the practice console, for the checklists: it stands in for the AWS console (and the AWS
 * access portal). `link` adds the server's address and the run's token to a page's path
 * (PracticeServer.consoleUrl).
 */
export const practiceLinks = (link: (path: string) => string): ConsoleLinks => ({
  rootCredentials: link(PAGES.rootCredentials),
  signIn: (accountOrAlias) => link(PAGES.signIn(accountOrAlias)),
  iamUser: (userName) => link(PAGES.user(userName, 'security_credentials')),
  identityCenter: () => link(PAGES.identityCenter),
  accessPortal: () => link(PAGES.portal),
});

/**
 * The same pages named by their path alone, for what is printed after the practice console has
 * closed (`status` starts none that lasts): "/signin/jane in the practice console", never a link to
 * a port nobody listens on any more, nor the run's token.
 */
export const closedPracticeLinks = (): ConsoleLinks => practiceLinks((path) => `${path} in the practice console`);
