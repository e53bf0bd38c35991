// String rewrites of moto's IAM/STS query-protocol XML. moto emits compact,
// attribute-free XML in a fixed shape, so targeted regexes are enough.

export const PASSWORD_LAST_USED = '2026-01-01T00:00:00Z';

export function setSummaryEntries(xml: string, entries: Record<string, number>): string {
  let out = xml;
  for (const [key, value] of Object.entries(entries)) {
    const entry = `<entry><key>${key}</key><value>${value}</value></entry>`;
    const existing = new RegExp(`<entry><key>${key}</key><value>[^<]*</value></entry>`);
    out = existing.test(out) ? out.replace(existing, entry) : out.replace('</SummaryMap>', `${entry}</SummaryMap>`);
  }
  return out;
}

export function asRootCaller(xml: string, partition: string): string {
  const account = /<Account>([^<]+)<\/Account>/.exec(xml)?.[1];
  if (!account) return xml;
  return xml
    .replace(/<Arn>[^<]*<\/Arn>/, `<Arn>arn:${partition}:iam::${account}:root</Arn>`)
    .replace(/<UserId>[^<]*<\/UserId>/, `<UserId>${account}</UserId>`);
}

// GetUser wraps the user in <User>, ListUsers in <member>; a user's own
// <Tags><member> never contains <UserName>, so the lazy match stays inside one user.
export function markSignedIn(xml: string, userNames: ReadonlySet<string>): string {
  return xml.replace(/<(User|member)>(<Path>.*?)<\/\1>/g, (whole, tag: string, body: string) => {
    const name = /<UserName>([^<]*)<\/UserName>/.exec(body)?.[1];
    if (name === undefined || !userNames.has(unescapeXml(name))) return whole;
    const withoutOld = body.replace(/<PasswordLastUsed>[^<]*<\/PasswordLastUsed>/, '');
    const stamp = `<PasswordLastUsed>${PASSWORD_LAST_USED}</PasswordLastUsed>`;
    const withNew = withoutOld.includes('</CreateDate>')
      ? withoutOld.replace('</CreateDate>', `</CreateDate>${stamp}`)
      : withoutOld + stamp;
    return `<${tag}>${withNew}</${tag}>`;
  });
}

export function errorXml(code: string, message: string, requestId: string): string {
  return (
    '<ErrorResponse><Error><Type>Sender</Type>' +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
    `</Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
