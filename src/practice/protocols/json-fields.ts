import type { JsonBody } from './json-protocol.js';
import { ServiceError } from './query-protocol.js';

/**
 * Fields of a JSON request checked as the service checks them. Each service names its own
 * validation error (Budgets: InvalidParameterException; the Account API: ValidationException).
 */
export class JsonFields {
  constructor(
    private readonly body: JsonBody,
    private readonly invalid: (message: string) => ServiceError,
    private readonly where = '',
  ) {}

  private fail(name: string, rule: string): never {
    throw this.invalid(`1 validation error detected: Value at '${this.where}${name[0]!.toLowerCase()}${name.slice(1)}' failed to satisfy constraint: ${rule}`);
  }

  has = (name: string) => this.body[name] !== undefined && this.body[name] !== null;

  string(name: string, pattern: RegExp, max: number): string {
    const value = this.body[name];
    if (value === undefined || value === null) this.fail(name, 'Member must not be null');
    if (typeof value !== 'string') this.fail(name, 'Member must be a string');
    if (value.length < 1 || value.length > max) this.fail(name, `Member must have length between 1 and ${max}`);
    if (!new RegExp(`^(?:${pattern.source})$`).test(value)) this.fail(name, `Member must satisfy regular expression pattern: ${pattern.source}`);
    return value;
  }

  optionalString(name: string, pattern: RegExp, max: number): string | undefined {
    return this.has(name) ? this.string(name, pattern, max) : undefined;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.body[name];
    if (typeof value !== 'string' || !values.includes(value as T)) this.fail(name, `Member must satisfy enum value set: [${values.join(', ')}]`);
    return value as T;
  }

  number(name: string, min: number, max: number): number {
    const value = this.body[name];
    if (typeof value !== 'number' || Number.isNaN(value)) this.fail(name, 'Member must not be null');
    if (value < min || value > max) this.fail(name, `Member must have value between ${min} and ${max}`);
    return value;
  }

  /** A nested structure, checked with the same rules and named by its path in the messages. */
  object(name: string): JsonFields {
    const value = this.body[name];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(name, 'Member must not be null');
    return new JsonFields(value as JsonBody, this.invalid, `${this.where}${name[0]!.toLowerCase()}${name.slice(1)}.`);
  }

  list(name: string, min: number, max: number): JsonFields[] {
    const value = this.body[name] ?? [];
    if (!Array.isArray(value)) this.fail(name, 'Member must be a list');
    if (value.length < min || value.length > max) this.fail(name, `Member must have length between ${min} and ${max}`);
    return value.map((item, i) => {
      if (typeof item !== 'object' || item === null) this.fail(`${name}.${i + 1}`, 'Member must not be null');
      return new JsonFields(item as JsonBody, this.invalid, `${this.where}${name[0]!.toLowerCase()}${name.slice(1)}.${i + 1}.`);
    });
  }
}
