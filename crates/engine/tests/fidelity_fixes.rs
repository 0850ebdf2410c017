//! More differences from CPython 3.12 found by the differential tester (scripts/difftest)
//! and fixed: float bits (`hex`, `fromhex`, `as_integer_ratio`, `math.frexp` / `ldexp`),
//! Unicode digits in `int()` / `float()`, the `NotImplemented` and `Ellipsis` singletons,
//! `reversed()` over dicts, `round(x, n)` on a class, `ascii()` and `zip(strict=True)`. Each test's expected text is
//! CPython 3.12.1's output for the same program.

use engine::native_host::run_captured;
use engine::{Outcome, RunOptions};

/// Runs `source` to completion; its stdout (a failure shows stderr).
fn run(source: &str) -> String {
    let (outcome, stdout, stderr) =
        run_captured(source, "fidelity_fixes.py", &RunOptions::default());
    assert_eq!(outcome, Outcome::Exited(0), "{stderr}");
    stdout
}

/// `float.hex()`, `float.fromhex()` (rounding half to even, subnormals, overflow and
/// malformed text), `float.as_integer_ratio()`, `math.frexp` and `math.ldexp`.
#[test]
fn float_hex_fromhex_ratio_frexp_ldexp() {
    let source = r#"import math
for x in [0.1, 0.0, -0.0, 1.0, -2.5, 5e-324, 1e-310, 1.7976931348623157e308, 1e22]:
    print(x.hex(), x.as_integer_ratio(), math.frexp(x))
for x in [float('inf'), float('-inf'), float('nan')]:
    print(x.hex(), math.frexp(x))
    try:
        x.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
for s in ['0x1.8p1', ' -0x1p-1074 ', '0x1p-1075', '0x3p-1076', '0x1.fffffffffffff0p1023',
          '-Infinity', 'nan', '.8', '0X1P-2', 'ff.8', '1.p0', '-0x0p0',
          '0x1.00000000000008p0', '0x1.00000000000018p0', '0x1.000000000000080000001p0']:
    print(repr(float.fromhex(s)))
for s in ['0x', '', 'p1', '1p', 'x1', '1_0', '0x1p1024', '0x1.fffffffffffff8p1023']:
    try:
        float.fromhex(s)
    except (OverflowError, ValueError) as e:
        print(repr(s), type(e).__name__, e)
for a in [(0.5, 4), (1.0, -1074), (1.0, -1075), (3.0, -1075), (-1.0, -2000), (1.0, -2**100), (1, True)]:
    print(math.ldexp(*a))
for a in [(1.0, 1024), (1.0, 2**100), (1.0, 2.0)]:
    try:
        math.ldexp(*a)
    except (OverflowError, TypeError) as e:
        print(type(e).__name__, e)
"#;
    let expected = r#"0x1.999999999999ap-4 (3602879701896397, 36028797018963968) (0.8, -3)
0x0.0p+0 (0, 1) (0.0, 0)
-0x0.0p+0 (0, 1) (-0.0, 0)
0x1.0000000000000p+0 (1, 1) (0.5, 1)
-0x1.4000000000000p+1 (-5, 2) (-0.625, 2)
0x0.0000000000001p-1022 (1, 202402253307310618352495346718917307049556649764142118356901358027430339567995346891960383701437124495187077864316811911389808737385793476867013399940738509921517424276566361364466907742093216341239767678472745068562007483424692698618103355649159556340810056512358769552333414615230502532186327508646006263307707741093494784) (0.5, -1073)
0x0.012688b70e62bp-1022 (20240225330731, 202402253307310618352495346718917307049556649764142118356901358027430339567995346891960383701437124495187077864316811911389808737385793476867013399940738509921517424276566361364466907742093216341239767678472745068562007483424692698618103355649159556340810056512358769552333414615230502532186327508646006263307707741093494784) (0.5752618031559393, -1029)
0x1.fffffffffffffp+1023 (179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368, 1) (0.9999999999999999, 1024)
0x1.0f0cf064dd592p+73 (10000000000000000000000, 1) (0.5293955920339377, 74)
inf (inf, 0)
OverflowError cannot convert Infinity to integer ratio
-inf (-inf, 0)
OverflowError cannot convert Infinity to integer ratio
nan (nan, 0)
ValueError cannot convert NaN to integer ratio
3.0
-5e-324
0.0
5e-324
1.7976931348623157e+308
-inf
nan
0.5
0.25
255.5
1.0
-0.0
1.0
1.0000000000000004
1.0000000000000002
'0x' ValueError invalid hexadecimal floating-point string
'' ValueError invalid hexadecimal floating-point string
'p1' ValueError invalid hexadecimal floating-point string
'1p' ValueError invalid hexadecimal floating-point string
'x1' ValueError invalid hexadecimal floating-point string
'1_0' ValueError invalid hexadecimal floating-point string
'0x1p1024' OverflowError hexadecimal value too large to represent as a float
'0x1.fffffffffffff8p1023' OverflowError hexadecimal value too large to represent as a float
8.0
5e-324
0.0
1e-323
-0.0
0.0
2.0
OverflowError math range error
OverflowError math range error
TypeError Expected an int as second argument to ldexp.
"#;
    assert_eq!(run(source), expected);
}

/// Non-ASCII Unicode decimal digits parse as digits (`int('١٢٣') == 123`), and the
/// error still quotes the original text.
#[test]
fn int_and_float_accept_unicode_decimal_digits() {
    let source = r#"print(int('١٢٣'), int(' ٣ '), int('１２'), float('１.５'), int('٣', 16), int('𝟗'), float('١٢٣.٥'))
for s in ['١x', '١ ٢']:
    try:
        int(s)
    except ValueError as e:
        print(e)
try:
    float('١x')
except ValueError as e:
    print(e)
"#;
    let expected = r#"123 3 12 1.5 3 9 123.5
invalid literal for int() with base 10: '١x'
invalid literal for int() with base 10: '١ ٢'
could not convert string to float: '١x'
"#;
    assert_eq!(run(source), expected);
}

/// `NotImplemented` and `...` are singletons with CPython's reprs and type name.
#[test]
fn not_implemented_and_ellipsis_reprs() {
    let source = r#"print(repr(NotImplemented), str(NotImplemented), repr(...), [..., NotImplemented], ... is Ellipsis, type(...).__name__)
"#;
    assert_eq!(
        run(source),
        r#"NotImplemented NotImplemented Ellipsis [Ellipsis, NotImplemented] True ellipsis
"#
    );
}

/// `reversed()` over a dict and its three views.
#[test]
fn reversed_dict_and_views() {
    let source = r#"d = {1: 'a', 'b': 2, (3,): None}
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
"#;
    assert_eq!(
        run(source),
        r#"[(3,), 'b', 1] [(3,), 'b', 1] [None, 2, 'a'] [((3,), None), ('b', 2), (1, 'a')]
"#
    );
}

/// `round(obj, n)` passes n to `__round__` (positionally, also given as `ndigits=`);
/// `round(obj)` and `round(obj, None)` call it with no argument.
#[test]
fn round_passes_ndigits_to_dunder_round() {
    let source = r#"class R:
    def __round__(self, n=None):
        return ('r', n)
print(round(R()), round(R(), 3), round(R(), None), round(R(), ndigits=2))
"#;
    assert_eq!(
        run(source),
        r#"('r', None) ('r', 3) ('r', None) ('r', 2)
"#
    );
}

/// `ascii(obj)`: the repr with non-ASCII characters escaped (`\xNN`, `\uNNNN`,
/// `\UNNNNNNNN`); it used to be missing (NameError).
#[test]
fn ascii_escapes_non_ascii_characters() {
    let source = r#"print(ascii('spam'), ascii('日本語'), ascii([1, 'é', '\u2603', '\U0001f600']), ascii("it's"), ascii(1.5), ascii({'ü': 'ß\x85'}))
try:
    ascii()
except TypeError as e:
    print(e)
"#;
    assert_eq!(
        run(source),
        r#"'spam' '\u65e5\u672c\u8a9e' [1, '\xe9', '\u2603', '\U0001f600'] "it's" 1.5 {'\xfc': '\xdf\x85'}
ascii() takes exactly one argument (0 given)
"#
    );
}

/// `zip(..., strict=True)` raises CPython's ValueError when the inputs differ in length
/// (it used to accept the keyword and stop at the shortest).
#[test]
fn zip_strict_checks_lengths() {
    let source = r#"def attempt(f):
    try:
        print(f())
    except ValueError as e:
        print('ValueError:', e)
attempt(lambda: list(zip([1, 2], [3], strict=True)))
attempt(lambda: list(zip([1], [3, 4], strict=True)))
attempt(lambda: list(zip([1, 2], [3, 4], [5], strict=True)))
attempt(lambda: list(zip([1], [3], [5, 6], strict=True)))
attempt(lambda: list(zip([1, 2], [3, 4], strict=True)))
attempt(lambda: list(zip([1, 2], [3], strict=False)))
attempt(lambda: list(zip(strict=True)))
"#;
    assert_eq!(
        run(source),
        r#"ValueError: zip() argument 2 is shorter than argument 1
ValueError: zip() argument 2 is longer than argument 1
ValueError: zip() argument 3 is shorter than arguments 1-2
ValueError: zip() argument 3 is longer than arguments 1-2
[(1, 3), (2, 4)]
[(1, 3)]
[]
"#
    );
}

/// `reversed()` over a str, a tuple or a class with `__len__` / `__getitem__` is of
/// class `reversed` (it said `list_reverseiterator`); over a range, `range_iterator`.
#[test]
fn reversed_iterator_class_names() {
    let source = r#"class Seq:
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return i * 10
print(type(reversed('ab')).__name__, type(reversed((1, 2))).__name__, type(reversed(range(3))).__name__, reversed(Seq()).__class__.__name__, list(reversed(Seq())), list(reversed('ab')))
"#;
    assert_eq!(
        run(source),
        r#"reversed reversed range_iterator reversed [10, 0] ['b', 'a']
"#
    );
}

/// `divmod()` of built-in operands that are not both numbers names `divmod()` in its
/// TypeError (it named `//`).
#[test]
fn divmod_type_error_names_divmod() {
    let source = r#"for a, b in [('a', 1), (1, 'a'), ([1], 2), (None, 1.5), (7, 2), (-7.5, 2), (True, 3)]:
    try:
        print(divmod(a, b))
    except TypeError as e:
        print('TypeError:', e)
"#;
    assert_eq!(
        run(source),
        r#"TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'
TypeError: unsupported operand type(s) for divmod(): 'int' and 'str'
TypeError: unsupported operand type(s) for divmod(): 'list' and 'int'
TypeError: unsupported operand type(s) for divmod(): 'NoneType' and 'float'
(3, 1)
(-4.0, 0.5)
(0, 1)
"#
    );
}

/// A list or tuple times a non-int raises CPython's "can't multiply sequence" TypeError
/// naming the operand that is not the repeated sequence; a class's `__rmul__` still runs.
#[test]
fn sequence_times_non_int_message() {
    let source = r#"for f in [lambda: [1] * 1.5, lambda: 1.5 * [1], lambda: (1,) * 'a', lambda: [1] * None, lambda: [1] * [2], lambda: [1] * 2, lambda: 3 * (1,)]:
    try:
        print(f())
    except TypeError as e:
        print('TypeError:', e)
class Times:
    def __rmul__(self, other):
        return ('rmul', other)
print([1] * Times())
a = [1]
try:
    a *= 2.5
except TypeError as e:
    print('TypeError:', e)
for f in [lambda: 'a' * (1,), lambda: 'a' * 1.5, lambda: 1.5 * 'a', lambda: ['x'] * 'a']:
    try:
        print(f())
    except TypeError as e:
        print('TypeError:', e)
"#;
    assert_eq!(
        run(source),
        r#"TypeError: can't multiply sequence by non-int of type 'float'
TypeError: can't multiply sequence by non-int of type 'float'
TypeError: can't multiply sequence by non-int of type 'str'
TypeError: can't multiply sequence by non-int of type 'NoneType'
TypeError: can't multiply sequence by non-int of type 'list'
[1, 1]
(1, 1, 1)
('rmul', [1])
TypeError: can't multiply sequence by non-int of type 'float'
TypeError: can't multiply sequence by non-int of type 'tuple'
TypeError: can't multiply sequence by non-int of type 'float'
TypeError: can't multiply sequence by non-int of type 'float'
TypeError: can't multiply sequence by non-int of type 'str'
"#
    );
}
