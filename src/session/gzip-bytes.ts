// Whole-buffer gzip for session files through the platform's CompressionStream / DecompressionStream, with
// a streaming size guard: inflation stops as soon as the output passes the limit (a decompression bomb).

export async function gzipBytes(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export type Gunzipped = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: 'too-large'; inflated: number } | { ok: false; reason: 'corrupt'; message: string };

/** Inflates `bytes`; stops reading (and cancels) once the output exceeds `limit` bytes. */
export async function gunzipLimited(bytes: Uint8Array<ArrayBuffer>, limit: number): Promise<Gunzipped> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too-large', inflated: total };
      }
      parts.push(value);
    }
  } catch (e) {
    return { ok: false, reason: 'corrupt', message: e instanceof Error ? e.message : String(e) };
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { ok: true, bytes: out };
}

/** The first `max` inflated bytes (fewer when the data is shorter); undefined when it is not readable gzip. */
export async function gunzipHead(bytes: Uint8Array<ArrayBuffer>, max: number): Promise<Uint8Array | undefined> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < max) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      total += value.length;
    }
  } catch {
    if (!total) return undefined;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(Math.min(total, max));
  let at = 0;
  for (const p of parts) {
    const take = Math.min(p.length, out.length - at);
    out.set(p.subarray(0, take), at);
    at += take;
  }
  return out;
}
