// Share links: base64url of the session gzip in the fragment, round trip; refused when the session embeds
// data or the link would pass 32 kB; a damaged payload is an error value, never a throw.
import { describe, expect, it } from 'vitest';
import { buildSession } from '../../src/session/build';
import { decodeSession, encodeSession } from '../../src/session/codec';
import { fromBase64Url, linkBytes, MAX_LINK_PAYLOAD, shareFragment, toBase64Url } from '../../src/session/share-link';
import { sessionScenario, sessionSeries } from './session-fixtures';

describe('share links', () => {
  it('round-trip the session through the fragment', async () => {
    const s = await buildSession({ series: sessionSeries(), name: 'shop.csv' }, sessionScenario(), { params: { fault: '0' } }, { embed: false, redact: false });
    const link = shareFragment(await encodeSession(s), false);
    if (!link.ok) throw new Error(link.error.message);
    expect(link.value).toMatch(/^#\/session\/[A-Za-z0-9_-]+$/);
    const bytes = linkBytes(link.value.slice('#/session/'.length));
    if (!bytes.ok) throw new Error(bytes.error.message);
    const r = await decodeSession(bytes.value);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.session.scenario).toEqual(sessionScenario());
    expect(r.value.session.view.params).toEqual({ fault: '0' });
  });

  it('base64url is exact for every byte value and length', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it('refuses embedded data and links over the limit, with what to do instead', () => {
    const embedded = shareFragment(new Uint8Array(10), true);
    expect(embedded.ok).toBe(false);
    if (!embedded.ok) expect(embedded.error.message).toMatch(/Export it without "embed data"/);
    const long = shareFragment(new Uint8Array(MAX_LINK_PAYLOAD), false);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.message).toMatch(/more than the 32 kB a link may carry\. Send the \.faultline file instead/);
  });

  it('says a damaged payload is damaged', () => {
    const r = linkBytes('not base64!');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/This session link is damaged/);
  });
});
