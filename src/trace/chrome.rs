//! Export of a drained trace as Chrome Trace Event JSON, which Perfetto and
//! chrome://tracing open: one track per thread (named by metadata events), each state
//! span a complete ("X") event. Spans of a thread never overlap, so the events nest
//! properly by construction. Pure: it formats, it never reads clocks or files.

use super::{LaneLog, TraceLog};
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
            format!(
                r#"{{"ph":"X","pid":1,"tid":{tid},"name":{},"cat":"thread","ts":{start_us:.3},"dur":{duration_us:.3}}}"#,
                json_string(span.state.label())
            )
        })
        .collect()
}
