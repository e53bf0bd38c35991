import * as writes from '../src/aws/account-writes.js';
import type { AutomatedStep, CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { contactEmailSchema, contactNameSchema, phoneSchema, validatorFor } from '../src/inputs.js';
import { shellArg } from '../src/shell.js';
import { printable } from '../src/ui/printable.js';
import { missingFlags, valueOrAsk } from './ask.js';

export const securityContact: AutomatedStep = {
  id: 'security-contact',
  kind: 'automated',
  title: 'Name a security contact for the account',
  why:
    'When AWS sees signs of a compromise (a leaked key on GitHub, unusual activity), it writes to this contact ' +
    'as well as to the root email address, which few people read. CIS and Security Hub (Account.1) check for it.',
  required: true,
  inStatus: true,
  explain: {
    when: 'Once, and whenever the person or team responsible for security changes.',
    gotcha: 'Without it, AWS writes about a suspected compromise to the root email address only, which nobody may read.',
    cliCheck: 'aws account get-alternate-contact --alternate-contact-type SECURITY',
  },

  async check({ read }: CheckContext): Promise<CheckResult> {
    const contact = await read.securityContact();
    return contact
      ? { status: 'pass', detail: printable(`${contact.Name} <${contact.EmailAddress}>`) }
      : { status: 'fail', detail: 'no security contact: AWS can only write to the root email address' };
  },

  async plan(ctx: StepContext): Promise<Plan> {
    const given = ctx.inputs.securityContact ?? {};
    const name = await valueOrAsk(ctx, given.name, { key: 'security-contact-name', message: 'Security contact: name (a person or a team)', validate: validatorFor(contactNameSchema) });
    const email = name && (await valueOrAsk(ctx, given.email, { key: 'security-contact-email', message: 'Security contact: email address (one that is read)', validate: validatorFor(contactEmailSchema) }));
    const phone = email && (await valueOrAsk(ctx, given.phone, { key: 'security-contact-phone', message: 'Security contact: phone number, with country code (e.g. +1 555 0100)', validate: validatorFor(phoneSchema) }));
    if (!name || !email || !phone) {
      if (!ctx.dryRun) return missingFlags('security-contact', ['--security-contact-name', '--security-contact-email', '--security-contact-phone']);
    }
    const contact = { name: name || 'NAME', email: email || 'EMAIL', phone: phone || 'PHONE' };
    // The Account API takes control characters in a name: shown escaped, sent as given.
    const shown = { name: printable(contact.name), email: printable(contact.email), phone: printable(contact.phone) };
    return {
      summary: `Make ${shown.name} <${shown.email}> the security contact`,
      actions: [
        {
          title: `Set the SECURITY alternate contact to ${shown.name}, ${shown.email}, ${shown.phone}`,
          cli: printable(
            `aws account put-alternate-contact --alternate-contact-type SECURITY --name ${shellArg(contact.name)} ` +
            `--title ${shellArg('Security contact')} --email-address ${shellArg(contact.email)} --phone-number ${shellArg(contact.phone)}`,
          ),
          run: (c) => writes.putSecurityContact(c, contact).then(() => undefined),
        },
      ],
      notes: ['Billing and operations contacts, if any, are left alone.'],
    };
  },
};
