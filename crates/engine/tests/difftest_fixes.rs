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

/// int / int is correctly rounded also when an operand is past 2**53, including tiny,
/// subnormal, underflowing and overflowing quotients (it used to divide scaled integers
/// and lose the last bits: `1 / 10**16` printed 9.996344030316351e-17).
#[test]
fn int_true_division_rounds_correctly() {
    let source = r#"
cases = [lambda: 1/10**16, lambda: 1/10**20, lambda: 1/2**1074, lambda: 3/2**1075,
         lambda: 1/2**1075, lambda: 2**1100/3, lambda: -1/10**25, lambda: 10**400/10**399,
         lambda: 0/-5, lambda: (2**53+1)/1, lambda: (2**54+3)/2, lambda: 2**1024/1,
         lambda: (2**1024-2**970)/1, lambda: (2**1024-2**971)/1, lambda: 7/2**1076,
         lambda: 10**20/3, lambda: -10**30/7, lambda: 123456789123456789/1000]
for c in cases:
    try:
        print(repr(c()))
    except OverflowError as e:
        print('OverflowError', e)
"#;
    let expected = "1e-16\n1e-20\n5e-324\n1e-323\n0.0\n\
        OverflowError integer division result too large for a float\n-1e-25\n10.0\n-0.0\n\
        9007199254740992.0\n9007199254740994.0\n\
        OverflowError integer division result too large for a float\n\
        OverflowError integer division result too large for a float\n\
        1.7976931348623157e+308\n1e-323\n3.333333333333333e+19\n-1.4285714285714285e+29\n\
        123456789123456.78\n";
    assert_eq!(run(source), expected);
}

/// A `with` on an object that has `__enter__` but no `__exit__` says which is missing,
/// as CPython 3.12 does; `__closure__`, `__kwdefaults__` and `cell_contents` read.
#[test]
fn context_manager_message_and_function_attributes() {
    let source = r#"
class OnlyEnter:
    def __enter__(self):
        return 1
class Nothing:
    pass
for k in (OnlyEnter, Nothing):
    try:
        with k():
            pass
    except TypeError as e:
        print(e)
def counter(n):
    def inc(step=1, *, by=2, big):
        return n + step
    return inc
c = counter(5)
print(len(c.__closure__), c.__closure__[0].cell_contents, c.__kwdefaults__)
print(counter.__closure__, counter.__kwdefaults__)
"#;
    let expected = "'OnlyEnter' object does not support the context manager protocol \
        (missed __exit__ method)\n'Nothing' object does not support the context manager protocol\n\
        1 5 {'by': 2}\nNone None\n";
    assert_eq!(run(source), expected);
}

/// `__code__` with its signature and name attributes; `max` compares `item > best` (and
/// `min` `item < best`) so the TypeError names the operands in CPython's order; a
/// property without a setter names the class by its qualified name.
#[test]
fn code_objects_min_max_order_and_property_message() {
    let source = r#"
def counter(start):
    n = start
    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc
c = counter(1)
print(c.__code__.co_freevars, c.__code__.co_name, c.__code__.co_qualname)
def g(x, /, y, *, z=0):
    w = 1
    return x + y + z
code = g.__code__
print(code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount, code.co_varnames)
print(counter.__code__.co_cellvars)
class OnlyLt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
print(max([OnlyLt(2), OnlyLt(5), OnlyLt(1)]).v, min([OnlyLt(2), OnlyLt(5), OnlyLt(1)]).v)
for f in (lambda: max([1, 'a']), lambda: min([1, 'a']), lambda: max(['a', 1])):
    try:
        f()
    except TypeError as e:
        print(e)
def make():
    class P:
        @property
        def side(self):
            return 1
    return P()
try:
    make().side = 3
except AttributeError as e:
    print(e)
"#;
    let expected = "('n',) inc counter.<locals>.inc\n2 1 1 ('x', 'y', 'z', 'w')\n('n',)\n5 1\n\
        '>' not supported between instances of 'str' and 'int'\n\
        '<' not supported between instances of 'str' and 'int'\n\
        '>' not supported between instances of 'int' and 'str'\n\
        property 'side' of 'make.<locals>.P' object has no setter\n";
    assert_eq!(run(source), expected);
}

/// `slice.indices(length)` clamps as slicing does, refuses a zero step and a negative
/// length, and counts its arguments as CPython does.
#[test]
fn slice_indices() {
    let source = r#"
for s in [slice(None), slice(-3, None), slice(1, 100, 2), slice(None, None, -1), slice(-100, 100, -3), slice(5, 2, -1)]:
    print(s.indices(0), s.indices(5))
for f in (lambda: slice(None, None, 0).indices(3), lambda: slice(1).indices(-1),
          lambda: slice(1).indices('a'), lambda: slice(1).indices()):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
"#;
    let expected = "(0, 0, 1) (0, 5, 1)\n(0, 0, 1) (2, 5, 1)\n(0, 0, 2) (1, 5, 2)\n\
        (-1, -1, -1) (4, -1, -1)\n(-1, -1, -3) (-1, 4, -3)\n(-1, -1, -1) (4, 2, -1)\n\
        ValueError slice step cannot be zero\nValueError length should not be negative\n\
        TypeError 'str' object cannot be interpreted as an integer\n\
        TypeError slice.indices() takes exactly one argument (0 given)\n";
    assert_eq!(run(source), expected);
}
