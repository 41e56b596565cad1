// Faultline's entry point: theme, styles, service worker, then the app shell; the workers start
// in parallel (the .wasm is compiled once here and handed to the analysis worker).
import 'uplot/dist/uPlot.min.css';
import './ui/styles.css';
import './ui/styles/traces.css';
import './ui/styles/trace-insights.css';
import './ui/styles/slo.css';
import './ui/styles/percentiles.css';
import './ui/styles/chaos.css';
import './ui/styles/session.css';
import wasmUrl from '../build/kernels.wasm?url';
import { App } from './ui/app';
import { registerOffline } from './ui/offline';
import { initTheme } from './ui/theme';
import { startWorkers } from './workers/spawn';

initTheme();
registerOffline();
const root = document.getElementById('app');
const workers = startWorkers(wasmUrl);
workers.catch(() => undefined); // reported by the app once it awaits them
if (root) void new App(root).start(workers);
