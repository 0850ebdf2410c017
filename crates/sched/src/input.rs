//! A run's standard input, line by line: the mailbox between the Python threads that
//! wait in `input()` and whoever answers them (the command line's stdin reader, the
//! page's input line, a test).
//!
//! Threads ask ([`Stdin::ask`]) and are served in the order they asked, one line each;
//! a line is a `String` without its newline, or end of input (Ctrl+D, the page's "End
//! input" button, a closed pipe), which that one request gets. Every change of the
//! mailbox changes [`Stdin::word`], so a thread waiting for its line sleeps on it, and
//! so does a reader waiting for someone to ask ([`Stdin::wait_for_demand`]).
//!
//! It never blocks but in the two waits named (which must never run on the browser's
//! main thread); asking, answering and reading the state may happen anywhere. It knows
//! nothing of Python objects or of where the lines come from.

use crate::wait::WaitWord;
use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// One thread waiting for a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputRequest {
    /// The asking thread (the VM's thread id).
    pub thread_id: u64,
    /// Its trace lane, if it has one (the page names the thread from it).
    pub lane: Option<usize>,
    /// The prompt it wrote (`input(prompt)`), for the page's input line.
    pub prompt: String,
    /// Which request of the run this is (1, 2, ...; set by [`Stdin::ask`]).
    pub seq: u64,
}

#[derive(Default)]
struct Mailbox {
    /// Waiting threads, oldest first.
    requests: VecDeque<InputRequest>,
    /// Answers not taken yet, oldest first: a line, or None for end of input.
    lines: VecDeque<Option<String>>,
    /// No answer will ever come from outside: every request gets end of input.
    closed: bool,
    /// Requests made so far.
    asked: u64,
    /// A replay (`Stdin::replaying`): the first request with no answer queued pauses
    /// the run instead of waiting.
    replay: bool,
    /// The request that paused a replay.
    paused: Option<InputRequest>,
    /// The reader was told to leave (the run is over).
    finished: bool,
}

/// A run's standard input; see the module's notes.
#[derive(Default)]
pub struct Stdin {
    mailbox: Mutex<Mailbox>,
    /// Bumped by every change of the mailbox.
    word: WaitWord,
}

impl Stdin {
    /// A stdin that someone will answer (`answer`, `end_of_input`).
    pub fn new() -> Stdin {
        Stdin::default()
    }

    /// A stdin with nothing behind it (like `python3 < /dev/null`): every `input()`
    /// gets end of input at once.
    pub fn closed() -> Stdin {
        let stdin = Stdin::default();
        stdin.mailbox().closed = true;
        stdin
    }

    /// A stdin for a run that replays an earlier one with the answers given so far
    /// (`None` is end of input): the first request past them pauses the run
    /// ([`Stdin::ask`] says so, [`Stdin::paused`] keeps it). For a build that cannot
    /// wait for the page while it runs (one thread, no shared memory): the program is
    /// replayed from its start on the same seed with one answer more each time, which
    /// on the virtual scheduler repeats exactly what it did up to that request.
    pub fn replaying(answers: Vec<Option<String>>) -> Stdin {
        let stdin = Stdin::default();
        {
            let mut mailbox = stdin.mailbox();
            mailbox.lines = answers.into();
            mailbox.replay = true;
        }
        stdin
    }

    /// The request that paused this replay, if one did.
    pub fn paused(&self) -> Option<InputRequest> {
        self.mailbox().paused.clone()
    }

    fn mailbox(&self) -> MutexGuard<'_, Mailbox> {
        self.mailbox.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The word that changes with the mailbox: a waiter reads it, looks, then sleeps
    /// while it still holds what it read.
    pub fn word(&self) -> &WaitWord {
        &self.word
    }

    /// Thread `request.thread_id` starts waiting for a line. True when the run must
    /// pause here instead (a replay past its answers: see [`Stdin::replaying`]).
    pub fn ask(&self, mut request: InputRequest) -> bool {
        let mut mailbox = self.mailbox();
        mailbox.asked += 1;
        request.seq = mailbox.asked;
        let pause = mailbox.replay
            && mailbox.paused.is_none()
            && mailbox.lines.len() <= mailbox.requests.len();
        if pause {
            mailbox.paused = Some(request.clone());
        }
        mailbox.requests.push_back(request);
        drop(mailbox);
        self.word.bump();
        pause
    }

    /// The line for `thread_id` if it is its turn and an answer is there (`Some(None)`
    /// is end of input); the request is then over. Never blocks.
    pub fn take(&self, thread_id: u64) -> Option<Option<String>> {
        let mut mailbox = self.mailbox();
        if mailbox.requests.front()?.thread_id != thread_id {
            return None;
        }
        let answer = match mailbox.lines.pop_front() {
            Some(answer) => answer,
            None if mailbox.closed => None,
            None => return None,
        };
        mailbox.requests.pop_front();
        drop(mailbox);
        self.word.bump();
        Some(answer)
    }

    /// Thread `thread_id` stops waiting without a line (the run stopped): its request
    /// goes away, answers stay for the next one.
    pub fn withdraw(&self, thread_id: u64) {
        let mut mailbox = self.mailbox();
        let before = mailbox.requests.len();
        mailbox.requests.retain(|r| r.thread_id != thread_id);
        let changed = mailbox.requests.len() != before;
        drop(mailbox);
        if changed {
            self.word.bump();
        }
    }

    /// Answers the oldest request still unanswered with `line` (its newline, if any,
    /// is the caller's to remove).
    pub fn answer(&self, line: String) {
        self.mailbox().lines.push_back(Some(line));
        self.word.bump();
    }

    /// Answers the oldest request still unanswered with end of input.
    pub fn end_of_input(&self) {
        self.mailbox().lines.push_back(None);
        self.word.bump();
    }

    /// The thread whose turn it is and its prompt, while one waits with no answer
    /// queued for it (what the page's input line shows).
    pub fn waiting(&self) -> Option<InputRequest> {
        let mailbox = self.mailbox();
        if mailbox.closed || mailbox.lines.len() >= mailbox.requests.len() {
            return None;
        }
        mailbox.requests.get(mailbox.lines.len()).cloned()
    }

    /// How many threads wait for a line now.
    pub fn waiters(&self) -> usize {
        self.mailbox().requests.len()
    }

    /// Waits (sleeping on the word) until some thread waits for a line that has no
    /// answer queued yet: true then, false once [`Stdin::finish`] was called. For a
    /// reader that reads one line per request, as CPython reads stdin only inside
    /// `input()`. Must not run on the browser's main thread.
    pub fn wait_for_demand(&self) -> bool {
        loop {
            let seen = self.word.load();
            {
                let mailbox = self.mailbox();
                if mailbox.finished {
                    return false;
                }
                if mailbox.lines.len() < mailbox.requests.len() {
                    return true;
                }
            }
            self.word.wait(seen, None);
        }
    }

    /// The run is over: a reader waiting for demand leaves, and later requests get end
    /// of input.
    pub fn finish(&self) {
        let mut mailbox = self.mailbox();
        mailbox.finished = true;
        mailbox.closed = true;
        drop(mailbox);
        self.word.bump();
    }

    /// Sleeps until the word changes from `seen`, at most `timeout`.
    pub fn sleep_while(&self, seen: i32, timeout: Option<Duration>) {
        self.word.wait(seen, timeout);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(thread_id: u64, prompt: &str) -> InputRequest {
        InputRequest {
            thread_id,
            lane: None,
            prompt: prompt.to_string(),
            seq: 0,
        }
    }

    #[test]
    fn threads_are_served_in_the_order_they_asked() {
        let stdin = Stdin::new();
        stdin.ask(request(2, "a? "));
        stdin.ask(request(1, "b? "));
        assert_eq!(stdin.waiting().map(|r| r.prompt), Some("a? ".to_string()));
        stdin.answer("x".into());
        // Thread 1 asked second: the first line is not its.
        assert_eq!(stdin.take(1), None);
        assert_eq!(stdin.waiting().map(|r| r.thread_id), Some(1));
        assert_eq!(stdin.take(2), Some(Some("x".into())));
        assert_eq!(stdin.take(1), None);
        stdin.end_of_input();
        assert_eq!(stdin.take(1), Some(None));
        assert_eq!(stdin.waiting(), None);
        assert_eq!(stdin.waiters(), 0);
    }

    #[test]
    fn a_closed_stdin_gives_end_of_input_and_withdrawing_keeps_answers() {
        let stdin = Stdin::closed();
        stdin.ask(request(1, ""));
        assert_eq!(stdin.waiting(), None);
        assert_eq!(stdin.take(1), Some(None));

        let stdin = Stdin::new();
        stdin.answer("early".into());
        stdin.ask(request(3, ""));
        stdin.withdraw(3);
        assert_eq!(stdin.waiters(), 0);
        stdin.ask(request(4, ""));
        assert_eq!(stdin.take(4), Some(Some("early".into())));
    }

    #[test]
    fn a_replay_pauses_at_the_first_request_past_its_answers() {
        let stdin = Stdin::replaying(vec![Some("a".into()), None]);
        assert!(!stdin.ask(request(1, "1? ")));
        assert_eq!(stdin.take(1), Some(Some("a".into())));
        assert!(!stdin.ask(request(1, "2? ")));
        assert_eq!(stdin.take(1), Some(None));
        assert!(stdin.ask(request(2, "3? ")));
        let paused = stdin.paused().expect("paused");
        assert_eq!(
            (paused.thread_id, paused.prompt.as_str(), paused.seq),
            (2, "3? ", 3)
        );
    }

    #[test]
    fn a_reader_waits_for_demand_until_finished() {
        let stdin = std::sync::Arc::new(Stdin::new());
        let reader = {
            let stdin = stdin.clone();
            std::thread::spawn(move || {
                let mut served = 0;
                while stdin.wait_for_demand() {
                    stdin.answer(format!("line {served}"));
                    served += 1;
                }
                served
            })
        };
        stdin.ask(request(1, ""));
        loop {
            let seen = stdin.word().load();
            if let Some(line) = stdin.take(1) {
                assert_eq!(line, Some("line 0".to_string()));
                break;
            }
            stdin.sleep_while(seen, None);
        }
        stdin.finish();
        assert_eq!(reader.join().unwrap(), 1);
    }
}
