// Share links: "#/session/<base64url of the gzip>" for sessions without embedded data. The payload is in
// the URL fragment, which browsers never send to a server; a link longer than the limit is refused.

import { toBase64, fromBase64 } from './embed';
import { sessionError, type SessionResult } from './errors';

/** Longest payload a link may carry (characters of base64url). */
export const MAX_LINK_PAYLOAD = 32 * 1024;
export const SESSION_ROUTE_PREFIX = '#/session/';

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}

/** The fragment of a share link for a session file's bytes, or an error when it would be too long. */
export function shareFragment(gzip: Uint8Array, embedded: boolean): SessionResult<string> {
  if (embedded) {
    return { ok: false, error: sessionError('too-long-for-link', 'A session with embedded data cannot be shared as a link', '', 'Export it without "embed data" to share a link, or send the .faultline file.') };
  }
  const payload = toBase64Url(gzip);
  if (payload.length > MAX_LINK_PAYLOAD) {
    return { ok: false, error: sessionError('too-long-for-link', `The session is ${Math.ceil(payload.length / 1024)} kB as a link, more than the ${MAX_LINK_PAYLOAD / 1024} kB a link may carry`, '', 'Send the .faultline file instead (Export session).') };
  }
  return { ok: true, value: SESSION_ROUTE_PREFIX + payload };
}

/** The session bytes of a link's payload, or an error saying the link is damaged. */
export function linkBytes(payload: string): SessionResult<Uint8Array<ArrayBuffer>> {
  const bytes = payload.length <= MAX_LINK_PAYLOAD ? fromBase64Url(payload) : undefined;
  if (!bytes) {
    return { ok: false, error: sessionError('corrupt', 'This session link is damaged or too long (its payload is not base64url of at most 32 kB)', 'the link', 'Ask for the link again, or for the .faultline file.') };
  }
  return { ok: true, value: bytes };
}
