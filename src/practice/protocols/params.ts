import { modelRule, modelViolation, numberViolation, type Member } from '../../rules/field-rule.js';
import { iamError } from '../account.js';

/**
 * Request parameters checked as IAM checks them, by the same rules the wizard checks its inputs
 * with (IAM's API model, src/rules), in IAM's "1 validation error detected" wording. A parameter
 * is named "Operation.Member", e.g. "CreateUser.UserName".
 */

export type Params = Record<string, string>;

const camel = (name: string) => name[0]!.toLowerCase() + name.slice(1);

const split = (member: string) => {
  const [operation, name] = member.split('.') as [string, string];
  return { name, model: modelRule('iam', `${operation}Request.${name}` as Member<'iam'>).model };
};

/** A sensitive member's value (a password) is left out of the message, as AWS leaves it out. */
const fail = (name: string, value: string | null, constraint: string, sensitive = false) =>
  iamError.validation(
    `1 validation error detected: Value${sensitive ? '' : value === null ? ' null' : ` '${value}'`} at '${camel(name)}' failed to satisfy constraint: ${constraint}`,
  );

export function required(params: Params, member: string): string {
  const { name, model } = split(member);
  const value = params[name];
  if (value === undefined) throw fail(name, null, 'Member must not be null');
  return checked(name, value, model);
}

export function optional(params: Params, member: string): string | undefined {
  const { name, model } = split(member);
  const value = params[name];
  return value === undefined ? undefined : checked(name, value, model);
}

/** An integer parameter, within its model's range. */
export function optionalInteger(params: Params, member: string): number | undefined {
  const { name, model } = split(member);
  const text = params[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text)) throw fail(name, text, 'Member must be an integer');
  const violation = numberViolation(model, value);
  if (violation) throw fail(name, text, violation);
  return value;
}

/** The value the model documents for a member left out (UpdateAccountPasswordPolicy's MinimumPasswordLength: 6). */
export const documentedDefault = (member: string) => split(member).model.default;

function checked(name: string, value: string, model: Parameters<typeof modelViolation>[0]): string {
  const violation = modelViolation(model, value);
  if (violation) throw fail(name, value, violation, model.sensitive);
  return value;
}

export const bool = (value: string | undefined) => value === 'true';

export const userNameParam = (p: Params, operation: string) => required(p, `${operation}.UserName`);
export const groupNameParam = (p: Params, operation: string) => required(p, `${operation}.GroupName`);
export const policyArnParam = (p: Params, operation: string) => required(p, `${operation}.PolicyArn`);
