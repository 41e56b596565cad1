// Developer chaos for the workers (Perfetto's dev.perfetto.Chaos idea): a raw message, outside
// Comlink, that makes a worker crash with an uncaught error, so the restart path can be exercised.

export const CHAOS_CRASH = 'faultline-chaos-crash';

/** Worker side: crash (uncaught error → the Worker's 'error' event) when asked to. */
export function listenForChaos(): void {
  self.addEventListener('message', (e: MessageEvent<unknown>) => {
    const data = e.data as { chaos?: unknown } | null;
    if (data && typeof data === 'object' && data.chaos === CHAOS_CRASH) {
      setTimeout(() => {
        throw new Error('Deliberate crash (developer chaos command)');
      });
    }
  });
}
