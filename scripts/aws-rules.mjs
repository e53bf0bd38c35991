#!/usr/bin/env node
// Extracts AWS's own rules for every field this program sends (and the practice account
// receives) from botocore's API models, into src/rules/aws-models.generated.ts.
//
//   node scripts/aws-rules.mjs          writes the file
//   node scripts/aws-rules.mjs --check  exits 1 when the file differs from what the models say
//
// The published bundle cannot read botocore, so the rules are committed; test/rules/generated.test.ts
// regenerates them from the botocore on the machine, so a model change fails a test instead of
// drifting silently. botocore is found through python3 (the AWS CLI v1 and moto both carry it), or
// BOTOCORE_DATA names its data folder.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const OUTPUT = new URL('../src/rules/aws-models.generated.ts', import.meta.url).pathname;

/**
 * Per service: its model's folder, and the members whose shapes are wanted, as "Structure.Member"
 * ("Structure.*" for every member, for the objects a practice scenario holds in AWS's own form).
 */
export const WANTED = {
  iam: {
    model: 'iam/2010-05-08',
    // Every request the practice account answers (src/practice), and the wizard's among them.
    members: [
      'CreateUser',
      'GetUser',
      'CreateGroup',
      'GetGroup',
      'AddUserToGroup',
      'ListGroupsForUser',
      'CreateLoginProfile',
      'GetLoginProfile',
      'AttachUserPolicy',
      'AttachGroupPolicy',
      'ListAttachedUserPolicies',
      'ListAttachedGroupPolicies',
      'ListEntitiesForPolicy',
      'GetAccountAuthorizationDetails',
      'UpdateAccountPasswordPolicy',
      'CreateAccountAlias',
      'DeleteAccountAlias',
      'ListAccessKeys',
      'GetAccessKeyLastUsed',
      'ListUserPolicies',
      'DeleteAccessKey',
      'UpdateAccessKey',
      'CreateVirtualMFADevice',
      'EnableMFADevice',
      'DeactivateMFADevice',
      'DeleteVirtualMFADevice',
      'ListMFADevices',
      'ListVirtualMFADevices',
    ]
      .map((operation) => `${operation}Request.*`)
      .concat('PasswordPolicy.*'),
  },
  account: {
    model: 'account/2021-02-01',
    members: ['PutAlternateContactRequest.*'],
  },
  organizations: {
    model: 'organizations/2016-11-28',
    // What `org` takes from a person: member account ids and an OU (or root) id.
    members: ['RegisterDelegatedAdministratorRequest.AccountId', 'ListAccountsForParentRequest.ParentId'],
  },
  sts: {
    model: 'sts/2011-06-15',
    members: ['AssumeRootRequest.TargetPrincipal', 'AssumeRootRequest.DurationSeconds'],
  },
  budgets: {
    model: 'budgets/2016-10-20',
    members: [
      'CreateBudgetRequest.AccountId',
      'CreateBudgetRequest.NotificationsWithSubscribers',
      'Budget.BudgetName',
      'Budget.BudgetType',
      'Budget.TimeUnit',
      'Spend.*',
      'Notification.NotificationType',
      'Notification.ComparisonOperator',
      'Notification.Threshold',
      'Notification.ThresholdType',
      'NotificationWithSubscribers.Subscribers',
      'Subscriber.*',
    ],
  },
  // IAM Identity Center: the admin's user in the identity store, and its permission set and
  // assignment (the Identity Center way of admin-user); every request the practice account answers.
  identitystore: {
    model: 'identitystore/2020-06-15',
    members: ['CreateUser', 'GetUserId', 'DescribeUser'].map((operation) => `${operation}Request.*`).concat('Name.*', 'Email.*', 'UniqueAttribute.*'),
  },
  'sso-admin': {
    model: 'sso-admin/2020-07-20',
    members: [
      'ListInstances',
      'CreatePermissionSet',
      'DescribePermissionSet',
      'ListPermissionSets',
      'AttachManagedPolicyToPermissionSet',
      'ListManagedPoliciesInPermissionSet',
      'CreateAccountAssignment',
      'ListAccountAssignments',
      'ListAccountsForProvisionedPermissionSet',
    ]
      .map((operation) => `${operation}Request.*`)
      // Its request id's pattern (UUId) uses \b, which no rule here reads: the id is looked up whole.
      .concat('DescribeAccountAssignmentCreationStatusRequest.InstanceArn'),
  },
};

const CONSTRAINTS = ['type', 'min', 'max', 'pattern', 'enum', 'sensitive'];

/** botocore's data folder: BOTOCORE_DATA, else asked of python3. */
export function botocoreData() {
  if (process.env.BOTOCORE_DATA) return process.env.BOTOCORE_DATA;
  const script = 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))';
  return execFileSync('python3', ['-c', script], { encoding: 'utf8' }).trim();
}

const loadModel = (data, folder) => JSON.parse(gunzipSync(readFileSync(join(data, folder, 'service-2.json.gz'))).toString('utf8'));

const text = (html) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** "If you do not specify a value ..., the operation uses the default value of <code>6</code>." */
function documentedDefault(doc) {
  const found = /default value of <code>([^<]+)<\/code>/.exec(doc ?? '');
  if (!found) return undefined;
  const value = found[1];
  return value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;
}

function memberRule(model, structure, member) {
  const ref = model.shapes[structure]?.members?.[member];
  if (!ref) throw new Error(`${structure}.${member} is not in the model`);
  const shape = model.shapes[ref.shape];
  const rule = { shape: ref.shape };
  for (const key of CONSTRAINTS) if (shape[key] !== undefined) rule[key] = shape[key];
  if (shape.type === 'list') rule.member = shape.member.shape;
  const fallback = documentedDefault(ref.documentation);
  if (fallback !== undefined) rule.default = fallback;
  if (model.shapes[structure].required?.includes(member)) rule.required = true;
  return rule;
}

/**
 * IAM's definitions of the password-policy character classes, as its model documents them:
 * "at least one of the following symbols: ! @ # ..." and "(A to Z)", "(a to z)", "(0 to 9)".
 */
function passwordClasses(iam) {
  const docs = iam.shapes.UpdateAccountPasswordPolicyRequest.members;
  const range = (member) => {
    const found = /\((\w) to (\w)\)/.exec(text(docs[member].documentation));
    if (!found) throw new Error(`no "(x to y)" range in the documentation of ${member}`);
    return `${found[1]}-${found[2]}`;
  };
  const paragraphs = [...docs.RequireSymbols.documentation.matchAll(/<p>(.*?)<\/p>/g)].map((m) => text(m[1]));
  const symbols = paragraphs.find((p) => /^(\S )+\S$/.test(p));
  if (!symbols) throw new Error('no list of symbols in the documentation of RequireSymbols');
  return {
    uppercase: range('RequireUppercaseCharacters'),
    lowercase: range('RequireLowercaseCharacters'),
    numbers: range('RequireNumbers'),
    symbols: symbols.split(' ').join(''),
  };
}

/** Everything the generated file holds, from the models under `data`. */
export function extractRules(data = botocoreData()) {
  const services = {};
  let classes;
  for (const [service, wanted] of Object.entries(WANTED)) {
    const model = loadModel(data, wanted.model);
    const members = {};
    for (const path of wanted.members) {
      const [structure, member] = path.split('.');
      const names = member === '*' ? Object.keys(model.shapes[structure].members) : [member];
      for (const name of names) members[`${structure}.${name}`] = memberRule(model, structure, name);
    }
    services[service] = { model: `${wanted.model}/service-2.json.gz`, members };
    if (service === 'iam') classes = passwordClasses(model);
  }
  return { services, passwordClasses: classes };
}

/** The TypeScript module, as committed. */
export function renderRules(rules) {
  // One member a line: a model change shows as a one-line diff.
  const services = Object.entries(rules.services).map(([service, { model, members }]) => {
    const lines = Object.entries(members).map(([name, rule]) => `      ${JSON.stringify(name)}: ${JSON.stringify(rule)},`);
    const key = /^[A-Za-z_]\w*$/.test(service) ? service : JSON.stringify(service);
    return `    ${key}: {\n      model: ${JSON.stringify(model)},\n      members: {\n  ${lines.join('\n  ')}\n      },\n    },`;
  });
  const json = `{\n  services: {\n${services.join('\n')}\n  },\n  passwordClasses: ${JSON.stringify(rules.passwordClasses)},\n}`;
  return `// Generated by scripts/aws-rules.mjs from botocore's API models (botocore/data/<service>/<version>/service-2.json.gz).
// Do not edit: run \`node scripts/aws-rules.mjs\` and commit the result. test/rules/generated.test.ts
// fails when the models on the machine say something else.

import type { ModelRule } from './model-rule.js';

export type { ModelRule };

export const AWS_MODELS = ${json} as const satisfies {
  services: Record<string, { model: string; members: Record<string, ModelRule> }>;
  passwordClasses: Record<'uppercase' | 'lowercase' | 'numbers' | 'symbols', string>;
};
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rendered = renderRules(extractRules());
  if (process.argv.includes('--check')) {
    const same = readFileSync(OUTPUT, 'utf8') === rendered;
    console.error(same ? 'src/rules/aws-models.generated.ts matches the models.' : 'src/rules/aws-models.generated.ts differs from the models: run node scripts/aws-rules.mjs');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(OUTPUT, rendered);
  console.error(`Wrote ${OUTPUT}`);
}
