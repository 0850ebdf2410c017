//! Differences from CPython 3.12 found by the differential tester (scripts/difftest) and
//! fixed: each test runs a small program and expects CPython's exact output.

use engine::native_host::run_captured;
use engine::{Outcome, RunOptions};

/// Runs `source` to completion; its stdout (a failure shows stderr).
fn run(source: &str) -> String {
    let (outcome, stdout, stderr) =
        run_captured(source, "difftest_fixes.py", &RunOptions::default());
    assert_eq!(outcome, Outcome::Exited(0), "{stderr}");
    stdout
}

/// A class defined in a function whose methods (or body) read the function's variables:
/// the class body passes the cells through, also when it assigns a name of its own that
/// a method reads from the function (methods skip the class scope). This used to panic
/// (a cell index past the class body's empty cell list).
#[test]
fn class_in_function_reads_enclosing_variables() {
    let source = r#"
def f(k):
    y = k * 2
    class A:
        x = y
        z = [y + i for i in range(2)]
        def m(self):
            return (A.__name__, y, k)
        class Inner:
            def g(self):
                return y + 1
    class B(A):
        y = 'class attr'
        def m(self):
            return ('B', super().m(), y, self.y)
    return A, B
A, B = f(3)
print(A.x, A.z, A().m(), B().m(), A.Inner().g())
def counter():
    n = 0
    class C:
        def bump(self):
            nonlocal n
            n += 1
            return n
    return C()
c = counter()
print(c.bump(), c.bump())
def shadow():
    v = 'outer'
    class D:
        v = 'inner'
        w = v
        def get(self):
            return v
    return D.w, D().get()
print(shadow())
def sq():
    class Sq:
        def __eq__(self, other):
            return isinstance(other, Sq)
    return Sq() == Sq(), Sq() == 1
print(sq())
"#;
    assert_eq!(
        run(source),
        "6 [6, 7] ('A', 6, 3) ('B', ('A', 6, 3), 6, 'class attr') 7\n1 2\n('inner', 'outer')\n(True, False)\n"
    );
}
