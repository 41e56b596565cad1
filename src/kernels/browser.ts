// Compiles the kernels module in the browser (main thread, once); the Module is handed to workers,
// which call instantiateKernels on it. No DOM use.

/**
 * Fetches and compiles the kernels .wasm at `url`. Streams when the server sends
 * `application/wasm`; otherwise (wrong MIME type, e.g. some static servers) falls back to
 * compiling the downloaded bytes.
 */
export async function compileKernels(url: string): Promise<WebAssembly.Module> {
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch (err) {
      // TypeError: wrong MIME type or a failed fetch; retry as plain bytes (reports a real fetch error).
      if (!(err instanceof TypeError)) throw err;
    }
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`Cannot load the WebAssembly kernels from ${url}: HTTP ${response.status} ${response.statusText}`);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
