//! Deadlock detection for Python threads: who holds which lock, who waits for which,
//! and whether every live thread is waiting with no timeout (then nothing can ever wake
//! any of them, so the run is deadlocked). Bookkeeping only: it never blocks for long
//! and knows nothing of the VM's objects; the caller names the locks.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

/// Hashes the graph's keys (lock addresses, thread ids) with one multiply, as rustc's
/// FxHash does: every acquire and release of a lock updates `holders`, and SipHash's
/// resistance to chosen keys buys nothing for keys no program chooses (issue 16).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        // The product's high bits are the well-mixed ones; the table indexes by the low
        // bits (and lock addresses are aligned), so bring them down.
        self.0.rotate_left(26)
    }
}

type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

#[derive(Default)]
struct Inner {
    /// Live threads by id, with their names, in start order.
    live: BTreeMap<u64, String>,
    /// Thread id -> (lock it waits for, whether the wait has a timeout).
    waiting: KeyMap<u64, (usize, bool)>,
    /// Lock -> the thread that acquired it last.
    holders: KeyMap<usize, u64>,
    /// A stuck state seen once, with when: reported only if it lasts.
    suspect: Option<(Vec<(u64, usize)>, u64)>,
}

/// How long every thread must stay stuck, unchanged, before it counts as a deadlock
/// (rules out the instant between a release and the waiter waking up).
const CONFIRM_NS: u64 = 100_000_000;

#[derive(Default)]
pub struct WaitGraph {
    inner: Mutex<Inner>,
}

impl WaitGraph {
    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn thread_started(&self, id: u64, name: &str) {
        self.inner().live.insert(id, name.to_string());
    }

    pub fn thread_ended(&self, id: u64) {
        let mut inner = self.inner();
        inner.live.remove(&id);
        inner.waiting.remove(&id);
    }

    pub fn acquired(&self, lock: usize, id: u64) {
        self.inner().holders.insert(lock, id);
    }

    pub fn released(&self, lock: usize) {
        self.inner().holders.remove(&lock);
    }

    pub fn waiting(&self, id: u64, lock: usize, timed: bool) {
        self.inner().waiting.insert(id, (lock, timed));
    }

    pub fn done_waiting(&self, id: u64) {
        self.inner().waiting.remove(&id);
    }

    /// The report for threads the caller already knows can never wake (the virtual
    /// scheduler, where nothing runs behind its back): no confirmation delay.
    pub fn report(&self, name_of: &dyn Fn(usize) -> Option<String>) -> Option<String> {
        let inner = self.inner();
        if inner.live.is_empty() || inner.live.keys().any(|id| !inner.waiting.contains_key(id)) {
            return None;
        }
        Some(describe_cycle(&inner, name_of))
    }

    /// Whether every live thread waits for a held lock without a timeout, and for how
    /// long: [`Check::Found`] with the report, e.g. "Thread-1 holds lock_a and waits for
    /// lock_b; Thread-2 holds lock_b and waits for lock_a", once the same stuck state
    /// has lasted `CONFIRM_NS`; [`Check::Suspect`] while it has not yet (somebody must
    /// check again within that time to confirm it). `name_of` gives a lock's Python
    /// name where one is known.
    pub fn check(&self, name_of: &dyn Fn(usize) -> Option<String>) -> Check {
        self.check_at(trace::clock::now_ns(), name_of)
    }

    fn check_at(&self, now_ns: u64, name_of: &dyn Fn(usize) -> Option<String>) -> Check {
        let mut inner = self.inner();
        if inner.live.is_empty() {
            return Check::Clear;
        }
        // Stuck: waiting with no timeout for a lock that someone holds.
        let all_stuck = inner.live.keys().all(|id| match inner.waiting.get(id) {
            Some((lock, false)) => inner.holders.contains_key(lock),
            _ => false,
        });
        if !all_stuck {
            inner.suspect = None;
            return Check::Clear;
        }
        let snapshot: Vec<(u64, usize)> = inner
            .live
            .keys()
            .map(|id| (*id, inner.waiting[id].0))
            .collect();
        match &inner.suspect {
            Some((seen, since)) if *seen == snapshot => {
                if now_ns.saturating_sub(*since) < CONFIRM_NS {
                    return Check::Suspect;
                }
            }
            _ => {
                inner.suspect = Some((snapshot, now_ns));
                return Check::Suspect;
            }
        }
        Check::Found(describe_cycle(&inner, name_of))
    }
}

/// What a deadlock check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// Some live thread can still run (or may be woken by a timeout).
    Clear,
    /// Every live thread is stuck, not yet for `CONFIRM_NS`: check again to confirm.
    Suspect,
    /// Every live thread has been stuck for `CONFIRM_NS`: the report.
    Found(String),
}

/// "Thread-1 holds lock_a and waits for lock_b; ..." for every live thread (each must be
/// waiting).
fn describe_cycle(inner: &Inner, name_of: &dyn Fn(usize) -> Option<String>) -> String {
    {
        let describe =
            |lock: usize| name_of(lock).unwrap_or_else(|| "an internal lock".to_string());
        let parts: Vec<String> = inner
            .live
            .iter()
            .map(|(id, name)| {
                let (wanted, _) = inner.waiting[id];
                let mut held: Vec<String> = inner
                    .holders
                    .iter()
                    .filter(|(lock, holder)| {
                        // "Thread-1 to finish" names what join() waits for, not a
                        // resource anybody would say it holds.
                        **holder == *id
                            && name_of(**lock).is_some_and(|n| {
                                // Nobody "holds" a join or a parked condition waiter.
                                !n.ends_with(" to finish") && !n.ends_with(')')
                            })
                    })
                    .map(|(lock, _)| describe(*lock))
                    .collect();
                held.sort();
                let waits = match inner.holders.get(&wanted).and_then(|h| inner.live.get(h)) {
                    Some(owner) if name_of(wanted).is_none() && owner != name => {
                        format!("{} (held by {owner})", describe(wanted))
                    }
                    _ => describe(wanted),
                };
                if held.is_empty() {
                    format!("{name} waits for {waits}")
                } else {
                    format!("{name} holds {} and waits for {waits}", held.join(", "))
                }
            })
            .collect();
        format!("Deadlock: {}", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl WaitGraph {
        fn deadlock_at(
            &self,
            now_ns: u64,
            name_of: &dyn Fn(usize) -> Option<String>,
        ) -> Option<String> {
            match self.check_at(now_ns, name_of) {
                Check::Found(report) => Some(report),
                Check::Clear | Check::Suspect => None,
            }
        }
    }

    #[test]
    fn lock_order_inversion_is_reported_with_names() {
        let graph = WaitGraph::default();
        graph.thread_started(2, "Thread-1");
        graph.thread_started(3, "Thread-2");
        graph.acquired(10, 2);
        graph.acquired(20, 3);
        graph.waiting(2, 20, false);
        let names = |lock: usize| match lock {
            10 => Some("lock_a".to_string()),
            20 => Some("lock_b".to_string()),
            _ => None,
        };
        assert_eq!(
            graph.deadlock_at(0, &names),
            None,
            "Thread-2 is still running"
        );
        graph.waiting(3, 10, false);
        assert_eq!(
            graph.deadlock_at(1, &names),
            None,
            "first sighting is only a suspicion"
        );
        assert_eq!(
            graph.deadlock_at(1 + CONFIRM_NS, &names).as_deref(),
            Some("Deadlock: Thread-1 holds lock_a and waits for lock_b; Thread-2 holds lock_b and waits for lock_a")
        );
    }

    #[test]
    fn a_timed_wait_or_a_running_thread_is_no_deadlock() {
        let graph = WaitGraph::default();
        graph.thread_started(1, "MainThread");
        graph.thread_started(2, "Thread-1");
        graph.acquired(5, 2);
        graph.acquired(6, 1);
        graph.waiting(1, 5, false);
        graph.waiting(2, 6, true);
        assert_eq!(graph.deadlock_at(0, &|_| None), None);
        assert_eq!(graph.deadlock_at(CONFIRM_NS * 2, &|_| None), None);
        graph.released(5);
        graph.thread_ended(2);
        assert_eq!(
            graph.deadlock_at(CONFIRM_NS * 3, &|_| None),
            None,
            "the lock main wants is free"
        );
        graph.acquired(5, 2);
        assert_eq!(graph.deadlock_at(CONFIRM_NS * 4, &|_| None), None);
        assert!(
            graph.deadlock_at(CONFIRM_NS * 6, &|_| None).is_some(),
            "main waits forever for a held lock"
        );
    }
}
