//! Step mode on the virtual scheduler: carrying out a [`StepScript`]'s choices (which
//! thread moves next, by a line or an instruction), refusing the ones the GIL model or a
//! thread's state forbid, and the snapshot of every thread when the choices run out.
//!
//! The scheduler calls [`VirtualScheduler::scripted_step`] at the top of each of its
//! steps while the script lasts; once it is over (paused, refused, or all choices made
//! with the run going on) the scheduler picks threads by its seed as always. Nothing here
//! reads a real clock or consumes the seed except through the scheduler's own slices,
//! so a script with no choices leaves the run exactly as it was.

use super::steps::{SliceRan, StepChoice, StepScript, StepSnapshot, StepThread, StepUnit};
use super::steps::{MAX_REPLAY_INSTRUCTIONS, MAX_STEP_CHOICES};
use super::virtual_threads::{State, Status, VirtualScheduler};
use crate::interp::{Runtime, StepPosition, Vm};
use crate::GilModel;
use std::collections::BTreeMap;
use std::sync::Arc;
use trace::ThreadState;

/// Step mode's progress, kept in the scheduler's state.
#[derive(Default)]
pub(crate) struct Replay {
    /// The next choice to carry out.
    next: usize,
    /// The script's part of the run is over: it paused, refused a choice, or made all
    /// its choices and the scheduler goes on by itself.
    over: bool,
    /// Instructions run under the script (bounded by [`MAX_REPLAY_INSTRUCTIONS`]).
    instructions: u64,
    /// Every thread started so far, by trace lane: its id and name.
    roster: BTreeMap<u16, (u64, String)>,
    /// What the last step ran, when it was a slice.
    last_slice: Option<SliceRan>,
}

impl Replay {
    /// Notes a thread as it starts (threads without a lane cannot be chosen).
    pub(super) fn enrol(&mut self, vm: &Vm, name: &str) {
        if let Some(lane) = vm.lane_index().and_then(|l| u16::try_from(l).ok()) {
            self.roster
                .entry(lane)
                .or_insert_with(|| (vm.thread_id, name.to_string()));
        }
    }
}

/// How a single instruction of a step left the thread.
enum After {
    /// Mid-slice: it can go on at once.
    GoesOn(Option<StepPosition>),
    /// Its slice ended (the GIL's switch interval ran out): it waits to run again.
    SliceOver(Option<StepPosition>),
    /// It blocked, finished, or the run is stopping.
    Stopped,
}

impl VirtualScheduler {
    /// One scheduling step under the script: carries out its next choice, jumps the
    /// clock when every thread sleeps, or pauses the run when the choices are done.
    /// False when the scheduler should take this step itself (the script is over, or no
    /// thread can ever move again: it reports the deadlock).
    pub(super) fn scripted_step(&self, rt: &Arc<Runtime>, extra_deadline: Option<u64>) -> bool {
        let Some(script) = self.script.get() else {
            return false;
        };
        let (next, runnable, deadline) = {
            let mut state = self.state();
            if state.replay.over {
                self.scripting
                    .store(false, std::sync::atomic::Ordering::Relaxed);
                return false;
            }
            // As a scheduling step does first: wake what can be woken.
            self.wake_ready(rt, &mut state);
            let runnable = state
                .threads
                .values()
                .any(|t| matches!(t.status, Status::Runnable(_) | Status::Starting(..)));
            let deadline = state.next_deadline(extra_deadline);
            (state.replay.next, runnable, deadline)
        };
        if !runnable {
            if let Some(deadline) = deadline {
                // Every thread sleeps: time passes by itself, it is nobody's step.
                self.advance_to(deadline);
                return true;
            }
            // Nothing can ever move again: the scheduler reports the deadlock; the
            // snapshot shows who waits for what.
            if script.choices.len() > next || script.pause {
                let refused = (next < script.choices.len())
                    .then(|| "no thread can move: the program is deadlocked".to_string());
                let snapshot = self.snapshot(rt, next, refused, true);
                script.set_snapshot(snapshot);
            }
            self.state().replay.over = true;
            return false;
        }
        if script.choices.len() > MAX_STEP_CHOICES {
            let reason = format!("a schedule holds at most {MAX_STEP_CHOICES} steps");
            self.end_script(rt, script, 0, Some(reason));
            return true;
        }
        let Some(choice) = script.choices.get(next).copied() else {
            if script.pause {
                self.end_script(rt, script, next, None);
            } else {
                self.state().replay.over = true;
            }
            return true;
        };
        if self.state().replay.instructions >= MAX_REPLAY_INSTRUCTIONS {
            let reason = format!(
                "the steps so far ran more than {MAX_REPLAY_INSTRUCTIONS} instructions: \
                 step back, or run to the end"
            );
            self.end_script(rt, script, next, Some(reason));
            return true;
        }
        if choice.is_schedulers() {
            // The scheduler's own step, as a run without steps takes it.
            let ran = self
                .own_slice(rt)
                .map(|(id, executed)| (id, executed + self.rest_of_slice(rt, id)));
            if let Some((_, executed)) = ran {
                self.state().replay.instructions += executed;
            }
            self.note_slice(ran);
            self.state().replay.next += 1;
            return true;
        }
        match self.chosen_thread(rt, choice) {
            Ok(id) => {
                if choice.unit == StepUnit::Slice {
                    let ran = self.thread_slice(rt, id);
                    self.note_slice(Some((id, ran)));
                } else {
                    self.carry_out(rt, id, choice.unit);
                    self.state().replay.last_slice = None;
                }
                self.state().replay.next += 1;
            }
            Err(reason) => self.end_script(rt, script, next, Some(reason)),
        }
        true
    }

    /// Thread `id` runs to the end of its slice (the rest of its paused one, or a new
    /// one of the seed's length), or until it blocks or ends. Returns the instructions
    /// it ran.
    fn thread_slice(&self, rt: &Arc<Runtime>, id: u64) -> u64 {
        let rest = {
            let mut state = self.state();
            match state.paused.take() {
                Some((paused, budget, cost)) if paused == id => Some((budget, cost)),
                // Free threading: another thread's paused slice simply ends.
                _ => None,
            }
        };
        let executed = self.run_slice(rt, id, rest, None) + self.rest_of_slice(rt, id);
        self.state().replay.instructions += executed;
        executed
    }

    /// Runs the rest of thread `id`'s slice when it was only paused (the run's reports
    /// cut a slice into chunks, and a run without steps goes on with the same thread):
    /// a slice step ends at the switch, not at a chunk's end. Returns the instructions.
    fn rest_of_slice(&self, rt: &Arc<Runtime>, id: u64) -> u64 {
        let mut executed = 0;
        loop {
            if let Some(stepper) = self.stepper.get() {
                if !stepper.wait_for_allowance(&rt.stop) {
                    return executed;
                }
            }
            if rt.stop.is_requested() {
                return executed;
            }
            let rest = {
                let mut state = self.state();
                match state.paused {
                    Some((paused, budget, cost)) if paused == id => {
                        state.paused = None;
                        (budget, cost)
                    }
                    _ => return executed,
                }
            };
            executed += self.run_slice(rt, id, Some(rest), None);
        }
    }

    /// Remembers what the slice just carried out ran, for the snapshot.
    fn note_slice(&self, ran: Option<(u64, u64)>) {
        let mut state = self.state();
        let replay = &mut state.replay;
        replay.last_slice = ran.and_then(|(id, instructions)| {
            let lane = replay
                .roster
                .iter()
                .find(|(_, (thread, _))| *thread == id)
                .map(|(lane, _)| *lane)?;
            Some(SliceRan { lane, instructions })
        });
    }

    /// Ends the script's part of the run: records where it stands and stops the run.
    fn end_script(
        &self,
        rt: &Arc<Runtime>,
        script: &StepScript,
        applied: usize,
        refused: Option<String>,
    ) {
        let snapshot = self.snapshot(rt, applied, refused, false);
        script.set_snapshot(snapshot);
        self.state().replay.over = true;
        rt.stop.request();
    }

    /// The thread `choice` names, if it may move now; else why not, in one line.
    fn chosen_thread(&self, rt: &Arc<Runtime>, choice: StepChoice) -> Result<u64, String> {
        let (id, name) = self
            .state()
            .replay
            .roster
            .get(&choice.lane)
            .cloned()
            .ok_or_else(|| format!("no thread has started on lane {} yet", choice.lane))?;
        match self.why_not(rt, id) {
            None => Ok(id),
            Some(why) => Err(format!("{name} cannot move: {why}")),
        }
    }

    /// Why thread `id` cannot move now (None: it can).
    fn why_not(&self, rt: &Arc<Runtime>, id: u64) -> Option<String> {
        // What it waits for, read under the state's lock; names are looked up after
        // (they lock the program's globals).
        let (blocked_on, sleeping) = {
            let state = self.state();
            let Some(thread) = state.threads.get(&id) else {
                return Some("done".into());
            };
            match &thread.status {
                Status::Finished(_) => return Some("done".into()),
                Status::Running => {
                    return Some("waiting inside a call made from native code".into())
                }
                Status::Starting(..) | Status::Runnable(_) => {
                    return self
                        .gil_holder(&state, id)
                        .map(|holder| format!("waiting for the GIL ({holder} holds it)"))
                }
                Status::Blocked(wait) => (wait.lock, wait.state == ThreadState::Sleeping),
            }
        };
        if sleeping {
            return Some("sleeping".into());
        }
        let name = blocked_on.and_then(|key| crate::threads::lock_name(rt, key));
        Some(match name {
            Some(name) if name.ends_with(" to finish") || name.ends_with(" to start") => {
                format!("waiting for {name}")
            }
            Some(name) if name.contains('(') => format!("waiting on {name}"),
            Some(name) => format!("blocked on {name}"),
            None => "blocked".into(),
        })
    }

    /// The name of the thread holding the GIL mid-slice, if another than `id` does and
    /// the model has a GIL (so only it may move).
    fn gil_holder(&self, state: &State, id: u64) -> Option<String> {
        if self.model == GilModel::Free {
            return None;
        }
        let (holder, _, _) = state.paused?;
        if holder == id {
            return None;
        }
        let name = state
            .replay
            .roster
            .values()
            .find(|(thread, _)| *thread == holder)
            .map_or_else(|| format!("thread {holder}"), |(_, name)| name.clone());
        Some(name)
    }

    /// Moves thread `id` by one `unit`: one instruction of the program's code, or until
    /// it reaches a new line of the program; either way less when it blocks, ends, or
    /// (with a GIL) its slice ends.
    fn carry_out(&self, rt: &Arc<Runtime>, id: u64, unit: StepUnit) {
        let mut last = self.position(id).filter(|p| p.in_program);
        let mut ran = 0u64;
        // Empty slices (a budget of one) in a row: bounded, though the seed ends them.
        let mut empty = 0u32;
        loop {
            if let Some(stepper) = self.stepper.get() {
                if !stepper.wait_for_allowance(&rt.stop) {
                    return;
                }
            }
            if rt.stop.is_requested() {
                return;
            }
            let rest = {
                let mut state = self.state();
                match state.paused.take() {
                    Some((paused, budget, cost)) if paused == id => Some((budget, cost)),
                    // Free threading: another thread's paused slice simply ends (there
                    // is no GIL to hand over); it stays runnable.
                    _ => None,
                }
            };
            let executed = self.run_slice(rt, id, rest, Some(1));
            ran += executed;
            let total = {
                let mut state = self.state();
                state.replay.instructions += executed;
                state.replay.instructions
            };
            let position = match self.after_instruction(id) {
                After::Stopped => return,
                After::SliceOver(_) if self.model != GilModel::Free && ran > 0 => return,
                After::SliceOver(position) | After::GoesOn(position) => position,
            };
            if total >= MAX_REPLAY_INSTRUCTIONS {
                return;
            }
            if executed == 0 {
                empty += 1;
                if empty > 1_000 {
                    return;
                }
                continue;
            }
            match (unit, position) {
                (_, None) => return,
                (StepUnit::Instruction, Some(p)) if p.in_program => return,
                (StepUnit::Instruction, Some(_)) => {}
                (StepUnit::Line, Some(p)) if p.in_program => match last {
                    Some(l) if new_line(l, p) => return,
                    _ => last = Some(p),
                },
                (StepUnit::Line, Some(_)) => {}
                // A slice is carried out whole by `thread_slice`, never here.
                (StepUnit::Slice, Some(_)) => return,
            }
        }
    }

    /// Where thread `id`'s next instruction is (None: not started, or gone).
    fn position(&self, id: u64) -> Option<StepPosition> {
        let state = self.state();
        state.threads.get(&id)?.vm.as_ref()?.step_position()
    }

    fn after_instruction(&self, id: u64) -> After {
        let state = self.state();
        let Some(thread) = state.threads.get(&id) else {
            return After::Stopped;
        };
        if !matches!(thread.status, Status::Runnable(_)) {
            return After::Stopped;
        }
        let position = thread.vm.as_ref().and_then(|vm| vm.step_position());
        match state.paused {
            Some((paused, _, _)) if paused == id => After::GoesOn(position),
            _ => After::SliceOver(position),
        }
    }

    /// Every thread started so far, as it stands now.
    fn snapshot(
        &self,
        rt: &Arc<Runtime>,
        applied: usize,
        refused: Option<String>,
        finished: bool,
    ) -> StepSnapshot {
        let roster: Vec<(u16, u64, String)> = self
            .state()
            .replay
            .roster
            .iter()
            .map(|(lane, (id, name))| (*lane, *id, name.clone()))
            .collect();
        let mut threads = Vec::with_capacity(roster.len());
        for (lane, id, name) in roster {
            let why_not = if finished {
                Some(
                    self.why_not(rt, id)
                        .unwrap_or_else(|| "the program ended".into()),
                )
            } else {
                self.why_not(rt, id)
            };
            let mut thread = StepThread {
                lane,
                name,
                can_step: why_not.is_none(),
                why_not,
                ..StepThread::default()
            };
            let mut state = self.state();
            if let Some(vm) = state.threads.get_mut(&id).and_then(|t| t.vm.as_mut()) {
                thread.line = vm.step_line();
                if thread.why_not.as_deref() != Some("done") {
                    thread.next_instruction = vm.next_instruction_text();
                    thread.loaded = vm.loaded_values();
                }
            }
            threads.push(thread);
        }
        StepSnapshot {
            applied,
            refused,
            threads,
            finished,
            last_slice: self.state().replay.last_slice,
        }
    }

    /// Where a stepped run stood at its end: the snapshot it took as it paused, refused
    /// a choice or deadlocked, else (it ended within or after its choices) every thread
    /// it started, as done. None without a script.
    pub fn final_step_snapshot(&self, rt: &Arc<Runtime>) -> Option<StepSnapshot> {
        let script = self.script.get()?;
        if let Some(snapshot) = script.snapshot() {
            return Some(snapshot);
        }
        let applied = self.state().replay.next;
        let refused = (applied < script.choices.len())
            .then(|| "the program ended before this step".to_string());
        let mut snapshot = self.snapshot(rt, applied, refused, true);
        for thread in &mut snapshot.threads {
            thread.can_step = false;
            thread.next_instruction.clear();
            thread.loaded.clear();
            thread.why_not = Some("done".into());
        }
        Some(snapshot)
    }
}

/// Whether going from program position `last` to `next` is a new line event: a call
/// into the program's code, another line, or a jump back (a loop's next iteration on
/// the same line). A return to the caller's line is not.
fn new_line(last: StepPosition, next: StepPosition) -> bool {
    if next.jumps_back {
        // A loop's closing jump (which carries the loop's line): the line event comes
        // where it lands, as CPython reports it.
        return false;
    }
    next.depth > last.depth
        || (next.depth == last.depth && (next.line != last.line || next.ip <= last.ip))
}
