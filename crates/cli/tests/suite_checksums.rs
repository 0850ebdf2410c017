//! Every program of benchmarks/suite, at its small size (the copy with `SMALL = True`),
//! prints under `threadplay run` the checksum CPython 3.12 printed
//! (benchmarks/suite/checksums.txt, from `scripts/bench-suite --write-checksums`), so a
//! wrong answer fails here instead of looking fast in the benchmark. The threads_*
//! programs run under each GIL model. Asserts results only, never a timing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benchmarks/suite")
}

/// The small-size checksums by program name.
fn expected() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(suite().join("checksums.txt")).expect("checksums.txt");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.splitn(3, ' ');
            let (name, size, checksum) = (fields.next()?, fields.next()?, fields.next()?);
            (size == "small").then(|| (name.to_string(), checksum.to_string()))
        })
        .collect()
}

/// The program with its one `SMALL = False` line turned on, written to a temp folder.
fn small_copy(program: &Path, folder: &Path) -> PathBuf {
    let source = std::fs::read_to_string(program).expect("program");
    let mut hits = 0;
    let lines: Vec<&str> = source
        .lines()
        .map(|line| {
            if line.starts_with("SMALL = False") {
                hits += 1;
                "SMALL = True"
            } else {
                line
            }
        })
        .collect();
    assert_eq!(
        hits,
        1,
        "{}: one line starting `SMALL = False`",
        program.display()
    );
    let copy = folder.join(program.file_name().expect("file name"));
    std::fs::write(&copy, lines.join("\n") + "\n").expect("copy written");
    copy
}

#[test]
fn suite_programs_print_cpythons_checksums() {
    let expected = expected();
    let folder = std::env::temp_dir().join(format!("threadplay-suite-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temp dir");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(suite())
        .expect("benchmarks/suite")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    programs.sort();
    assert!(
        programs.len() >= 15,
        "the suite has {} programs",
        programs.len()
    );
    let mut failures = Vec::new();
    for program in &programs {
        let name = program
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let want = expected
            .get(&name)
            .unwrap_or_else(|| panic!("{name}: no small checksum in checksums.txt"));
        let copy = small_copy(program, &folder);
        let models: &[&str] = if name.starts_with("threads_") {
            &["legacy", "modern", "free"]
        } else {
            &["modern"]
        };
        for model in models {
            let output = Command::new(env!("CARGO_BIN_EXE_threadplay"))
                .args(["run", "--gil", model])
                .arg(&copy)
                .output()
                .expect("threadplay runs");
            let stdout = String::from_utf8_lossy(&output.stdout);
            let mut lines = stdout.lines();
            let time_line = lines.next().unwrap_or("");
            let got = lines.collect::<Vec<_>>().join(" / ");
            if !output.status.success() || time_line.parse::<f64>().is_err() || &got != want {
                failures.push(format!(
                    "{name} --gil {model}: printed {:?} (want a time, then {want:?}); stderr {}",
                    stdout,
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&folder);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
