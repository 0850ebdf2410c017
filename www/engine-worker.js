// The simulated build's engine worker (see src/simulated/): a dedicated module worker
// that loads the simulated build's wasm module and runs each program the page sends,
// on the virtual scheduler, posting reports as it goes (src/simulated/worker.rs).
//
// The page may post a run before the module has loaded (a fresh worker after Stop):
// such messages are held here and handed over once it has. Errors are reported to the
// page as `threadplay:worker-crash` (the page ends the run and starts a fresh worker);
// this script never swallows one.
import init, { engine_worker_receive as receive } from './threadplay-simulated.js';

const send = (message) => {
  try {
    self.postMessage({ type: 'threadplay:worker-crash', message });
  } catch (_) {}
};
const describe = (error) => String(error?.stack ?? error?.message ?? error);
self.addEventListener('unhandledrejection', (event) => send(describe(event.reason)));

// The page's first message is its own compiled module (the same wasm): instantiating
// that skips a second download and compile, and keeps the optimized code the engine
// earned in earlier workers (a fresh worker after each Stop). Without one, the file.
const held = [];
const compiled = new Promise((resolve) => {
  self.onmessage = (event) => {
    if (event.data?.type === 'threadplay:module') resolve(event.data.module);
    else held.push(event.data);
  };
});
try {
  const module = await compiled;
  await init({ module_or_path: module ?? new URL('threadplay-simulated_bg.wasm', import.meta.url) });
} catch (error) {
  send(`the engine did not load: ${describe(error)}`);
  throw error;
}
const deliver = (data) => {
  try {
    receive(data);
  } catch (error) {
    send(describe(error));
  }
};
self.onmessage = (event) => deliver(event.data);
for (const data of held.splice(0)) deliver(data);
