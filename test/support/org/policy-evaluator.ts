// IAM's policy evaluation for the calls the test proxy answers itself (moto never sees them, so its
// enforcement cannot judge them): an explicit Deny wins, then an Allow, else the implicit deny.
// Statements with Action/NotAction, Resource/NotResource and the condition operators the shipped
// policies use. Source: "Policy evaluation logic" and "IAM JSON policy elements: Condition operators".

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export interface AuthorizationRequest {
  action: string;
  resource: string;
  /** Condition keys of the request, e.g. { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/…' }. */
  context: Record<string, string>;
}

export type Decision = 'allowed' | 'explicit-deny' | 'implicit-deny';

const list = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

/** `*` any run of characters, `?` one character. */
function glob(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '').test(value);
}

/** ArnLike/ArnEquals: each of the six colon-separated parts matched on its own, wildcards allowed. */
function arnMatches(pattern: string, arn: string): boolean {
  const p = pattern.split(':');
  const a = arn.split(':');
  if (p.length < 6 || a.length < 6) return false;
  const [p5, a5] = [p.slice(5).join(':'), a.slice(5).join(':')];
  return p.slice(0, 5).every((part, i) => glob(part, a[i]!, false)) && glob(p5, a5, false);
}

const OPERATORS: Record<string, (pattern: string, value: string) => boolean> = {
  StringEquals: (p, v) => p === v,
  StringLike: (p, v) => glob(p, v, false),
  StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  ArnEquals: arnMatches,
  ArnLike: arnMatches,
};

function conditionsHold(condition: PolicyStatement['Condition'], context: Record<string, string>): boolean {
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    const test = OPERATORS[operator];
    if (!test) throw new Error(`policy-evaluator: condition operator ${operator} is not supported`);
    for (const [key, patterns] of Object.entries(keys)) {
      const value = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      if (value === undefined || !list(patterns)!.some((p) => test(p, value))) return false;
    }
  }
  return true;
}

function applies(s: PolicyStatement, r: AuthorizationRequest): boolean {
  const actions = list(s.Action);
  const notActions = list(s.NotAction);
  const actionMatches = actions ? actions.some((a) => glob(a, r.action, true)) : !notActions!.some((a) => glob(a, r.action, true));
  if (!actionMatches) return false;
  const resources = list(s.Resource);
  const notResources = list(s.NotResource);
  const resourceMatches = resources ? resources.some((p) => p === '*' || arnMatches(p, r.resource)) : !notResources?.some((p) => p === '*' || arnMatches(p, r.resource));
  return resourceMatches && conditionsHold(s.Condition, r.context);
}

export function evaluate(documents: readonly PolicyDocument[], request: AuthorizationRequest): Decision {
  const statements = documents.flatMap((d) => (Array.isArray(d.Statement) ? d.Statement : [d.Statement]));
  const matching = statements.filter((s) => applies(s, request));
  if (matching.some((s) => s.Effect === 'Deny')) return 'explicit-deny';
  return matching.some((s) => s.Effect === 'Allow') ? 'allowed' : 'implicit-deny';
}
