//! Export of a trace as Chrome Trace Event JSON, which Perfetto and chrome://tracing
//! open: one track per thread (named by metadata events), each state span a complete
//! ("X") event with the program line it started at; GIL hand-offs, lock owner changes,
//! waits and printed lines as thread-scoped instant ("i") events; watched globals as
//! counter ("C") events; after the thread tracks, one GIL track per process (the main
//! one's "GIL", a child's "GIL · Process-1") with a span per holder. Spans of a thread never overlap, so the events nest properly by
//! construction. The document is the object form (`traceEvents` plus `metadata`); the
//! metadata says whether the run's start was summarized (spans before
//! `summary_before_ms` then each stand for a run of `summary_quantum_ms` buckets, marked
//! `"summary": true`) and gives the exact counts. Pure: it formats, it never reads
//! clocks or files.

use super::store::{GilTrack, StoreLimits, TraceStore};
use super::{spans, Mark, MarkKind, TraceEvent, TraceLog};
use std::fmt::Write;

/// Escapes `text` for a JSON string.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The whole log as a Chrome Trace Event JSON document; times are microseconds from
/// `origin_ns`, open spans end at `end_ns`.
pub fn to_json(log: &TraceLog, origin_ns: u64, end_ns: u64) -> String {
    store_to_json(
        &TraceStore::from_log(log, origin_ns, StoreLimits::unbounded()),
        end_ns,
    )
}

/// A store as a Chrome Trace Event JSON document; times are microseconds from the run's
/// start, open spans end at `end_ns`.
pub fn store_to_json(store: &TraceStore, end_ns: u64) -> String {
    let origin_ns = store.origin_ns();
    let mut events: Vec<String> = Vec::new();
    events.push(
        r#"{"ph":"M","pid":1,"tid":0,"name":"process_name","args":{"name":"threadplay"}}"#
            .to_string(),
    );
    for (index, lane) in store.lanes().iter().enumerate() {
        let tid = index + 1;
        events.push(format!(
            r#"{{"ph":"M","pid":1,"tid":{tid},"name":"thread_name","args":{{"name":{}}}}}"#,
            json_string(lane.name())
        ));
        events.extend(lane_events(
            lane.events(),
            store.boundary_ns(),
            tid,
            origin_ns,
            end_ns,
        ));
    }
    events.extend(store.marks().iter().map(|mark| mark_event(mark, origin_ns)));
    // One GIL track per process (after the thread tracks): who held that process's GIL.
    let mut tid = store.lanes().len() + 1;
    // The main process's first, then the children's in the order of their first thread.
    let mut tracks: Vec<_> = store.gil_tracks().iter().collect();
    tracks.sort_by_key(|t| {
        let first = store
            .lanes()
            .iter()
            .position(|l| l.process() == t.process());
        (t.process() != 0, first)
    });
    for track in tracks {
        if track.marks().is_empty() && track.summary().is_empty() {
            continue;
        }
        let name = match store.process_name(track.process()) {
            Some(process) => format!("GIL · {process}"),
            None => "GIL".to_string(),
        };
        events.push(format!(
            r#"{{"ph":"M","pid":1,"tid":{tid},"name":"thread_name","args":{{"name":{}}}}}"#,
            json_string(&name)
        ));
        events.extend(gil_events(store, track, tid, end_ns));
        tid += 1;
    }
    format!(
        "{{\"traceEvents\":[\n{}\n],\"displayTimeUnit\":\"ms\",\"metadata\":{}}}\n",
        events.join(",\n"),
        metadata(store)
    )
}

/// What the document holds: whether and where it is a summary, and the exact counts.
fn metadata(store: &TraceStore) -> String {
    let counters = store.counters();
    let ms = |ns: u64| ns as f64 / 1e6;
    let summary = if store.is_summarized() {
        format!(
            r#""summary_before_ms":{:.3},"summary_quantum_ms":{:.6},"summary_note":{},"#,
            ms(store.boundary_ns() - store.origin_ns()),
            ms(store.quantum_ns()),
            json_string(
                "before summary_before_ms each thread span is a summary: each \
                 summary_quantum_ms bucket shows the state that filled most of it \
                 (args.summary = true); GIL, wait and lock marks are kept only after it; \
                 the counts are exact"
            )
        )
    } else {
        String::new()
    };
    format!(
        r#"{{"generator":"threadplay","summarized":{},{summary}"state_changes":{},"gil_handoffs":{},"gil_forced":{},"waits":{},"lock_owner_changes":{},"prints":{},"prints_kept":{},"watch_samples":{}}}"#,
        store.is_summarized(),
        counters.state_changes,
        counters.gil_handoffs,
        counters.gil_forced,
        counters.waits,
        counters.lock_owner_changes,
        counters.prints,
        store.printed().count(),
        counters.watch_samples,
    )
}

fn lane_events(
    events: &[TraceEvent],
    boundary_ns: u64,
    tid: usize,
    origin_ns: u64,
    end_ns: u64,
) -> Vec<String> {
    spans(events, end_ns)
        .into_iter()
        .map(|span| {
            let start_us = span.start_ns.saturating_sub(origin_ns) as f64 / 1000.0;
            let duration_us = span.end_ns.saturating_sub(span.start_ns) as f64 / 1000.0;
            let mut args = Vec::new();
            if span.line > 0 {
                args.push(format!(r#""line":{}"#, span.line));
            }
            if span.start_ns < boundary_ns {
                args.push(r#""summary":true"#.to_string());
            }
            let args = if args.is_empty() {
                String::new()
            } else {
                format!(r#","args":{{{}}}"#, args.join(","))
            };
            format!(
                r#"{{"ph":"X","pid":1,"tid":{tid},"name":{},"cat":"thread","ts":{start_us:.3},"dur":{duration_us:.3}{args}}}"#,
                json_string(span.state.label())
            )
        })
        .collect()
}

/// A GIL track's holder spans ("X" events named after the holding thread): its summary
/// buckets, then the detail window's hand-offs.
fn gil_events(store: &TraceStore, track: &GilTrack, tid: usize, end_ns: u64) -> Vec<String> {
    let origin_ns = store.origin_ns();
    let mut held: Vec<(u64, u64, usize, bool)> = Vec::new();
    for (index, bucket) in track.summary().iter().enumerate() {
        let next = track
            .summary()
            .get(index + 1)
            .map_or(store.boundary_ns(), |b| b.at_ns);
        if let Some(lane) = bucket.holder {
            held.push((bucket.at_ns, next, lane, true));
        }
    }
    let mut holder: Option<(usize, u64)> = None;
    for mark in track.marks() {
        match mark.dropped {
            None => {
                if let Some((lane, since)) = holder {
                    held.push((since, mark.at_ns, lane, false));
                }
                holder = Some((mark.lane, mark.at_ns));
            }
            Some(_) => {
                if let Some((lane, since)) = holder.filter(|(lane, _)| *lane == mark.lane) {
                    held.push((since, mark.at_ns, lane, false));
                    holder = None;
                }
            }
        }
    }
    if let Some((lane, since)) = holder {
        held.push((since, end_ns.max(since), lane, false));
    }
    held.into_iter()
        .map(|(start, end, lane, summary)| {
            let start_us = start.saturating_sub(origin_ns) as f64 / 1000.0;
            let duration_us = end.saturating_sub(start) as f64 / 1000.0;
            let thread = store.lanes().get(lane).map_or("?", |l| l.name());
            let args = if summary { r#","args":{"summary":true}"# } else { "" };
            format!(
                r#"{{"ph":"X","pid":1,"tid":{tid},"name":{},"cat":"gil","ts":{start_us:.3},"dur":{duration_us:.3}{args}}}"#,
                json_string(&format!("held by {thread}"))
            )
        })
        .collect()
}

/// One instant event, or a counter event for a watched global with a numeric value.
fn mark_event(mark: &Mark, origin_ns: u64) -> String {
    let tid = mark.lane + 1;
    let ts = mark.at_ns.saturating_sub(origin_ns) as f64 / 1000.0;
    let instant = |name: String, category: &str, args: String| {
        format!(
            r#"{{"ph":"i","s":"t","pid":1,"tid":{tid},"name":{},"cat":"{category}","ts":{ts:.3}{args}}}"#,
            json_string(&name)
        )
    };
    match &mark.kind {
        MarkKind::GilTaken => instant("GIL taken".into(), "gil", String::new()),
        MarkKind::GilDropped { forced } => instant(
            format!(
                "GIL dropped ({})",
                if *forced { "forced" } else { "voluntary" }
            ),
            "gil",
            String::new(),
        ),
        MarkKind::LockOwner { lock } => instant(format!("owns {lock}"), "lock", String::new()),
        MarkKind::WaitsFor { what } => instant(format!("waits for {what}"), "wait", String::new()),
        MarkKind::Printed { text } => instant(
            "print".into(),
            "output",
            format!(r#","args":{{"text":{}}}"#, json_string(text)),
        ),
        MarkKind::Watch { name, value } => match value.parse::<f64>() {
            Ok(number) if number.is_finite() => format!(
                r#"{{"ph":"C","pid":1,"tid":{tid},"name":{},"ts":{ts:.3},"args":{{"value":{number}}}}}"#,
                json_string(name)
            ),
            _ => instant(format!("{name} = {value}"), "watch", String::new()),
        },
    }
}
