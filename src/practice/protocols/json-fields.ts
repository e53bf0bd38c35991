import type { ModelRule } from '../../rules/aws-models.generated.js';
import { modelViolation, numberViolation } from '../../rules/field-rule.js';
import type { JsonBody } from './json-protocol.js';
import { ServiceError } from './query-protocol.js';

/**
 * Fields of a JSON request checked as the service checks them, by the rules of its API model
 * (src/rules, the same the wizard checks its inputs with). Each service names its own validation
 * error (Budgets: InvalidParameterException; the Account API: ValidationException).
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

  /** A string member, enums included. */
  string(name: string, model: ModelRule): string {
    const value = this.body[name];
    if (value === undefined || value === null) this.fail(name, 'Member must not be null');
    if (typeof value !== 'string') this.fail(name, 'Member must be a string');
    const violation = modelViolation(model, value);
    if (violation) this.fail(name, violation);
    return value;
  }

  optionalString(name: string, model: ModelRule): string | undefined {
    return this.has(name) ? this.string(name, model) : undefined;
  }

  /** An enum member whose values this code handles: `handled` must be among the model's. */
  oneOf<T extends string>(name: string, model: ModelRule, handled: readonly T[]): T {
    const value = this.string(name, model);
    if (!handled.includes(value as T)) throw this.invalid(`The practice account does not simulate ${name} ${value}; it takes ${handled.join(', ')}.`);
    return value as T;
  }

  number(name: string, model: ModelRule): number {
    const value = this.body[name];
    if (typeof value !== 'number' || Number.isNaN(value)) this.fail(name, 'Member must not be null');
    const violation = numberViolation(model, value);
    if (violation) this.fail(name, violation);
    return value;
  }

  /** A nested structure, checked with the same rules and named by its path in the messages. */
  object(name: string): JsonFields {
    const value = this.body[name];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(name, 'Member must not be null');
    return new JsonFields(value as JsonBody, this.invalid, `${this.where}${name[0]!.toLowerCase()}${name.slice(1)}.`);
  }

  list(name: string, model: ModelRule): JsonFields[] {
    const value = this.body[name] ?? [];
    if (!Array.isArray(value)) this.fail(name, 'Member must be a list');
    if ((model.min !== undefined && value.length < model.min) || (model.max !== undefined && value.length > model.max)) {
      this.fail(name, `Member must have length between ${model.min ?? 0} and ${model.max}`);
    }
    return value.map((item, i) => {
      if (typeof item !== 'object' || item === null) this.fail(`${name}.${i + 1}`, 'Member must not be null');
      return new JsonFields(item as JsonBody, this.invalid, `${this.where}${name[0]!.toLowerCase()}${name.slice(1)}.${i + 1}.`);
    });
  }
}
