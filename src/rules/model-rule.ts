/** One member of a structure in an AWS API model, with its shape's constraints (see aws-models.generated.ts). */
export interface ModelRule {
  /** The model's shape name (e.g. userNameType), for citing the rule. */
  shape: string;
  type: string;
  min?: number;
  max?: number;
  /** A java.util.regex pattern that the whole value must match (see src/rules/java-regex.ts). */
  pattern?: string;
  enum?: readonly string[];
  /** For a list: the shape of its items. */
  member?: string;
  /** A secret (a password, a contact's details): AWS's errors leave its value out. */
  sensitive?: boolean;
  /** The value the service uses when the member is left out, as the model's documentation says. */
  default?: number | boolean | string;
  required?: boolean;
}
