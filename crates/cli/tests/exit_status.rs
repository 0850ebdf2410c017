//! `threadplay run`'s exit status for `sys.exit(n)` is CPython's on POSIX: n taken mod 256
//! (its low 8 bits), 0 for None, 1 for a message or an uncaught exception.

use std::process::Command;

/// Runs `source` as a program file; its exit status and stderr.
fn run_program(name: &str, source: &str) -> (i32, String) {
    let dir = std::env::temp_dir().join(format!("threadplay-exit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, source).expect("program written");
    let output = Command::new(env!("CARGO_BIN_EXE_threadplay"))
        .arg("run")
        .arg(&path)
        .output()
        .expect("threadplay runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn sys_exit_status_is_taken_mod_256() {
    // (program, CPython 3.12's exit status on Linux)
    let cases = [
        ("big", "import sys\nsys.exit(259)\n", 3),
        ("minus_one", "import sys\nsys.exit(-1)\n", 255),
        ("minus_256", "import sys\nsys.exit(-256)\n", 0),
        ("exact_256", "import sys\nsys.exit(256)\n", 0),
        ("plain", "import sys\nsys.exit(7)\n", 7),
        ("none", "import sys\nsys.exit()\n", 0),
        ("true", "import sys\nsys.exit(True)\n", 1),
        ("uncaught", "raise ValueError('x')\n", 1),
    ];
    for (name, source, expected) in cases {
        assert_eq!(run_program(name, source).0, expected, "{name}");
    }
    let (code, stderr) = run_program("message", "import sys\nsys.exit('bye')\n");
    assert_eq!((code, stderr.as_str()), (1, "bye\n"));
}
