//! Export of a drained trace as Chrome Trace Event JSON, which Perfetto and
//! chrome://tracing open: one track per thread (named by metadata events), each state
//! span a complete ("X") event with the program line it started at; GIL hand-offs, lock
//! owner changes, waits and printed lines as thread-scoped instant ("i") events; watched
//! globals as counter ("C") events. Spans of a thread never overlap, so the events nest
//! properly by construction. Pure: it formats, it never reads clocks or files.

use super::{LaneLog, Mark, MarkKind, TraceLog};
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
    let mut events: Vec<String> = Vec::new();
    events.push(
        r#"{"ph":"M","pid":1,"tid":0,"name":"process_name","args":{"name":"threadplay"}}"#
            .to_string(),
    );
    for (index, lane) in log.lanes.iter().enumerate() {
        let tid = index + 1;
        events.push(format!(
            r#"{{"ph":"M","pid":1,"tid":{tid},"name":"thread_name","args":{{"name":{}}}}}"#,
            json_string(&lane.name)
        ));
        events.extend(lane_events(lane, tid, origin_ns, end_ns));
    }
    events.extend(log.marks.iter().map(|mark| mark_event(mark, origin_ns)));
    format!(
        "{{\"traceEvents\":[\n{}\n],\"displayTimeUnit\":\"ms\"}}\n",
        events.join(",\n")
    )
}

fn lane_events(lane: &LaneLog, tid: usize, origin_ns: u64, end_ns: u64) -> Vec<String> {
    lane.spans(end_ns)
        .into_iter()
        .map(|span| {
            let start_us = span.start_ns.saturating_sub(origin_ns) as f64 / 1000.0;
            let duration_us = span.end_ns.saturating_sub(span.start_ns) as f64 / 1000.0;
            let args = if span.line > 0 {
                format!(r#","args":{{"line":{}}}"#, span.line)
            } else {
                String::new()
            };
            format!(
                r#"{{"ph":"X","pid":1,"tid":{tid},"name":{},"cat":"thread","ts":{start_us:.3},"dur":{duration_us:.3}{args}}}"#,
                json_string(span.state.label())
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
