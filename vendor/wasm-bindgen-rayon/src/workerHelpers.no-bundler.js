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

// This file is kept similar to workerHelpers.js, but intended to be used in
// a bundlerless ES module environment (which has a few differences).

function waitForMsgType(target, type) {
  return new Promise(resolve => {
    target.addEventListener('message', function onMsg({ data }) {
      if (data == null || data.type !== type) return;
      target.removeEventListener('message', onMsg);
      resolve(data);
    });
  });
}

// We need to wait for a specific message because this file is used both
// as a Worker and as a regular script, so it might receive unrelated
// messages on the page.
waitForMsgType(self, 'wasm_bindgen_worker_init').then(async data => {
  const pkg = await import(data.mainJS);
  // One object, as wasm-bindgen 0.2.93 and later want it (the two-argument form logs a
  // deprecation warning in every worker); changed by threadplay's fork.
  await pkg.default({ module_or_path: data.module, memory: data.memory });
  postMessage({ type: 'wasm_bindgen_worker_ready' });
  pkg.wbg_rayon_start_worker(data.receiver);
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
    module,
    memory,
    receiver: builder.receiver(),
    mainJS: builder.mainJS()
  };

  _workers = await Promise.all(
    Array.from({ length: builder.numThreads() }, () => startWorker(workerInit))
  );
  builder.build();
}

// Starts one worker and resolves with it once it runs the wasm module (factored out of
// `startWorkers` by threadplay's fork, see FORK.md; the body is upstream's).
async function startWorker(workerInit, scriptURL) {
  // Self-spawn into a new Worker.
  // The script is fetched as a blob so it works even if this script is
  // hosted remotely (e.g. on a CDN). This avoids a cross-origin
  // security error.
  let url = scriptURL ?? URL.createObjectURL(await fetch(import.meta.url).then(r => r.blob()));
  const worker = new Worker(url, {
    type: 'module'
  });
  worker.postMessage(workerInit);
  await waitForMsgType(worker, 'wasm_bindgen_worker_ready');
  if (url !== scriptURL) URL.revokeObjectURL(url);
  return worker;
}

// ---------------------------------------------------------------------------------------
// threadplay's addition (see FORK.md): workers started on demand for `LazyThreadPool`.
// The page's main thread keeps the state; on a worker `lazy` stays null and a request is
// posted to the page, which listens on every worker it started.

const GROW = 'wasm_bindgen_worker_grow';
let lazy = null;

export function initLazyWorkers(module, memory, receiver, mainJS, maxWorkers) {
  lazy = {
    init: { type: 'wasm_bindgen_worker_init', module, memory, receiver, mainJS },
    max: maxWorkers,
    started: 0,
    ready: 0,
    workers: [],
    // The worker script's blob URL, fetched once for every lazy worker (kept for the
    // page's life: workers may be started at any time).
    scriptURL: null,
  };
  // Rooted here as `startWorkers` roots its own (the Firefox bug above).
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
    lazy.scriptURL ??= fetch(import.meta.url)
      .then(r => r.blob())
      .then(blob => URL.createObjectURL(blob))
      .catch((error) => {
        lazy.scriptURL = null; // the next request fetches it again
        throw error;
      });
    starting.push(lazy.scriptURL.then(url => startWorker(lazy.init, url)).then((worker) => {
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
