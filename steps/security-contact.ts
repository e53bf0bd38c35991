import * as writes from '../src/aws/account-writes.js';
import { defineStep, type InputsFor } from './manifest.js';
import type { CheckContext, CheckResult, Plan, StepContext } from '../src/engine/types.js';
import { shellArg } from '../src/shell.js';
import { missingFlags } from './missing-flags.js';

export const securityContact = defineStep('security-contact', {
  kind: 'automated',
  why:
    'When AWS sees signs of a compromise (a leaked key on GitHub, unusual activity), it writes to this contact ' +
    'as well as to the root email address, which few people read. CIS and Security Hub (Account.1) check for it.',
  explain: {
    when: 'Once, and whenever the person or team responsible for security changes.',
    gotcha: 'Without it, AWS writes about a suspected compromise to the root email address only, which nobody may read.',
    cliCheck: 'aws account get-alternate-contact --alternate-contact-type SECURITY',
  },

  async check({ read }: CheckContext): Promise<CheckResult> {
    const contact = await read.securityContact();
    return contact
      ? { status: 'pass', detail: `${contact.Name} <${contact.EmailAddress}>` }
      : { status: 'fail', detail: 'no security contact: AWS can only write to the root email address' };
  },

  async plan(ctx: StepContext<InputsFor<'security-contact'>>): Promise<Plan<InputsFor<'security-contact'>>> {
    const name = await ctx.input('name');
    const email = name && (await ctx.input('email'));
    // Typed here, it is the address billing-alert offers for its alerts (the person's own answer).
    if (email) ctx.run.securityContactEmail = email;
    const phone = email && (await ctx.input('phone'));
    if (!name || !email || !phone) {
      if (!ctx.dryRun) return missingFlags('security-contact');
    }
    const contact = { name: name || 'NAME', email: email || 'EMAIL', phone: phone || 'PHONE' };
    return {
      summary: `Make ${contact.name} <${contact.email}> the security contact`,
      actions: [
        {
          title: `Set the SECURITY alternate contact to ${contact.name}, ${contact.email}, ${contact.phone}`,
          cli:
            `aws account put-alternate-contact --alternate-contact-type SECURITY --name ${shellArg(contact.name)} ` +
            `--title ${shellArg('Security contact')} --email-address ${shellArg(contact.email)} --phone-number ${shellArg(contact.phone)}`,
          run: (c) => writes.putSecurityContact(c, contact),
        },
      ],
      notes: ['Billing and operations contacts, if any, are left alone.'],
    };
  },
});
