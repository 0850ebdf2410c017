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

#![doc = include_str!("../README.md")]

// Note: `atomics` is whitelisted in `target_feature` detection, but `bulk-memory` isn't,
// so we can check only presence of the former. This should be enough to catch most common
// mistake (forgetting to pass `RUSTFLAGS` altogether).
#[cfg(all(target_arch = "wasm32", not(doc), not(target_feature = "atomics")))]
compile_error!("Did you forget to enable `atomics` and `bulk-memory` features as outlined in wasm-bindgen-rayon README?");

use crossbeam_channel::{bounded, Receiver, Sender};
use js_sys::Promise;
use rayon::{ThreadBuilder, ThreadPoolBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

#[cfg(feature = "no-bundler")]
use js_sys::JsString;

// Naming is a workaround for https://github.com/rustwasm/wasm-bindgen/issues/2429
// and https://github.com/rustwasm/wasm-bindgen/issues/1762.
#[allow(non_camel_case_types)]
#[wasm_bindgen]
#[doc(hidden)]
pub struct wbg_rayon_PoolBuilder {
    num_threads: usize,
    sender: Sender<ThreadBuilder>,
    receiver: Receiver<ThreadBuilder>,
}

#[cfg_attr(
    not(feature = "no-bundler"),
    wasm_bindgen(module = "/src/workerHelpers.js")
)]
#[cfg_attr(
    feature = "no-bundler",
    wasm_bindgen(module = "/src/workerHelpers.no-bundler.js")
)]
extern "C" {
    #[wasm_bindgen(js_name = startWorkers)]
    fn start_workers(module: JsValue, memory: JsValue, builder: wbg_rayon_PoolBuilder) -> Promise;
}

#[wasm_bindgen]
impl wbg_rayon_PoolBuilder {
    fn new(num_threads: usize) -> Self {
        let (sender, receiver) = bounded(num_threads);
        Self {
            num_threads,
            sender,
            receiver,
        }
    }

    #[cfg(feature = "no-bundler")]
    #[wasm_bindgen(js_name = mainJS)]
    pub fn main_js(&self) -> JsString {
        #[wasm_bindgen]
        extern "C" {
            #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
            static URL: JsString;
        }

        URL.with(Clone::clone)
    }

    #[wasm_bindgen(js_name = numThreads)]
    pub fn num_threads(&self) -> usize {
        self.num_threads
    }

    pub fn receiver(&self) -> *const Receiver<ThreadBuilder> {
        &self.receiver
    }

    // This should be called by the JS side once all the Workers are spawned.
    // Important: it must take `self` by reference, otherwise
    // `start_worker_thread` will try to receive a message on a moved value.
    pub fn build(&mut self) {
        ThreadPoolBuilder::new()
            .num_threads(self.num_threads)
            // We could use postMessage here instead of Rust channels,
            // but currently we can't due to a Chrome bug that will cause
            // the main thread to lock up before it even sends the message:
            // https://bugs.chromium.org/p/chromium/issues/detail?id=1075645
            .spawn_handler(move |thread| {
                // Note: `send` will return an error if there are no receivers.
                // We can use it because all the threads are spawned and ready to accept
                // messages by the time we call `build()` to instantiate spawn handler.
                self.sender.send(thread).unwrap_throw();
                Ok(())
            })
            .build_global()
            .unwrap_throw();
    }
}

#[wasm_bindgen(js_name = initThreadPool)]
#[doc(hidden)]
pub fn init_thread_pool(num_threads: usize) -> Promise {
    start_workers(
        wasm_bindgen::module(),
        wasm_bindgen::memory(),
        wbg_rayon_PoolBuilder::new(num_threads),
    )
}

#[wasm_bindgen]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
#[doc(hidden)]
pub fn wbg_rayon_start_worker(receiver: *const Receiver<ThreadBuilder>)
where
    // Statically assert that it's safe to accept `Receiver` from another thread.
    Receiver<ThreadBuilder>: Sync,
{
    // This is safe, because we know it came from a reference to PoolBuilder,
    // allocated on the heap by wasm-bindgen and dropped only once all the
    // threads are running.
    //
    // The only way to violate safety is if someone externally calls
    // `exports.wbg_rayon_start_worker(garbageValue)`, but then no Rust tools
    // would prevent us from issues anyway.
    let receiver = unsafe { &*receiver };
    // Wait for a task (`ThreadBuilder`) on the channel, and, once received,
    // start executing it.
    //
    // On practice this will start running Rayon's internal event loop.
    receiver.recv().unwrap_throw().run()
}

// ---------------------------------------------------------------------------------------
// threadplay's addition (see FORK.md): a pool whose workers start on demand.
//
// `init_thread_pool` starts every worker at once and then builds Rayon's global pool,
// whose `build_global` waits until every thread has started. `LazyThreadPool` keeps the
// same pieces (the channel of `ThreadBuilder`s, `wbg_rayon_start_worker`, the
// self-spawning worker script) but builds a pool of its own with `build`, which does not
// wait: Rayon hands its `max_threads` thread builders to the channel at once, where they
// wait until a worker takes one. Workers are started only when asked for
// (`grow_lazy_thread_pool`), from any thread: a pool worker posts the request to the
// page, which starts them. Jobs given to the pool before a worker is up wait in Rayon's
// queues and run as soon as one is.

use std::sync::OnceLock;

#[cfg_attr(
    not(feature = "no-bundler"),
    wasm_bindgen(module = "/src/workerHelpers.js")
)]
#[cfg_attr(
    feature = "no-bundler",
    wasm_bindgen(module = "/src/workerHelpers.no-bundler.js")
)]
extern "C" {
    #[wasm_bindgen(js_name = initLazyWorkers)]
    fn init_lazy_workers(
        module: JsValue,
        memory: JsValue,
        receiver: *const Receiver<ThreadBuilder>,
        main_js: JsValue,
        max_workers: usize,
    );

    #[wasm_bindgen(js_name = growLazyWorkers)]
    fn grow_lazy_workers(count: usize) -> Promise;

    #[wasm_bindgen(js_name = lazyWorkersStarted)]
    fn lazy_workers_started() -> usize;

    #[wasm_bindgen(js_name = lazyWorkersReady)]
    fn lazy_workers_ready() -> usize;
}

/// A Rayon pool of up to `max_threads` threads, one Web Worker each, started only when
/// [`grow_lazy_thread_pool`] asks for them. There is one per page, made on the page's
/// main thread by [`LazyThreadPool::init`], and it lives as long as the page (its
/// workers hold a pointer to its channel). Workers never stop once started: Rayon's
/// threads stay in its pool until the pool ends, which a page's pool never does.
pub struct LazyThreadPool {
    pool: rayon::ThreadPool,
    max_threads: usize,
    /// The thread builders waiting for a worker (see `wbg_rayon_start_worker`).
    receiver: Receiver<ThreadBuilder>,
}

static LAZY_POOL: OnceLock<LazyThreadPool> = OnceLock::new();

impl LazyThreadPool {
    /// Builds the page's pool without starting any worker, or returns the one built
    /// before. Call on the page's main thread.
    pub fn init(max_threads: usize) -> Result<&'static LazyThreadPool, JsValue> {
        if let Some(pool) = LAZY_POOL.get() {
            return Ok(pool);
        }
        if max_threads == 0 {
            return Err(JsValue::from_str("max_threads must be > 0."));
        }
        let (sender, receiver) = bounded(max_threads);
        let pool = ThreadPoolBuilder::new()
            .num_threads(max_threads)
            // The channel holds every builder, so `send` never waits; the workers
            // started later take them in turn.
            .spawn_handler(move |thread| {
                sender
                    .send(thread)
                    .map_err(|_| std::io::Error::other("the lazy pool's channel is closed"))
            })
            .build()
            .map_err(|error| JsValue::from_str(&error.to_string()))?;
        let pool = LAZY_POOL.get_or_init(|| LazyThreadPool {
            pool,
            max_threads,
            receiver,
        });
        init_lazy_workers(
            wasm_bindgen::module(),
            wasm_bindgen::memory(),
            &pool.receiver,
            main_js_url(),
            max_threads,
        );
        Ok(pool)
    }

    /// The page's pool, once [`LazyThreadPool::init`] has built it (any thread).
    pub fn get() -> Option<&'static LazyThreadPool> {
        LAZY_POOL.get()
    }

    /// The Rayon pool: `spawn`, `install`... Jobs wait until a worker is up.
    pub fn pool(&self) -> &rayon::ThreadPool {
        &self.pool
    }

    pub fn max_threads(&self) -> usize {
        self.max_threads
    }
}

/// Asks for at least `count` workers in the page's lazy pool (at most its
/// `max_threads`). On the page's main thread it starts those missing and resolves once
/// they run; on a pool worker it posts the request to the page and resolves at once.
/// Never blocks.
pub fn grow_lazy_thread_pool(count: usize) -> Promise {
    grow_lazy_workers(count)
}

/// Workers of the page's lazy pool started so far, and those of them running Rayon's
/// loop (ready). Only the page's main thread knows: elsewhere both are 0.
pub fn lazy_thread_pool_workers() -> (usize, usize) {
    (lazy_workers_started(), lazy_workers_ready())
}

#[cfg(feature = "no-bundler")]
fn main_js_url() -> JsValue {
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
        static URL: JsString;
    }
    URL.with(|url| url.clone().into())
}

#[cfg(not(feature = "no-bundler"))]
fn main_js_url() -> JsValue {
    JsValue::UNDEFINED
}
