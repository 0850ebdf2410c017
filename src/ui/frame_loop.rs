//! Polling once per animation frame: while a run is active, call `poll` (which drains
//! what the run published) and re-render. Never blocks; stops asking for frames as soon
//! as the page reports the run is over.

use gloo_render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

/// Returns the frame number, which changes every frame while `active` is true.
#[hook]
pub fn use_frame_polling(active: bool, poll: Callback<()>) -> u64 {
    let frame = use_state(|| 0u64);
    let pending = use_mut_ref(|| None::<AnimationFrame>);
    {
        let frame_handle = frame.clone();
        use_effect_with((*frame, active), move |(number, active)| {
            let next = number + 1;
            *pending.borrow_mut() = active.then(|| {
                request_animation_frame(move |_| {
                    poll.emit(());
                    frame_handle.set(next);
                })
            });
        });
    }
    *frame
}
