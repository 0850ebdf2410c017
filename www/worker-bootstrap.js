// Starts one pool worker with a crash report attached (see crash-guard.js): errors and
// unhandled rejections inside this worker (a wasm trap in the pool's worker loop is one)
// are posted to the page, which would otherwise never hear of them. Then it loads the
// real worker script named by `?target=` and tells the page it may send the messages it
// held back. It must never swallow an error: it only reports it.
const send = (type, message) => {
  try {
    self.postMessage({ type, message });
  } catch (_) {}
};
const describe = (error) => String(error?.stack ?? error?.message ?? error);
self.addEventListener('error', (event) => send('threadplay:worker-crash', describe(event.error ?? event.message)));
self.addEventListener('unhandledrejection', (event) => send('threadplay:worker-crash', describe(event.reason)));

const target = new URL(self.location.href).searchParams.get('target') ?? '';
try {
  // Only the site's own scripts: this file must not become a way to run anything else.
  if (new URL(target, self.location.href).origin !== self.location.origin) {
    throw new Error(`refusing a worker script from another origin: ${target}`);
  }
  await import(target);
  send('threadplay:bootstrap-ready');
} catch (error) {
  send('threadplay:worker-crash', `the worker script did not load: ${describe(error)}`);
}
