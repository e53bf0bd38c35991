export type Env = Record<string, string | undefined>;

/** process.env with `overrides` applied; an undefined value removes the variable. */
export function mergeEnv(overrides: Env = {}): Record<string, string> {
  const env: Env = { ...process.env, ...overrides };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env as Record<string, string>;
}
