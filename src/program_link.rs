//! The URL format for "this program and these settings", after a page's route:
//!
//! ```text
//! #/demo/race?p=<program>&gil=free&sw=5&sched=virtual&seed=42
//! #/embed/race?p=<program>&theme=dark
//! ```
//!
//! - `p`: the program text, UTF-8, compressed with raw DEFLATE (RFC 1951, what the
//!   browser's `CompressionStream("deflate-raw")` writes, so www/embed.js can make it
//!   too), in base64url (RFC 4648 section 5) without padding. Absent: the demo's own
//!   program.
//! - `gil`: `legacy` | `modern` | `free`; `sw`: the switch interval in ms; `sched`:
//!   `threads` | `virtual`; `seed`: the virtual scheduler's seed. Absent: the page's
//!   defaults.
//! - `theme`: `light` | `dark`, for embeds (a docs page may force one).
//! - `steps`: step mode at this schedule (`engine::stepping::schedule_to_text`, e.g.
//!   `0L0L1I2I`: a lane and `L`ine or `I`nstruction per step; empty: step mode at the
//!   program's start). The page opens paused there and runs nothing else.
//!
//! Keys this version does not know are ignored, so later versions can add some (issue
//! 14's share links add the step schedule). Used by the embed's "Open in threadplay"
//! link, by embeds of custom programs, and read by the demo page.
//!
//! Pure (unit-tested natively). It must never panic on any text, and never hand back a
//! program longer than `MAX_PROGRAM_BYTES`: a malformed, truncated or oversized value
//! becomes a one-line message, and the page keeps the demo's default.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// The longest `p` value read (characters): about 18 KB of compressed program, far
/// more than a lesson's program, well under what browsers and servers accept in a URL.
pub const MAX_ENCODED_CHARS: usize = 24_000;

/// The longest program a link may unpack to (bytes).
pub const MAX_PROGRAM_BYTES: usize = 100_000;

/// The longest `steps` value read (characters): thousands of steps, more than anyone
/// clicks through, still well within what a URL may hold.
pub const MAX_STEPS_CHARS: usize = 20_000;

/// The settings a link carries; `None` is "not in the link" (the page's default).
/// Values are the page's own words (`"free"`, `"virtual"`) and numbers as typed, so the
/// page can put them straight into its fields (which check their ranges).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkState {
    pub program: Option<String>,
    pub gil: Option<String>,
    /// The switch interval in milliseconds, as text (`"5"`, `"0.5"`).
    pub switch_ms: Option<String>,
    pub scheduler: Option<String>,
    pub seed: Option<String>,
    pub theme: Option<String>,
    /// Step mode's schedule, as `engine::stepping::schedule_to_text` writes it.
    pub steps: Option<String>,
}

/// What a link's query gave: the settings it could read, and one line saying what it
/// could not (`None` when everything was fine).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub state: LinkState,
    pub problem: Option<String>,
}

/// Splits a hash path (`/embed/race?p=...`, without the `#`) into the route and the query.
pub fn split_route(hash_path: &str) -> (&str, &str) {
    match hash_path.split_once('?') {
        Some((route, query)) => (route, query),
        None => (hash_path, ""),
    }
}

/// Why a `p` value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgramError {
    TooLong {
        chars: usize,
    },
    NotBase64,
    /// Not a complete DEFLATE stream (cut short, or not one at all), or not UTF-8.
    Damaged,
    TooBig,
}

impl ProgramError {
    fn message(&self) -> String {
        match self {
            ProgramError::TooLong { chars } => format!(
                "the program in the link is too long ({chars} characters, at most {MAX_ENCODED_CHARS})"
            ),
            ProgramError::NotBase64 => {
                "the program in the link is not valid (cut short, or not in the link alphabet)".into()
            }
            ProgramError::Damaged => "the program in the link is damaged or cut short".into(),
            ProgramError::TooBig => format!(
                "the program in the link unpacks to more than {} KB",
                MAX_PROGRAM_BYTES / 1000
            ),
        }
    }
}

/// The `p` value for a program.
pub fn encode_program(text: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    URL_SAFE_NO_PAD.encode(packed)
}

/// The program in a `p` value.
pub fn decode_program(value: &str) -> Result<String, ProgramError> {
    let chars = value.chars().count();
    if chars > MAX_ENCODED_CHARS {
        return Err(ProgramError::TooLong { chars });
    }
    // Padding is tolerated (some tools add it back); nothing else outside the alphabet.
    let bytes = URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .map_err(|_| ProgramError::NotBase64)?;
    let text = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_PROGRAM_BYTES)
        .map_err(|error| match error.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ProgramError::TooBig,
            _ => ProgramError::Damaged,
        })?;
    String::from_utf8(text).map_err(|_| ProgramError::Damaged)
}

/// Reads a query (`p=...&gil=free`, without the `?`). Each value is checked on its own:
/// a bad one is left out (the page keeps its default for it) and named in `problem`.
pub fn parse_query(query: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut problems: Vec<String> = Vec::new();
    let mut program_lost = false;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let state = &mut parsed.state;
        let word = |allowed: &[&str], name: &str, problems: &mut Vec<String>| {
            if allowed.contains(&value) {
                Some(value.to_string())
            } else {
                problems.push(format!("unknown {name} \u{201c}{}\u{201d}", shorten(value)));
                None
            }
        };
        match key {
            "p" => match decode_program(value) {
                Ok(program) => state.program = Some(program),
                Err(error) => {
                    program_lost = true;
                    problems.insert(0, error.message());
                }
            },
            "gil" => state.gil = word(&["legacy", "modern", "free"], "GIL model", &mut problems),
            "sched" => state.scheduler = word(&["threads", "virtual"], "scheduler", &mut problems),
            "theme" => state.theme = word(&["light", "dark"], "theme", &mut problems),
            "sw" => {
                let ok = value.len() <= 12
                    && value
                        .parse::<f64>()
                        .is_ok_and(|ms| ms.is_finite() && ms > 0.0);
                if ok {
                    state.switch_ms = Some(value.to_string());
                } else {
                    problems.push(format!(
                        "switch interval \u{201c}{}\u{201d} is not a number of ms",
                        shorten(value)
                    ));
                }
            }
            "seed" => {
                if value.len() <= 10 && value.parse::<u32>().is_ok() {
                    state.seed = Some(value.to_string());
                } else {
                    problems.push(format!(
                        "seed \u{201c}{}\u{201d} is not a whole number below 2^32",
                        shorten(value)
                    ));
                }
            }
            "steps" => {
                let chars = value.chars().count();
                if chars > MAX_STEPS_CHARS {
                    problems.push(format!(
                        "the steps are too long ({chars} characters, at most {MAX_STEPS_CHARS})"
                    ));
                } else {
                    match engine::stepping::schedule_from_text(value) {
                        Ok(_) => state.steps = Some(value.to_string()),
                        Err(error) => problems
                            .push(format!("steps \u{201c}{}\u{201d}: {error}", shorten(value))),
                    }
                }
            }
            // A later version's key (or a stray one): ignored, never an error.
            _ => {}
        }
    }
    parsed.problem = sentence(&problems, program_lost);
    parsed
}

/// The query for `state` (without the `?`; empty when it carries nothing). Keys come in
/// a fixed order, so the same state always gives the same link.
pub fn to_query(state: &LinkState) -> String {
    let mut pairs: Vec<String> = Vec::new();
    let mut push = |key: &str, value: &Option<String>| {
        if let Some(value) = value {
            pairs.push(format!("{key}={value}"));
        }
    };
    push("p", &state.program.as_deref().map(encode_program));
    push("gil", &state.gil);
    push("sw", &state.switch_ms);
    push("sched", &state.scheduler);
    push("seed", &state.seed);
    push("theme", &state.theme);
    push("steps", &state.steps);
    pairs.join("&")
}

/// A route with its query: `/demo/race` plus `p=...` is `/demo/race?p=...`.
pub fn with_query(route: &str, query: &str) -> String {
    if query.is_empty() {
        route.to_string()
    } else {
        format!("{route}?{query}")
    }
}

/// The HTML a docs page pastes to embed a demo: the loader's script tag and a
/// `<div data-threadplay="<slug>">` that www/embed.js turns into an iframe, with the
/// state's settings as `data-` attributes and its program inline (in a
/// `<script type="text/x-python">`, or an escaped `<pre hidden>` when the program holds
/// text that would end or confuse a script element).
pub fn embed_snippet(script_url: &str, slug: &str, state: &LinkState) -> String {
    let mut attributes = format!("data-threadplay=\"{}\"", escape_html(slug));
    for (name, value) in [
        ("data-gil", &state.gil),
        ("data-switch-interval", &state.switch_ms),
        ("data-scheduler", &state.scheduler),
        ("data-seed", &state.seed),
        ("data-theme", &state.theme),
    ] {
        if let Some(value) = value {
            attributes.push_str(&format!(" {name}=\"{}\"", escape_html(value)));
        }
    }
    let inline = match state.program.as_deref() {
        None => String::new(),
        Some(program) => {
            let program = program.trim_end_matches(['\n', '\r']);
            let lower = program.to_ascii_lowercase();
            if lower.contains("</script") || lower.contains("<!--") {
                format!("<pre hidden>\n{}\n</pre>", escape_html(program))
            } else {
                format!("<script type=\"text/x-python\">\n{program}\n</script>")
            }
        }
    };
    format!(
        "<script src=\"{}\" defer></script>\n<div {attributes}>{inline}</div>\n",
        escape_html(script_url)
    )
}

/// Text safe inside an HTML element or a quoted attribute.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// One line for the page: the problems, and what the page does instead.
fn sentence(problems: &[String], program_lost: bool) -> Option<String> {
    let (first, rest) = problems.split_first()?;
    let mut line = String::from("This link could not be read in full: ");
    line.push_str(first);
    for problem in rest {
        line.push_str("; ");
        line.push_str(problem);
    }
    let settings_lost = problems.len() > usize::from(program_lost);
    line.push_str(match (program_lost, settings_lost) {
        (true, false) => ". The demo's own program is shown instead.",
        (false, _) => ". Those settings keep their defaults.",
        (true, true) => {
            ". The demo's own program is shown instead, and those settings keep their defaults."
        }
    });
    Some(line)
}

/// A value as quoted in a message: at most 24 characters.
fn shorten(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(24).collect();
    if chars.next().is_some() {
        format!("{head}\u{2026}")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RACE: &str = "import threading\n\ncounter = 0\nTHREADS = 5\n\ndef work():\n    global counter\n    for _ in range(100_000):\n        counter += 1\n";

    #[test]
    fn a_program_and_its_settings_come_back() {
        let state = LinkState {
            program: Some(RACE.into()),
            gil: Some("free".into()),
            switch_ms: Some("0.5".into()),
            scheduler: Some("virtual".into()),
            seed: Some("4242".into()),
            theme: Some("dark".into()),
            steps: Some("0L0L1I2I".into()),
        };
        let query = to_query(&state);
        assert!(query.starts_with("p="), "{query}");
        assert!(
            query.ends_with("&gil=free&sw=0.5&sched=virtual&seed=4242&theme=dark&steps=0L0L1I2I")
        );
        let parsed = parse_query(&query);
        assert_eq!(parsed.problem, None);
        assert_eq!(parsed.state, state);
    }

    #[test]
    fn links_are_url_safe_and_compact() {
        // The longest demo program: its link is well under its size.
        let program = include_str!("../demos/quiz.py");
        let query = to_query(&LinkState {
            program: Some(program.into()),
            ..LinkState::default()
        });
        let encoded = query.strip_prefix("p=").unwrap();
        assert!(encoded
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert!(
            encoded.len() * 10 < program.len() * 6,
            "{} chars for {} bytes",
            encoded.len(),
            program.len()
        );
    }

    #[test]
    fn unicode_programs_survive() {
        let text = "print(\"caf\u{e9} \u{2192} \u{1f40d}\")\n";
        assert_eq!(decode_program(&encode_program(text)).unwrap(), text);
        assert_eq!(decode_program(&encode_program("")).unwrap(), "");
    }

    #[test]
    fn nothing_in_the_query_is_nothing_changed() {
        assert_eq!(parse_query(""), Parsed::default());
        assert_eq!(to_query(&LinkState::default()), "");
        assert_eq!(split_route("/embed/race"), ("/embed/race", ""));
        assert_eq!(
            split_route("/demo/race?p=x&gil=free"),
            ("/demo/race", "p=x&gil=free")
        );
        assert_eq!(with_query("/demo/race", ""), "/demo/race");
        assert_eq!(with_query("/demo/race", "gil=free"), "/demo/race?gil=free");
    }

    #[test]
    fn a_malformed_program_is_one_line_and_no_program() {
        for bad in ["!!!", "p%20q", "abc$", "\u{e9}t\u{e9}"] {
            let parsed = parse_query(&format!("p={bad}&gil=free"));
            assert_eq!(parsed.state.program, None, "{bad}");
            // The other settings still count.
            assert_eq!(parsed.state.gil.as_deref(), Some("free"));
            let message = parsed.problem.expect("a message");
            assert!(!message.contains('\n'));
            assert!(message.contains("not valid"), "{message}");
            assert!(
                message.ends_with("The demo's own program is shown instead."),
                "{message}"
            );
        }
    }

    #[test]
    fn a_truncated_program_is_damaged() {
        let whole = encode_program(&RACE.repeat(3));
        for cut in [1, 5, whole.len() / 2, whole.len() - 3] {
            let value = &whole[..cut];
            match decode_program(value) {
                Err(ProgramError::Damaged | ProgramError::NotBase64) => {}
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
        // Valid base64url of bytes that are no DEFLATE stream.
        assert_eq!(decode_program("AAAA"), Err(ProgramError::Damaged));
        assert!(parse_query("p=AAAA").problem.unwrap().contains("damaged"));
    }

    #[test]
    fn oversized_programs_are_refused() {
        let long = "A".repeat(MAX_ENCODED_CHARS + 1);
        assert_eq!(
            decode_program(&long),
            Err(ProgramError::TooLong {
                chars: MAX_ENCODED_CHARS + 1
            })
        );
        // A small link that unpacks to too much (a zip bomb) stops at the limit.
        let bomb = encode_program(&"x".repeat(MAX_PROGRAM_BYTES + 1));
        assert!(bomb.len() < 1000);
        assert_eq!(decode_program(&bomb), Err(ProgramError::TooBig));
        let at_limit = "x".repeat(MAX_PROGRAM_BYTES);
        assert_eq!(
            decode_program(&encode_program(&at_limit)).unwrap(),
            at_limit
        );
    }

    #[test]
    fn bad_settings_are_named_and_left_out() {
        let parsed = parse_query("gil=fast&sched=virtual&seed=-4&sw=abc&theme=pink&future=1&p");
        assert_eq!(
            parsed.state,
            LinkState {
                scheduler: Some("virtual".into()),
                ..LinkState::default()
            }
        );
        let message = parsed.problem.unwrap();
        for part in [
            "GIL model \u{201c}fast\u{201d}",
            "seed",
            "switch interval",
            "theme",
        ] {
            assert!(message.contains(part), "{message}");
        }
        // `p` with no value is an empty stream: damaged, not a crash.
        assert!(message.contains("damaged"), "{message}");
        assert!(!message.contains("future"));
        assert!(message.starts_with("This link could not be read in full: the program"));
        assert!(
            message.ends_with("and those settings keep their defaults."),
            "{message}"
        );
        let settings = parse_query("sched=sometimes").problem.unwrap();
        assert!(
            settings.ends_with(". Those settings keep their defaults."),
            "{settings}"
        );
        let long = parse_query(&format!("gil={}", "y".repeat(100)))
            .problem
            .unwrap();
        assert!(long.len() < 200, "{long}");
    }

    #[test]
    fn stored_blocks_from_the_loader_are_read() {
        // What www/embed.js writes when the browser has no CompressionStream: one stored
        // DEFLATE block (BFINAL=1, BTYPE=00), LEN and its complement, then the bytes.
        let text = b"print('hi')\n";
        let mut raw = vec![0x01, text.len() as u8, 0, !(text.len() as u8), 0xff];
        raw.extend_from_slice(text);
        let value = URL_SAFE_NO_PAD.encode(raw);
        assert_eq!(decode_program(&value).unwrap(), "print('hi')\n");
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        let mut seed = 7u64;
        for _ in 0..2000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 58) as usize;
            let text: String = (0..len)
                .map(|i| {
                    let pick = (seed >> (i % 50)) as u8 % 70;
                    b"AZaz09-_=&?p%gilswedthm!."[pick as usize % 25] as char
                })
                .collect();
            let _ = parse_query(&text);
            let _ = decode_program(&text);
        }
    }

    #[test]
    fn snippets_carry_the_demo_or_the_program() {
        let url = "https://example.org/docs/threadplay/embed.js";
        let plain = embed_snippet(url, "race", &LinkState::default());
        assert_eq!(
            plain,
            "<script src=\"https://example.org/docs/threadplay/embed.js\" defer></script>\n<div data-threadplay=\"race\"></div>\n"
        );
        let edited = embed_snippet(
            url,
            "race",
            &LinkState {
                program: Some("x = 1 < 2\nprint(x)\n".into()),
                gil: Some("free".into()),
                scheduler: Some("virtual".into()),
                seed: Some("7".into()),
                ..LinkState::default()
            },
        );
        assert!(edited.contains(
            "<div data-threadplay=\"race\" data-gil=\"free\" data-scheduler=\"virtual\" data-seed=\"7\"><script type=\"text/x-python\">\nx = 1 < 2\nprint(x)\n</script></div>"
        ), "{edited}");
        // A program that would end the script element goes in an escaped <pre>.
        let tricky = embed_snippet(
            url,
            "python",
            &LinkState {
                program: Some("print('</SCRIPT> & <!--')\n".into()),
                ..LinkState::default()
            },
        );
        assert!(
            tricky.contains("<pre hidden>\nprint('&lt;/SCRIPT&gt; &amp; &lt;!--')\n</pre>"),
            "{tricky}"
        );
    }

    #[test]
    fn steps_come_back_and_bad_steps_are_left_out_with_a_message() {
        let parsed = parse_query("gil=free&steps=0L0L1I2I");
        assert_eq!(parsed.problem, None);
        assert_eq!(parsed.state.steps.as_deref(), Some("0L0L1I2I"));
        // Step mode at the start: an empty schedule is still a schedule.
        assert_eq!(parse_query("steps=").state.steps.as_deref(), Some(""));
        for bad in ["1X", "L", "zz", "1L2", &"0L".repeat(MAX_STEPS_CHARS)] {
            let parsed = parse_query(&format!("gil=free&steps={bad}"));
            assert_eq!(parsed.state.steps, None, "{bad:.20}");
            assert_eq!(parsed.state.gil.as_deref(), Some("free"));
            let problem = parsed.problem.expect("a message");
            assert!(problem.contains("steps"), "{problem}");
            assert!(!problem.contains('\n') && problem.len() < 300, "{problem}");
        }
    }
}
