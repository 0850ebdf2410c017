/*
 * Copyright 2022 Google Inc. All Rights Reserved.
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *     http://www.apache.org/licenses/LICENSE-2.0
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

// Note: we use `wasm_bindgen_worker_`-prefixed message types to make sure
// we can handle bundling into other files, which might happen to have their
// own `postMessage`/`onmessage` communication channels.
//
// If we didn't take that into the account, we could send much simpler signals
// like just `0` or whatever, but the code would be less resilient.

function waitForMsgType(target, type) {
  return new Promise(resolve => {
    target.addEventListener('message', function onMsg({ data }) {
      if (data?.type !== type) return;
      target.removeEventListener('message', onMsg);
      resolve(data);
    });
  });
}

waitForMsgType(self, 'wasm_bindgen_worker_init').then(async ({ init, receiver }) => {
  // # Note 1
  // Our JS should have been generated in
  // `[out-dir]/snippets/wasm-bindgen-rayon-[hash]/workerHelpers.js`,
  // resolve the main module via `../../..`.
  //
  // This might need updating if the generated structure changes on wasm-bindgen
  // side ever in the future, but works well with bundlers today. The whole
  // point of this crate, after all, is to abstract away unstable features
  // and temporary bugs so that you don't need to deal with them in your code.
  //
  // # Note 2
  // This could be a regular import, but then some bundlers complain about
  // circular deps.
  //
  // Dynamic import could be cheap if this file was inlined into the parent,
  // which would require us just using `../../..` in `new Worker` below,
  // but that doesn't work because wasm-pack unconditionally adds
  // "sideEffects":false (see below).
  //
  // OTOH, even though it can't be inlined, it should be still reasonably
  // cheap since the requested file is already in cache (it was loaded by
  // the main thread).
  const pkg = await import('../../..');
  await pkg.default(init);
  postMessage({ type: 'wasm_bindgen_worker_ready' });
  pkg.wbg_rayon_start_worker(receiver);
});

// Note: this is never used, but necessary to prevent a bug in Firefox
// (https://bugzilla.mozilla.org/show_bug.cgi?id=1702191) where it collects
// Web Workers that have a shared WebAssembly memory with the main thread,
// but are not explicitly rooted via a `Worker` instance.
//
// By storing them in a variable, we can keep `Worker` objects around and
// prevent them from getting GC-d.
let _workers;

export async function startWorkers(module, memory, builder) {
  if (builder.numThreads() === 0) {
    throw new Error(`num_threads must be > 0.`);
  }

  const workerInit = {
    type: 'wasm_bindgen_worker_init',
    init: { module_or_path: module, memory },
    receiver: builder.receiver()
  };

  _workers = await Promise.all(
    Array.from({ length: builder.numThreads() }, async () => {
      // Self-spawn into a new Worker.
      //
      // TODO: while `new URL('...', import.meta.url) becomes a semi-standard
      // way to get asset URLs relative to the module across various bundlers
      // and browser, ideally we should switch to `import.meta.resolve`
      // once it becomes a standard.
      //
      // Note: we could use `../../..` as the URL here to inline workerHelpers.js
      // into the parent entry instead of creating another split point -
      // this would be preferable from optimization perspective -
      // however, Webpack then eliminates all message handler code
      // because wasm-pack produces "sideEffects":false in package.json
      // unconditionally.
      //
      // The only way to work around that is to have side effect code
      // in an entry point such as Worker file itself.
      const worker = new Worker(new URL('./workerHelpers.js', import.meta.url), {
        type: 'module'
      });
      worker.postMessage(workerInit);
      await waitForMsgType(worker, 'wasm_bindgen_worker_ready');
      return worker;
    })
  );
  builder.build();
}

// ---------------------------------------------------------------------------------------
// threadplay's addition (see FORK.md), as in workerHelpers.no-bundler.js: workers
// started on demand for `LazyThreadPool`. (threadplay builds without a bundler and
// tests only that file; this one keeps the two variants' exports the same.)

const GROW = 'wasm_bindgen_worker_grow';
let lazy = null;

async function startWorker(workerInit) {
  const worker = new Worker(new URL('./workerHelpers.js', import.meta.url), {
    type: 'module'
  });
  worker.postMessage(workerInit);
  await waitForMsgType(worker, 'wasm_bindgen_worker_ready');
  return worker;
}

export function initLazyWorkers(module, memory, receiver, _mainJS, maxWorkers) {
  lazy = {
    init: { type: 'wasm_bindgen_worker_init', init: { module_or_path: module, memory }, receiver },
    max: maxWorkers,
    started: 0,
    ready: 0,
    workers: [],
  };
  _workers = lazy.workers;
}

export function growLazyWorkers(count) {
  if (lazy === null) {
    if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
      self.postMessage({ type: GROW, count });
      return Promise.resolve();
    }
    return Promise.reject(new Error('the lazy thread pool is not initialized'));
  }
  const starting = [];
  while (lazy.started < Math.min(count, lazy.max)) {
    lazy.started += 1;
    starting.push(startWorker(lazy.init).then((worker) => {
      lazy.ready += 1;
      lazy.workers.push(worker);
      worker.addEventListener('message', ({ data }) => {
        if (data?.type === GROW) growLazyWorkers(data.count).catch(reportGrowError);
      });
    }));
  }
  return Promise.all(starting).then(() => undefined);
}

function reportGrowError(error) {
  console.error('a worker of the lazy thread pool did not start:', error);
}

export function lazyWorkersStarted() {
  return lazy?.started ?? 0;
}

export function lazyWorkersReady() {
  return lazy?.ready ?? 0;
}
