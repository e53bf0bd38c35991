import { createHash, createPublicKey, verify } from 'node:crypto';

/**
 * The server side of WebAuthn (W3C Web Authentication, Level 2), just enough for the practice
 * console to register a passkey or security key and to check a sign-in with it, as the IAM console
 * does. Attestation is not asked for ("none"): the practice console trusts any authenticator.
 * A browser offers WebAuthn only on a secure origin with a domain, so the console is reached as
 * http://localhost:PORT (an IP address is never a valid relying party ID).
 */

/** COSE algorithms offered, in order of preference: ES256 and RS256 (IANA COSE Algorithms). */
export const ALGORITHMS = [-7, -257] as const;

/** What the registration page gives navigator.credentials.create (binary fields as base64url). */
export function creationOptions(o: { challenge: string; userHandle: string; userName: string; displayName: string }) {
  return {
    challenge: o.challenge,
    rp: { name: 'AWS (practice)' },
    user: { id: o.userHandle, name: o.userName, displayName: o.displayName },
    pubKeyCredParams: ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
    authenticatorSelection: { userVerification: 'discouraged', residentKey: 'discouraged' },
    attestation: 'none',
    timeout: 120_000,
  };
}

/** What the sign-in page gives navigator.credentials.get. */
export const requestOptions = (challenge: string, credentialIds: string[]) => ({
  challenge,
  allowCredentials: credentialIds.map((id) => ({ type: 'public-key', id })),
  userVerification: 'discouraged',
  timeout: 120_000,
});

export class WebAuthnProblem extends Error {
  override name = 'WebAuthnProblem';
}

interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

/** clientDataJSON (base64url) checked as the spec's "verifying a registration/assertion" steps 7 to 9 say. */
function clientData(base64: string, type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
  const raw = Buffer.from(base64, 'base64url');
  let data: ClientData;
  try {
    data = JSON.parse(raw.toString('utf8')) as ClientData;
  } catch {
    throw new WebAuthnProblem('the browser sent client data that is not JSON');
  }
  if (data.type !== type) throw new WebAuthnProblem(`the browser's answer is of type ${String(data.type)}, not ${type}`);
  if (data.challenge !== challenge) throw new WebAuthnProblem('the browser answered another challenge (an old page?): start again');
  if (data.origin !== origin) throw new WebAuthnProblem(`the browser's answer comes from ${String(data.origin)}, not ${origin}`);
  return raw;
}

export interface RegisteredKey {
  credentialId: string;
  /** SubjectPublicKeyInfo, DER, base64url (what AuthenticatorAttestationResponse.getPublicKey() gives). */
  publicKey: string;
  algorithm: number;
}

/**
 * A registration as the page posts it: the credential id, clientDataJSON, and the public key and
 * algorithm the browser read from the attestation. Throws WebAuthnProblem when it does not hold.
 */
export function verifyRegistration(form: Record<string, string>, challenge: string, origin: string): RegisteredKey {
  clientData(form.clientDataJSON ?? '', 'webauthn.create', challenge, origin);
  const algorithm = Number(form.algorithm);
  if (!ALGORITHMS.includes(algorithm as (typeof ALGORITHMS)[number])) throw new WebAuthnProblem(`the key uses COSE algorithm ${form.algorithm}, not one offered`);
  if (!/^[\w-]+$/.test(form.credentialId ?? '')) throw new WebAuthnProblem('the browser sent no credential id');
  try {
    createPublicKey({ key: Buffer.from(form.publicKey ?? '', 'base64url'), format: 'der', type: 'spki' });
  } catch {
    throw new WebAuthnProblem('the browser sent no usable public key');
  }
  return { credentialId: form.credentialId!, publicKey: form.publicKey!, algorithm };
}

/**
 * A sign-in (assertion) as the page posts it, checked against the registered key: the client data,
 * the relying party ID's hash and the user-present flag in authenticatorData, and the signature over
 * authenticatorData followed by SHA-256(clientDataJSON). Throws WebAuthnProblem when it does not hold.
 */
export function verifyAssertion(form: Record<string, string>, key: RegisteredKey, challenge: string, origin: string): void {
  if (form.credentialId !== key.credentialId) throw new WebAuthnProblem('that is not the key registered for this user');
  const client = clientData(form.clientDataJSON ?? '', 'webauthn.get', challenge, origin);
  const authenticatorData = Buffer.from(form.authenticatorData ?? '', 'base64url');
  const rpIdHash = createHash('sha256').update(new URL(origin).hostname).digest();
  if (authenticatorData.length < 37 || !authenticatorData.subarray(0, 32).equals(rpIdHash)) throw new WebAuthnProblem('the key answered for another site');
  if ((authenticatorData[32]! & 0x01) === 0) throw new WebAuthnProblem('the key did not see you present (no touch)');
  const signed = Buffer.concat([authenticatorData, createHash('sha256').update(client).digest()]);
  const publicKey = createPublicKey({ key: Buffer.from(key.publicKey, 'base64url'), format: 'der', type: 'spki' });
  // ES256 signatures are DER-encoded ECDSA; RS256 is PKCS#1 v1.5: both with SHA-256.
  if (!verify('sha256', signed, publicKey, Buffer.from(form.signature ?? '', 'base64url'))) throw new WebAuthnProblem('the signature does not match the registered key');
}

/** The browser side: registration and sign-in, posting what they get in a form (no fetch, no framework). */
export const WEBAUTHN_SCRIPT = `(() => {
  const from64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const to64 = (b) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const options = document.getElementById('webauthn-options');
  if (!options) return;
  const o = JSON.parse(options.textContent);
  const form = document.getElementById('webauthn-form');
  const say = (text) => { document.getElementById('webauthn-status').textContent = text; };
  const fallback = (why) => { say(why); document.getElementById('webauthn-fallback').hidden = false; };
  const set = (name, value) => { form.elements[name].value = value; };
  async function run() {
    if (!window.PublicKeyCredential || !navigator.credentials) return fallback('This browser offers no passkeys or security keys here (WebAuthn), so the practice console offers a stand-in below.');
    try {
      if (o.mode === 'create') {
        const c = await navigator.credentials.create({ publicKey: { ...o.options, challenge: from64(o.options.challenge), user: { ...o.options.user, id: from64(o.options.user.id) } } });
        set('credentialId', to64(c.rawId)); set('clientDataJSON', to64(c.response.clientDataJSON));
        set('publicKey', to64(c.response.getPublicKey())); set('algorithm', String(c.response.getPublicKeyAlgorithm()));
      } else {
        const c = await navigator.credentials.get({ publicKey: { ...o.options, challenge: from64(o.options.challenge), allowCredentials: o.options.allowCredentials.map((a) => ({ ...a, id: from64(a.id) })) } });
        set('credentialId', to64(c.rawId)); set('clientDataJSON', to64(c.response.clientDataJSON));
        set('authenticatorData', to64(c.response.authenticatorData)); set('signature', to64(c.response.signature));
      }
      say('Done: sending it to the practice console.');
      form.submit();
    } catch (e) {
      fallback('The browser did not finish (' + e.name + ': ' + e.message + '). Try again, or use the stand-in below.');
    }
  }
  document.getElementById('webauthn-retry')?.addEventListener('click', run);
  run();
})();`;
