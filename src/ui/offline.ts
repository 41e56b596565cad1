/// <reference types="vite-plugin-pwa/vanillajs" />
// Registers the service worker (production builds) and reports whether the app is available offline:
// true once a service worker controls the page and has precached the shell, workers and .wasm.
import { registerSW } from 'virtual:pwa-register';

export type OfflineState = 'ready' | 'installing' | 'unsupported' | 'dev';

let state: OfflineState = 'installing';
const listeners = new Set<(s: OfflineState) => void>();

function set(s: OfflineState): void {
  state = s;
  for (const fn of listeners) fn(s);
}

export function offlineState(): OfflineState {
  return state;
}

export function onOfflineState(fn: (s: OfflineState) => void): void {
  listeners.add(fn);
}

export function registerOffline(): void {
  if (import.meta.env.DEV) return set('dev');
  if (!('serviceWorker' in navigator)) return set('unsupported');
  registerSW({
    immediate: true,
    onOfflineReady: () => set('ready'),
    onRegisterError: () => set('unsupported'),
  });
  // On later visits the worker is already active and onOfflineReady does not fire again.
  // An active worker has finished precaching.
  void navigator.serviceWorker.ready.then(() => set('ready'));
  navigator.serviceWorker.addEventListener('controllerchange', () => set('ready'));
}
