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

/** Appends a <root_account> row to the credential report's base64 CSV, and sets its time. */
export function addRootReportRow(
  xml: string,
  partition: string,
  root: { passwordLastUsed: string; accessKey1LastUsed?: string; generatedAt?: string; cert1Active?: boolean },
): string {
  const content = /<Content>([^<]*)<\/Content>/.exec(xml)?.[1];
  if (content === undefined) return xml;
  const lines = Buffer.from(content, 'base64').toString('utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const account = /arn:[^:]+:iam::(\d+):/.exec(lines.join('\n'))?.[1] ?? '123456789012';
  const cells: Record<string, string> = {
    user: '<root_account>',
    arn: `arn:${partition}:iam::${account}:root`,
    password_enabled: 'not_supported',
    password_last_used: root.passwordLastUsed,
    access_key_1_last_used_date: root.accessKey1LastUsed ?? 'N/A',
    cert_1_active: String(root.cert1Active ?? false),
    cert_2_active: 'false',
  };
  const row = header.map((name) => cells[name] ?? 'N/A').join(',');
  const csv = [...lines, row].join('\n') + '\n';
  let out = xml.replace(/<Content>[^<]*<\/Content>/, `<Content>${Buffer.from(csv).toString('base64')}</Content>`);
  if (root.generatedAt) out = out.replace(/<GeneratedTime>[^<]*<\/GeneratedTime>/, `<GeneratedTime>${root.generatedAt}</GeneratedTime>`);
  return out;
}

/** Adds virtual MFA devices assigned to root, as AWS lists them (User.Arn is root's ARN). */
export function addRootVirtualMfa(xml: string, partition: string, names: string[], account = '123456789012'): string {
  const members = names
    .map(
      (name) =>
        `<member><SerialNumber>arn:${partition}:iam::${account}:mfa/${name}</SerialNumber>` +
        `<User><Arn>arn:${partition}:iam::${account}:root</Arn><UserId>${account}</UserId><CreateDate>2026-01-01T00:00:00Z</CreateDate></User>` +
        '<EnableDate>2026-01-01T00:00:00Z</EnableDate></member>',
    )
    .join('');
  return xml.includes('<VirtualMFADevices/>')
    ? xml.replace('<VirtualMFADevices/>', `<VirtualMFADevices>${members}</VirtualMFADevices>`)
    : xml.replace('</VirtualMFADevices>', `${members}</VirtualMFADevices>`);
}
