import { iamError } from '../account.js';

/** Request parameters checked as IAM checks them, with its "1 validation error detected" wording. */

export type Params = Record<string, string>;

const camel = (name: string) => name[0]!.toLowerCase() + name.slice(1);

export function required(params: Params, name: string, pattern?: RegExp, max = 128): string {
  const value = params[name];
  if (value === undefined) {
    throw iamError.validation(`1 validation error detected: Value null at '${camel(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return checked(name, value, pattern, max);
}

export function optional(params: Params, name: string, pattern?: RegExp, max = 128): string | undefined {
  const value = params[name];
  return value === undefined ? undefined : checked(name, value, pattern, max);
}

function checked(name: string, value: string, pattern: RegExp | undefined, max: number): string {
  const fail = (constraint: string) =>
    iamError.validation(`1 validation error detected: Value '${value}' at '${camel(name)}' failed to satisfy constraint: ${constraint}`);
  if (value.length < 1) throw fail('Member must have length greater than or equal to 1');
  if (value.length > max) throw fail(`Member must have length less than or equal to ${max}`);
  if (pattern && !new RegExp(`^(?:${pattern.source})$`).test(value)) throw fail(`Member must satisfy regular expression pattern: ${pattern.source}`);
  return value;
}

export const bool = (value: string | undefined) => value === 'true';

export const NAME = /[\w+=,.@-]+/;

export const userNameParam = (p: Params, name = 'UserName') => required(p, name, NAME, 64);
export const groupNameParam = (p: Params) => required(p, 'GroupName', NAME, 128);
export const policyArnParam = (p: Params) => required(p, 'PolicyArn', undefined, 2048);
