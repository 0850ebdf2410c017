//! Polling on animation frames: while a run is active, call `poll` (which drains what
//! the run published) and re-render, at most every [`MIN_FRAME_MS`]. Never blocks;
//! stops asking for frames as soon as the page reports the run is over.
//!
//! Why not every frame: each poll re-renders the page and redraws the timeline on the
//! browser's main thread, which shares the machine's cores with the Python threads it
//! shows. At 60 polls a second that took about 30% of a core during a free-threaded
//! run on 2 cores; at 30 it takes half that, and the timeline still moves smoothly.

use gloo_render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The shortest time between two polls (about 30 a second).
const MIN_FRAME_MS: f64 = 30.0;

/// Returns the poll number, which changes every poll while `active` is true.
#[hook]
pub fn use_frame_polling(active: bool, poll: Callback<()>) -> u64 {
    let frame = use_state(|| 0u64);
    // Requested frames, kept alive until the next poll's effect clears them (a frame's
    // callback must never drop the handle it runs from, so re-requests are added here).
    let pending = use_mut_ref(Vec::<AnimationFrame>::new);
    let last_poll_ms = use_mut_ref(|| f64::NEG_INFINITY);
    {
        let frame_handle = frame.clone();
        use_effect_with((*frame, active), move |(number, active)| {
            pending.borrow_mut().clear();
            if *active {
                let next = number + 1;
                schedule(pending, last_poll_ms, poll, frame_handle, next);
            }
        });
    }
    *frame
}

/// Asks for the next animation frame; polls in it if enough time has passed since the
/// last poll, or asks again.
fn schedule(
    pending: Rc<RefCell<Vec<AnimationFrame>>>,
    last_poll_ms: Rc<RefCell<f64>>,
    poll: Callback<()>,
    frame: UseStateHandle<u64>,
    next: u64,
) {
    let slot = pending.clone();
    let requested = request_animation_frame(move |now_ms| {
        if now_ms - *last_poll_ms.borrow() < MIN_FRAME_MS {
            schedule(pending, last_poll_ms, poll, frame, next);
            return;
        }
        *last_poll_ms.borrow_mut() = now_ms;
        poll.emit(());
        frame.set(next);
    });
    slot.borrow_mut().push(requested);
}
