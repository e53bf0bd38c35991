import type { JsonHandler } from './handlers.js';
import { JsonFields } from '../protocols/json-fields.js';
import { modelRule, type Member } from '../../rules/field-rule.js';
import { ServiceError } from '../protocols/query-protocol.js';
import type { AlternateContact } from '../scenarios/scenario.js';

/** The Account API's alternate contacts (billing, operations, security), as the security-contact step sets them. */

/** The Account API's model for each field (src/rules), as the wizard checks its own. */
const rule = (member: Member<'account'>) => modelRule('account', member).model;
const invalid = (message: string) => new ServiceError('ValidationException', message, 400);

/**
 * AccountId is for an organization's management account acting on a member: the practice account
 * stands alone, so it has no other account to name.
 */
function standalone(f: JsonFields) {
  if (f.has('AccountId')) throw new ServiceError('AccessDeniedException', 'The practice account is not in an organization: leave AccountId out.', 403);
}

const contactJson = (c: AlternateContact) => ({
  AlternateContactType: c.type,
  Name: c.name,
  Title: c.title,
  EmailAddress: c.email,
  PhoneNumber: c.phone,
});

function typeOf(body: Record<string, unknown>): AlternateContact['type'] {
  const f = new JsonFields(body, invalid);
  standalone(f);
  return f.oneOf('AlternateContactType', rule('PutAlternateContactRequest.AlternateContactType'), ['SECURITY', 'BILLING', 'OPERATIONS'] as const);
}

export const contactHandlers: Record<string, JsonHandler> = {
  GetAlternateContact(a, body) {
    const type = typeOf(body);
    const contact = a.state.alternateContacts.find((c) => c.type === type);
    if (!contact) throw new ServiceError('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.', 404);
    return { AlternateContact: contactJson(contact) };
  },

  /** A put: the contact of that type is replaced whole. */
  PutAlternateContact(a, body) {
    const type = typeOf(body);
    const f = new JsonFields(body, invalid);
    const contact: AlternateContact = {
      type,
      name: f.string('Name', rule('PutAlternateContactRequest.Name')),
      title: f.string('Title', rule('PutAlternateContactRequest.Title')),
      email: f.string('EmailAddress', rule('PutAlternateContactRequest.EmailAddress')).trim(),
      phone: f.string('PhoneNumber', rule('PutAlternateContactRequest.PhoneNumber')),
    };
    a.change((s) => (s.alternateContacts = [...s.alternateContacts.filter((c) => c.type !== type), contact]));
    return undefined;
  },

  DeleteAlternateContact(a, body) {
    const type = typeOf(body);
    if (!a.state.alternateContacts.some((c) => c.type === type)) {
      throw new ServiceError('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.', 404);
    }
    a.change((s) => (s.alternateContacts = s.alternateContacts.filter((c) => c.type !== type)));
    return undefined;
  },
};
