import { PutAlternateContactCommand } from '@aws-sdk/client-account';
import { opts, type Writer } from './iam-writes.js';

export interface Contact {
  name: string;
  email: string;
  phone: string;
}

/** A put: setting the same contact twice leaves it as set once. */
export const putSecurityContact = (w: Writer, c: Contact) =>
  w.aws.account.send(
    new PutAlternateContactCommand({
      AlternateContactType: 'SECURITY',
      Name: c.name,
      Title: 'Security contact',
      EmailAddress: c.email,
      PhoneNumber: c.phone,
    }),
    opts(w),
  );
