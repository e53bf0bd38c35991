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

/** Links to the practice console served at `url`, for the checklists: it stands in for the AWS console. */
export const practiceLinks = (url: string): ConsoleLinks => ({
  rootCredentials: `${url}${PAGES.rootCredentials}`,
  signIn: (accountOrAlias) => `${url}${PAGES.signIn(accountOrAlias)}`,
  iamUser: (userName) => `${url}${PAGES.user(userName, 'security_credentials')}`,
  identityCenter: () => `${url}${PAGES.identityCenter}`,
  accessPortal: () => `${url}${PAGES.portal}`,
});
