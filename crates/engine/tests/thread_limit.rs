//! The live-thread limit: beyond it a spawn is refused at once, never queued. Its own test
//! binary, because the limit is process-wide.

use engine::threads::{self, SpawnError, MAX_LIVE_THREADS};
use sched::stop::StopSignal;
use std::time::Duration;

#[test]
fn spawns_beyond_the_limit_are_refused_and_slots_come_back() {
    let hold = StopSignal::new();
    for index in 0..MAX_LIVE_THREADS {
        let hold = hold.clone();
        threads::spawn(format!("holder-{index}"), move || {
            hold.sleep(Duration::from_secs(60));
        })
        .expect("below the limit");
    }
    assert_eq!(threads::live(), MAX_LIVE_THREADS);
    let refused = threads::spawn("one-too-many".into(), || {});
    assert_eq!(
        refused,
        Err(SpawnError::NoFreeWorker {
            live: MAX_LIVE_THREADS,
            capacity: MAX_LIVE_THREADS
        })
    );
    assert!(refused
        .unwrap_err()
        .to_string()
        .starts_with("can't start new thread"));

    hold.request();
    for _ in 0..5_000 {
        if threads::live() == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(
        threads::live(),
        0,
        "ended threads must give their slots back"
    );
    threads::spawn("after".into(), || {}).expect("a slot is free again");
}
