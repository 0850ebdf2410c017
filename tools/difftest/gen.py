"""Seeded generator of small, self-contained Python 3 programs for differential testing.

Each program is a sequence of *snippets*. A snippet is one function `_sN` whose body
exercises one area of the language (big ints, f-strings, classes, threads...). The program
calls every snippet through `_run`, which prints a header line `-- sN kind` and catches
whatever escapes, so one failure never hides the rest and a difference in the output points
at one snippet. Inside a snippet most checks go through `_show(label, thunk)`, which prints
`label = repr(value)` or `label ! ExcType: message`.

The programs must be deterministic under CPython 3.12: they never print `id()`, default
object reprs, hashes of str, or the order of sets of strings, and thread snippets only print
what does not depend on scheduling. The runner still runs each program twice under CPython
and drops the ones whose output differs.

The generator leaves out what threadplay refuses when it compiles a program (bytes literals
and bytes values, complex literals, `match`, `:=` in a comprehension inside a function, `exec`):
one refusal stops the whole program before its first line runs, hiding every other difference.
Those refusals are documented limitations, counted elsewhere.

This module must never execute the programs it generates; it only writes text.
"""

import random

WORDS = [
    "alpha", "beta", "gamma", "delta", "hello", "world", "Python", "thread", "lock",
    "queue", "spam", "eggs", "MiXeD", "  padded  ", "a,b,,c", "x-y-z", "tab\there",
    "line1\nline2", "café", "straße", "naïve", "ǅemal", "ﬁne", "ÀÉÎ", "123", "4.5",
    "", " ", "abcabcabc", "Title Case words", "snake_case_name", "CamelCase",
    "\u00a0nbsp", "\x85x", "日本語", "ß", "ΣΑΣ",
]
SMALL_INTS = [-7, -3, -2, -1, 0, 1, 2, 3, 5, 7, 10, 13, 100, 255, 1000]
BIG_INTS = [
    "2**64", "-2**64", "2**100 + 1", "10**30", "-(10**25) + 7", "3**50", "12345678901234567890",
    "-98765432109876543210", "2**63 - 1", "-2**63", "7**77",
]
FLOATS = [
    "0.1", "0.2", "0.5", "1.5", "2.5", "-2.5", "1e16", "1e-7", "123.456", "-0.0", "3.0",
    "1/3", "2/3", "1e300", "1e-300", "0.1 + 0.2", "1e22", "1e23", "9007199254740993.0",
    "float('inf')", "float('-inf')", "float('nan')", "100.0", "1.0005", "2.675",
]


def q(s):
    """A Python string literal for s."""
    return repr(s)


class Gen:
    def __init__(self, rng):
        self.r = rng

    def pick(self, seq):
        return self.r.choice(seq)

    def ints(self):
        return str(self.pick(SMALL_INTS))

    def anyint(self):
        return self.pick(BIG_INTS) if self.r.random() < 0.3 else self.ints()

    def word(self):
        return q(self.pick(WORDS))

    def show(self, expr):
        return f"_show({q(expr)}, lambda: {expr})"

    def shows(self, exprs, n=None):
        exprs = list(exprs)
        self.r.shuffle(exprs)
        n = n or self.r.randint(3, min(8, len(exprs)))
        return [self.show(e) for e in exprs[:n]]

    # ---- snippets: each returns the body lines of one function ----

    def s_int_arith(self):
        ops = ["+", "-", "*", "//", "%", "**", "&", "|", "^", "<<", ">>"]
        out = []
        for _ in range(self.r.randint(4, 9)):
            op = self.pick(ops)
            a = self.anyint()
            b = self.ints() if op in ("**", "<<", ">>") else self.anyint()
            if op == "**":
                b = str(abs(int(b)) % 40)
            if op in ("<<", ">>"):
                b = str(abs(int(b)) % 70)
            out.append(self.show(f"({a}) {op} ({b})"))
        out += self.shows([
            f"divmod({self.anyint()}, {self.anyint()})",
            f"pow({self.anyint()}, {self.r.randint(0, 30)}, {self.r.randint(2, 1000)})",
            f"pow(3, -1, 7)",
            f"abs({self.anyint()})",
            f"({self.anyint()}).bit_length()",
            f"int({q(str(self.r.randint(-10**20, 10**20)))})",
            f"int('ff', 16)", "int('0b101', 0)", "int(' 42 ')", "int('1_000')",
            f"str({self.pick(BIG_INTS)})", f"hex({self.anyint()})", f"oct({self.anyint()})",
            f"bin({self.anyint()})", "-7 // 2", "-7 % 3", "7 % -3", "-7 // -2",
            f"({self.anyint()}) // 0", f"({self.anyint()}) % 0", "(-1) ** 0.5",
            "2 ** -2", "0 ** 0", "int(-3.9)", "int(1e20)", "True + True", "-True",
            "int('١٢٣')", "(5).__add__(1)",
            "(-5).__abs__()", "(7).__index__()", "int.__name__", "(12).conjugate()",
            "(6).real", "(10).denominator", "round(12345, -2)", "round(-15, -1)",
        ])
        return out

    def s_bigint(self):
        n = self.r.randint(20, 60)
        return [
            "f = 1",
            f"for i in range(1, {n}):",
            "    f *= i",
            "print(f)",
            "print(len(str(f)), f % 1000003, f.bit_length())",
            f"print(-f // {self.r.randint(3, 99999)}, -f % {self.r.randint(3, 99999)})",
            f"print(divmod(f, -{self.r.randint(3, 10**12)}))",
            "print(f == int(str(f)), hex(f)[:20])",
            f"print((f >> {self.r.randint(1, 60)}) ^ (f << 3) & 0xFFFF)",
            "print(-(2**127) // 3, (2**127) % -1000)",
            "print(sum(range(10**6, 10**6 + 50)), 10**18 * 10**18)",
            "print(max(f, 2**200) == f, min(-f, -2**200) == -f)",
            "print(f / 10**40)",
        ]

    def s_float_repr(self):
        exprs = [f"{self.pick(FLOATS)}" for _ in range(4)]
        exprs += [
            f"{self.pick(FLOATS)} * {self.pick(FLOATS)}",
            f"{self.pick(FLOATS)} - {self.pick(FLOATS)}",
            f"round({self.pick(FLOATS)}, {self.r.randint(0, 4)})",
            f"round({self.pick(FLOATS)})", "round(0.5)", "round(1.5)", "round(-0.5)",
            f"int({self.pick(FLOATS)})", f"str({self.pick(FLOATS)})",
            f"({self.pick(FLOATS)}).is_integer()", "(2.5).as_integer_ratio()",
            "math.frexp(8.0)", "math.sqrt(2)", "math.floor(-2.5)", "math.ceil(2.1)",
            "math.pi", "math.e", "math.isclose(0.1 + 0.2, 0.3)", "math.fsum([0.1] * 10)",
            "sum([0.1] * 10)", "float('1e500')", "float(' 3.25 ')", "float('1_000.5')",
            "float('abc')", "1e308 * 10", "2.0 ** 0.5", "(-8) ** (1/3)", "10 ** -2",
            "math.log(100, 10)", "math.exp(1)", "math.gcd(12, 18)", "math.factorial(25)",
            "math.hypot(3, 4)", "math.trunc(-3.7)", "math.copysign(1, -0.0)",
            "float.fromhex('0x1.8p1')", "(0.1).hex()", "1.0 // 0.3", "-1.0 % 0.3",
            "divmod(7.5, -2)", "float(10**20)", "float(2**1024)", "1e16 + 1",
            "min(0.0, -0.0)", "abs(-0.0)", "hash(1.0) == hash(1)", "3.0 == 3",
            "float('nan') == float('nan')", "math.inf - math.inf", "math.fmod(-7, 3)",
        ]
        return self.shows(exprs, self.r.randint(5, 12))

    def s_true_div(self):
        out = []
        for _ in range(self.r.randint(4, 8)):
            a = self.anyint()
            b = self.pick([self.anyint(), f"10**{self.r.randint(1, 25)}", str(self.r.randint(1, 99))])
            out.append(self.show(f"({a}) / ({b})"))
        out += self.shows([
            "1 / 10**16", "1 / 10**20", "7 / 3", "-7 / 2", "2**1000 / 2**999", "10**400 / 10**399",
            "1 / 0", "0 / 5", "(2**53 + 1) / 1", "1 / 3 * 3", "10**30 / 7", "-1 / 10**25",
            "123456789123456789 / 1000", "1 / 2**1074", "2**1100 / 3",
        ], 4)
        return out

    def s_str_methods(self):
        w, v = self.word(), self.word()
        exprs = [
            f"{w}.upper()", f"{w}.lower()", f"{w}.title()", f"{w}.capitalize()", f"{w}.swapcase()",
            f"{w}.casefold()", f"{w}.strip()", f"{w}.lstrip('a ')", f"{w}.rstrip()",
            f"{w}.split()", f"{w}.split(',')", f"{w}.split('a', 1)", f"{w}.rsplit(None, 1)",
            f"{w}.splitlines()", f"{w}.partition('a')", f"{w}.rpartition('e')",
            f"{w}.replace('a', 'AA')", f"{w}.replace('', '-')", f"{w}.find('a')", f"{w}.rfind('a')",
            f"{w}.find('', {self.r.randint(0, 12)})", f"{w}.index('zz')", f"{w}.count('a')",
            f"{w}.startswith(('a', 'h'))", f"{w}.endswith('a')", f"{w}.center({self.r.randint(0, 20)}, '*')",
            f"{w}.ljust(12, '.')", f"{w}.rjust(9)", f"{w}.zfill(8)", f"'-'.join([{w}, {v}])",
            f"{w}.isdigit()", f"{w}.isalpha()", f"{w}.isalnum()", f"{w}.isspace()", f"{w}.isupper()",
            f"{w}.isidentifier()", f"{w}.isnumeric()", f"{w}.istitle()", f"{w}.expandtabs(4)",
            f"{w}.removeprefix('al')", f"{w}.removesuffix('a')", f"{w} * {self.r.randint(-1, 3)}",
            f"{w} + {v}", f"{w} < {v}", f"{v} in {w}", f"len({w})", f"{w}[::-1]", f"{w}[{self.r.randint(-5, 5)}]", f"sorted({w})",
            f"{w}.format()", f"str.upper({w})", f"{w}.translate({{97: 'A', 98: None}})",
            f"{w}.count('')", f"{w}.split('')", f"{w}.join('xyz')", f"{w}.upper(1)",
            f"{w}.ljust()", f"{w}.startswith()", f"'%s' % {w}", f"repr({w})", f"ascii({w})",
            f"list(map(ord, {w}))[:6]", f"{w}.__len__()",
        ]
        return self.shows(exprs, self.r.randint(5, 12))

    def s_fstrings(self):
        x = self.pick(FLOATS[:12])
        n = self.anyint()
        w = self.word()
        specs_f = [">10", "<8", "^9", "08.3f", ".2f", ".0f", "e", ".3e", "g", ".3g", "%", ".1%", "+.2f", "10.4", ",.2f", "_", ""]
        specs_i = [">6", "<6", "^7", "06d", "x", "X", "#x", "#o", "b", "#b", ",", "_", "+d", " d", "c", "e", ".2f", "=+8"]
        specs_s = [">12", "<12", "^11", "*^11", ".3", "10.2", "", "s"]
        out = ["x = " + x, "n = " + n, "w = " + w]
        for _ in range(self.r.randint(3, 7)):
            kind = self.r.randint(0, 2)
            spec = self.pick([specs_f, specs_i, specs_s][kind])
            var = ["x", "n", "w"][kind]
            out.append(f"_show({q(var + ':' + spec)}, lambda: f'{{{var}:{spec}}}')")
        out += self.shows([
            "f'{x!r} {w!r} {n!s}'", "f'{x=}'", "f'{n = }'", "f'{w!a}'", "f'{{literal}} {n}'",
            "f'{n:{5}}|'", "f'{x:{\">\"}{12}.3f}'", "f'{[1, 2][1]}'", "f'{ {\"k\": 1}[\"k\"] }'",
            "f'{w:d}'", "f'{n:s}'", "f'{x:d}'", "format(x, '.5')", "format(n, '')",
            "f'{3.0:g} {1e20:g} {1e-5:g} {123456789.0:g}'", "f'{0.000123:.2e}'",
            "f'{-0.0:.1f} {-0.04:.1f}'", "f'{True:d} {True}'", "f'{None!r:>6}'",
            "f'{12345.6789:,.2f}'", "f'{1e16:f}'", "f'{2**70:e}'", "f'{255:08b}'",
        ], self.r.randint(2, 5))
        return out

    def s_percent(self):
        n, w = self.anyint(), self.word()
        x = self.pick(FLOATS[:12])
        return self.shows([
            f"'%d' % ({n})", f"'%5d|' % ({n})", f"'%-5d|' % ({n})", f"'%05d' % ({n})", f"'%x %X %o' % (255, 255, 8)",
            f"'%s' % ({w},)", f"'%r' % ({w},)", f"'%10s|' % {w}", f"'%-10s|' % {w}", f"'%.2s' % {w}",
            f"'%f' % ({x})", f"'%.3f' % ({x})", f"'%e' % ({x})", f"'%g' % ({x})", f"'%+.1f' % ({x})",
            "'%(a)s-%(b)d' % {'a': 'A', 'b': 2}", "'%d%%' % 50", "'%c' % 65", "'%c' % 'z'",
            "'%d' % 'a'", "'%s %s' % (1,)", "'%s' % (1, 2)", "'%d' % 3.99", "'%i' % True",
            "'%s' % [1, 2]", "'%s' % ()", "'%.0f' % 2.5", "'%5.1f|' % -0.05", "'%z' % 1",
            "'%*d' % (5, 42)", "'%#x' % 255", "'%s' % None", "'a' % ()", "'%a' % 'é'",
        ], self.r.randint(4, 9))

    def s_format_method(self):
        return self.shows([
            "'{} {}'.format(1, 'a')", "'{1} {0}'.format('x', 'y')", "'{a}-{b}'.format(a=1, b=2)",
            "'{0[1]}'.format([5, 6])", "'{0.real}'.format(3)", "'{:>8}'.format('r')",
            "'{:08.2f}'.format(3.14159)", "'{:,}'.format(1234567)", "'{!r}'.format('q')",
            "'{}'.format()", "'{0} {}'.format(1, 2)", "'{x}'.format(y=1)", "'{:d}'.format('s')",
            "format(1234.5, ',.1f')", "format('abc', '^7')", "format(42, 'b')", "format(3, '>{}'.format(4))",
            "'{:^{w}}'.format('m', w=7)", "'{{}} {}'.format(9)", "'{:%}'.format(0.25)", "str.format('{}', 5)",
            "format(2**100, 'x')", "format(-42, '+08d')", "format(0.1, '.20f')", "format(1e100, '.3g')",
        ], self.r.randint(4, 8))

    def s_list(self):
        vals = [self.r.randint(-9, 20) for _ in range(self.r.randint(3, 8))]
        out = [f"a = {vals}", "b = a[:]"]
        muts = [
            "a.append(7)", "a.extend([1, 2])", "a.insert(1, 99)", "a.insert(-100, 5)", "print(a.pop())",
            "print(a.pop(0))", "a.remove(a[-1])", "a.reverse()", "a.sort()", "a.sort(reverse=True)",
            "a += [3]", "a *= 2", "del a[1:3]", "a[1:2] = [8, 8, 8]", "a[::2] = a[::2]", "print(a.index(a[0]))",
            "print(a.count(7))", "a[:0] = (0,)", "print(a.copy() == a, a.copy() is a)", "del a[::3]",
        ]
        for _ in range(self.r.randint(3, 7)):
            out.append(self.pick(muts))
            out.append("print(a)")
        out += self.shows([
            "a.remove(12345)", "a.index(12345)", "[].pop()", "a.pop(100)", "a[100]", "a[1:2:0]",
            "a.append()", "a.append(1, 2)", "a.insert(1)", "[1] * 1.5", "[1] + (2,)", "a * -1",
            "[0] * 3", "[[0] * 2] * 2", "list('abc')", "list(range(5, 0, -2))", "a.sort(key=1)",
            "sorted(a) == a", "a == b", "a < b", "[1, 2] < [1, 2, 0]", "[1, 'a'] < [1, 2]",
            "a.__len__()", "list.__name__", "[3, 1, 2].sort()", "a[::-1]", "a[-2:]",
            "a.count()", "a.clear()", "list(reversed(a))", "a[1:1]", "len(a) * 2",
        ], self.r.randint(3, 7))
        return out

    def s_tuple(self):
        return [
            f"t = ({self.r.randint(0, 9)}, 'x', {self.pick(FLOATS[:6])}, None)",
            "print(t, len(t), t[1:], t * 2)",
            "a, *rest = t",
            "print(a, rest)",
            "*init, last = t",
            "print(init, last)",
        ] + self.shows([
            "t.index('x')", "t.count(None)", "t.index(42)", "t + (1,)", "t + [1]", "(1,) < (1, 2)",
            "(1, 2) == (1, 2.0)", "t[10]", "tuple('ab')", "(1, 2, 3)[::-1]", "()", "(1,)",
            "((1, 2), (3,))", "t.count()", "tuple.__name__", "(1, 'a') < ('a', 1)", "hash((1, 2)) == hash((1, 2))",
            "(lambda a, b: a + b)(*(1, 2))", "divmod(*t[:1], 3)",
        ], self.r.randint(3, 6))

    def s_dict(self):
        ks = self.r.sample(["a", "b", "c", "d", "e", "k", "z"], self.r.randint(2, 5))
        d = "{" + ", ".join(f"{q(k)}: {self.r.randint(-5, 50)}" for k in ks) + "}"
        out = [f"d = {d}", "print(d)"]
        muts = [
            "d['new'] = 0", "d.setdefault('a', 100)", "print(d.pop('b', 'none'))", "d.update(x=1, y=2)",
            "d.update([('q', 9)])", "print(d.popitem())", "d |= {'m': 3}", "del d[next(iter(d))]",
            "print(d.get('zz'), d.get('zz', 5))", "d = dict(sorted(d.items(), key=lambda kv: kv[1]))",
        ]
        for _ in range(self.r.randint(2, 5)):
            out.append(self.pick(muts))
            out.append("print(d)")
        out += self.shows([
            "list(d.keys())", "list(d.values())", "list(d.items())", "d.keys()", "d.values()", "d.items()",
            "d['missing']", "d.pop('missing')", "{}.popitem()", "dict.fromkeys('ab', 0)",
            "{k: v for k, v in zip('xyz', range(3))}", "d | {'a': -1}", "'a' in d", "len(d)",
            "{}.get()", "d.get(1, 2, 3)", "dict(a=1, **{'b': 2})", "dict([(1, 2), (3,)])",
            "{[1]: 2}", "list(reversed(d))", "d == dict(d)", "sorted(d, key=d.get)",
            "dict(zip(range(3), 'abc'))", "{1: 'a', 1.0: 'b', True: 'c'}", "d.copy() is d",
            "{}.setdefault()", "{'a': 1}.__len__()", "max(d, key=lambda k: d[k])", "d.clear()",
            "list(d.items())[-1:]", "{**d, 'a': 0}", "repr({'r': [1, {2: (3,)}]})",
        ], self.r.randint(3, 7))
        return out

    def s_set(self):
        a = sorted(self.r.sample(range(-5, 40), self.r.randint(2, 7)))
        b = sorted(self.r.sample(range(-5, 40), self.r.randint(2, 7)))
        out = [f"s = set({a})", f"t = set({b})", "print(sorted(s), sorted(t))"]
        out += self.shows([
            "s | t", "s & t", "s - t", "s ^ t", "s.union(t, [100])", "s.intersection(t)", "s.issubset(s | t)",
            "s.isdisjoint(t)", "frozenset(s) == s", "s.remove(12345)", "s.pop() in (s | t) or True",
            "{1, 2, 3}", "set()", "frozenset()", "frozenset([3, 1])", "{x % 5 for x in range(20)}",
            "len(s | t)", "s <= t", "s < s", "{[1]}", "set([1, 2]).add()", "{1, 2} + {3}", "s.copy() == s",
            "sorted(s ^ t, reverse=True)", "set(range(100, 120, 3))", "{-1, -2, 5, 1000, 2**40}",
            "s.discard(12345)", "set.__name__", "{True, 1, 1.0}", "max(s, default=None)",
        ], self.r.randint(3, 7))
        out += [
            "s.update([1, 2, 3])",
            "s.add(77)",
            "print(s)",
            "s.difference_update(t)",
            "print(s)",
        ]
        return out

    def s_comprehensions(self):
        n = self.r.randint(3, 12)
        return [
            f"print([x * x for x in range({n}) if x % 2])",
            f"print([(i, j) for i in range(3) for j in range(i)])",
            f"print({{x: x ** 2 for x in range(-3, {n // 2})}})",
            f"print(sorted({{x % 4 for x in range({n})}}))",
            f"print(sum(x for x in range({n * 10}) if x % 3 == 0))",
            "print([[c for c in w if c in 'aeiou'] for w in ['banana', 'sky', 'queue']])",
            "g = (x for x in range(3))",
            "print(next(g), list(g), list(g))",
            "x = 'outer'",
            "print([x for x in 'ab'], x)",
            "print(list(zip(*[(1, 'a'), (2, 'b')])))",
        ]

    def s_slicing(self):
        seq = self.pick(["list(range(10))", "'abcdefghij'", "tuple(range(7))", "'héllo wörld'", "range(2, 30, 3)"])
        out = [f"s = {seq}"]
        for _ in range(self.r.randint(4, 9)):
            parts = [self.pick(["", str(self.r.randint(-12, 12))]) for _ in range(2)]
            step = self.pick(["", "", "1", "-1", "2", "-3", "0", str(self.r.randint(-4, 4))])
            sl = f"{parts[0]}:{parts[1]}" + (f":{step}" if step else "")
            out.append(self.show(f"s[{sl}]"))
        out += self.shows(["s[len(s)]", "s[-1]", "s[slice(1, None, 2)]", "slice(1, 5, 2)",
                           "slice(None).indices(10)", "slice(-3, None).indices(5)", "s[::-1][0]"], 2)
        return out

    def s_sorting(self):
        words = self.r.sample(["pear", "Apple", "fig", "banana", "kiwi", "Cherry", "date", "elderberry", "ok"], 6)
        return [f"w = {words!r}", "nums = [5, -3, 12, 0, -8, 7, 7, 1]"] + self.shows([
            "sorted(w)", "sorted(w, key=len)", "sorted(w, key=str.lower)", "sorted(w, key=len, reverse=True)",
            "sorted(nums, key=abs)", "sorted(nums, key=lambda n: (n % 3, -n))", "min(w, key=len)",
            "max(w, key=lambda s: s[-1])", "max(nums)", "min(nums, default=0)", "max([], default='empty')",
            "max([])", "min(1, 2, key=lambda n: -n)", "sorted([(1, 'b'), (1, 'a'), (0, 'z')])",
            "sorted([3, 'a'])", "max([1, 'a'])", "min(3, 1, 2)", "sorted('hello', reverse=True)",
            "sorted(nums, key=lambda n: n % 2 == 0)", "list(reversed(sorted(nums)))", "sorted({3: 'a', 1: 'b'})",
            "sorted(w, key=lambda s: (len(s), s))", "nums.sort(key=str) or nums", "sorted(range(5), key=None)",
            "max(w, key=len, default=None)", "max(2, 1, default=0)",
        ], self.r.randint(5, 10))

    def s_functions(self):
        return [
            "def f(a, b=2, *args, c, d=4, **kw):",
            "    return (a, b, args, c, d, kw)",
            "def g(x, /, y, *, z=0):",
            "    return x + y + z",
            "def h(*args, **kwargs):",
            "    return args, sorted(kwargs.items())",
        ] + self.shows([
            "f(1, c=3)", "f(1, 2, 3, 4, c=5, e=6)", "f(c=1, a=2)", "f(1)", "f()", "f(1, c=1, a=2)",
            "g(1, 2, z=3)", "g(1, y=2)", "g(x=1, y=2)", "g(1, 2, 3)", "h()", "h(1, *[2, 3], k=4, **{'j': 5})",
            "f(1, c=3, **{'c': 4})", "(lambda *a: a)(1, 2)", "(lambda x, y=[]: y)(1)",
            "f.__name__", "f.__defaults__", "f.__kwdefaults__", "g.__code__.co_argcount", "f.__qualname__",
            "h(**{1: 2})", "len(*[1, 2])", "f(1, 2, c=3, d=4, dd=5)", "(lambda: 0)(1)",
            "f.__doc__", "callable(f)", "f(*range(3), c=0)",
        ], self.r.randint(4, 9))

    def s_closures(self):
        start = self.r.randint(-5, 5)
        return [
            "def counter(start):",
            "    n = start",
            "    def inc(step=1):",
            "        nonlocal n",
            "        n += step",
            "        return n",
            "    return inc",
            f"c = counter({start})",
            f"print(c(), c(), c({self.r.randint(-3, 10)}))",
            "fs = [lambda: i for i in range(3)]",
            "print([f() for f in fs])",
            "gs = [lambda i=i: i * 10 for i in range(3)]",
            "print([g() for g in gs])",
            "def outer():",
            "    x = 1",
            "    def inner():",
            "        return x",
            "    x = 2",
            "    return inner",
            "print(outer()())",
            "def bad():",
            "    y = 1",
            "    def inner():",
            "        y += 1",
            "        return y",
            "    return inner()",
            "_show('bad()', bad)",
            "def unb():",
            "    print(zz)",
            "    zz = 1",
            "_show('unb()', unb)",
            "print(c.__closure__ is not None, len(c.__code__.co_freevars))",
        ]

    def s_generators(self):
        n = self.r.randint(2, 8)
        return [
            "def gen(n):",
            "    for i in range(n):",
            "        got = yield i * 2",
            "        if got:",
            "            print('got', got)",
            "    return 'done'",
            f"g = gen({n})",
            "print(next(g), g.send('hi'), next(g, 'end'))",
            "print(list(g))",
            "def wrap():",
            f"    r = yield from gen({n})",
            "    yield r",
            "print(list(wrap()))",
            "def fib():",
            "    a, b = 0, 1",
            "    while True:",
            "        yield a",
            "        a, b = b, a + b",
            "f = fib()",
            f"print([next(f) for _ in range({n + 5})])",
            "g2 = gen(1)",
            "next(g2)",
            "try:",
            "    next(g2)",
            "except StopIteration as e:",
            "    print('stop', repr(e.value), e.args)",
            "def closer():",
            "    try:",
            "        yield 1",
            "    finally:",
            "        print('closed')",
            "c = closer(); next(c); c.close()",
            "_show('gen(2).throw(ValueError(\"v\"))', lambda: gen(2).throw(ValueError('v')))",
            "print(sum(x * x for x in range(10)), list(map(lambda t: t[0], zip(gen(3), 'ab'))))",
        ]

    def s_classes(self):
        v = self.r.randint(1, 9)
        return [
            "class Shape:",
            "    count = 0",
            "    def __init__(self, name):",
            "        self.name = name",
            "        Shape.count += 1",
            "    def area(self):",
            "        raise NotImplementedError('area of ' + self.name)",
            "    def __repr__(self):",
            "        return f'{type(self).__name__}({self.name!r})'",
            "    def __lt__(self, other):",
            "        return self.area() < other.area()",
            "class Sq(Shape):",
            "    def __init__(self, side):",
            "        super().__init__('sq')",
            "        self._side = side",
            "    @property",
            "    def side(self):",
            "        return self._side",
            "    def area(self):",
            "        return self._side ** 2",
            "    def __eq__(self, other):",
            "        return isinstance(other, Sq) and self._side == other._side",
            "    __hash__ = None",
            "class Rect(Sq):",
            "    def __init__(self, w, h):",
            "        super().__init__(w)",
            "        self.h = h",
            "    def area(self):",
            "        return self.side * self.h",
            "    @classmethod",
            "    def square(cls, n):",
            "        return cls(n, n)",
            "    @staticmethod",
            "    def unit():",
            "        return 'unit'",
            f"shapes = [Sq({v}), Rect(2, {v}), Sq(1), Rect.square(3)]",
            "print(shapes, Shape.count)",
            "print(sorted(shapes), [s.area() for s in shapes])",
        ] + self.shows([
            "Shape('x').area()", "Sq(2) == Sq(2)", "Sq(2) != Sq(3)", "Sq(2) == 2", "hash(Sq(1))",
            "Sq(3).side", "setattr(Sq(3), 'side', 4)", "Sq(1).missing", "Rect.unit()", "Rect.__mro__[1].__name__",
            "isinstance(Rect(1, 2), Shape)", "issubclass(Sq, Rect)", "Sq(1) < 3", "Rect(1)",
            "type(Sq(1)).__name__", "Sq.__name__", "Rect.__bases__", "Sq(2).__dict__", "vars(Rect(1, 2))",
            "getattr(Sq(5), 'side')", "getattr(Sq(5), 'nope', 'dflt')", "hasattr(Sq(1), 'area')",
            "Sq(2).__class__.__name__", "super(Rect, Rect(1, 1)).area()", "Shape.__doc__", "repr(Sq)",
            "Sq(1) > Sq(2)", "Sq(1) <= Sq(2)", "sorted([Rect(2, 2), Sq(1)], reverse=True)", "str(Sq(9))",
        ], self.r.randint(4, 9))

    def s_dunder(self):
        return [
            "class Vec:",
            "    def __init__(self, *xs):",
            "        self.xs = list(xs)",
            "    def __repr__(self):",
            "        return 'Vec(' + ', '.join(map(str, self.xs)) + ')'",
            "    def __len__(self):",
            "        return len(self.xs)",
            "    def __iter__(self):",
            "        return iter(self.xs)",
            "    def __getitem__(self, i):",
            "        return self.xs[i]",
            "    def __add__(self, o):",
            "        if not isinstance(o, Vec):",
            "            return NotImplemented",
            "        return Vec(*[a + b for a, b in zip(self, o)])",
            "    def __mul__(self, k):",
            "        return Vec(*[a * k for a in self])",
            "    __rmul__ = __mul__",
            "    def __eq__(self, o):",
            "        return isinstance(o, Vec) and self.xs == o.xs",
            "    def __bool__(self):",
            "        return any(self.xs)",
            "    def __contains__(self, x):",
            "        return x in self.xs",
            "    def __neg__(self):",
            "        return self * -1",
            "    def __call__(self, i):",
            "        return self.xs[i]",
            f"v = Vec({self.r.randint(-5, 5)}, {self.r.randint(-5, 5)}, {self.r.randint(0, 5)})",
            "w = Vec(1, 1, 1)",
        ] + self.shows([
            "v + w", "v * 2", "3 * v", "-v", "v + 1", "1 + v", "len(v)", "list(v)", "v[1]", "v[1:]", "v[10]",
            "2 in v", "bool(Vec(0, 0))", "v == Vec(*v)", "v(0)", "sorted(v)", "sum(v)", "max(v)", "list(reversed(v))",
            "tuple(v)", "v != w", "dict(zip(v, w))", "[x for x in v if x]", "v < w", "hash(v)", "str(v)",
            "f'{v}'", "'%s' % v", "'%s' % (v,)", "round(v)", "abs(v)", "v.__len__()", "list(enumerate(v, 1))",
            "iter(5)", "len(5)", "(1).__index__()", "Vec(1).__eq__(3)", "[1, 2][Vec(1)[0]]",
        ], self.r.randint(5, 10))

    def s_exceptions(self):
        return [
            "class AppError(Exception):",
            "    pass",
            "class DbError(AppError):",
            "    def __init__(self, code):",
            "        super().__init__('db failed', code)",
            "        self.code = code",
            "def risky(n):",
            "    if n == 0:",
            "        raise DbError(42)",
            "    if n == 1:",
            "        raise ValueError('bad value: %d' % n)",
            "    if n == 2:",
            "        return 1 // (n - 2)",
            "    if n == 3:",
            "        return [][n]",
            "    if n == 4:",
            "        return {}['k%d' % n]",
            "    if n == 5:",
            "        return int('x%d' % n)",
            "    if n == 6:",
            "        return None.attr",
            "    if n == 7:",
            "        return 'a' + n",
            "    if n == 8:",
            "        raise AppError()",
            "    return n",
            f"for n in {self.r.sample(range(10), self.r.randint(3, 8))}:",
            "    try:",
            "        r = risky(n)",
            "    except AppError as e:",
            "        print('app', type(e).__name__, e, e.args, repr(e))",
            "    except (ValueError, ZeroDivisionError) as e:",
            "        print('val', type(e).__name__, str(e), repr(e))",
            "    except Exception as e:",
            "        print('other', type(e).__name__, str(e))",
            "    else:",
            "        print('ok', r)",
            "    finally:",
            "        print('finally', n)",
            "try:",
            "    try:",
            "        risky(2)",
            "    except ZeroDivisionError as e:",
            "        raise KeyError('wrapped') from e",
            "except KeyError as e:",
            "    print(repr(e), type(e.__cause__).__name__, e.__context__ is e.__cause__)",
            "try:",
            "    try:",
            "        raise TypeError('inner')",
            "    finally:",
            "        print('cleanup')",
            "except TypeError as e:",
            "    print('caught', e)",
            "def fin():",
            "    try:",
            "        return 'try'",
            "    finally:",
            "        print('fin runs')",
            "print(fin())",
            "e = ValueError('a', 2)",
            "print(e.args, str(e), repr(e), str(KeyError('k')), str(KeyError()), repr(Exception()))",
            "print(isinstance(DbError(1), Exception), issubclass(KeyError, LookupError))",
        ] + self.shows([
            "1 / 0", "1 % 0", "1.0 / 0", "divmod(1, 0)", "1.5 // 0", "[][0]", "()[1]", "'ab'[5]",
            "{}['x']", "{}[(1, 2)]", "int('12a')", "int('')", "float('1.2.3')", "None.x", "(1).x",
            "'a' + 1", "1 + 'a'", "1 - None", "[] - []", "'a' * 'b'", "-'a'", "~1.5", "NONE()", "ONE[0]",
            "len(None)", "undefined_name", "int(None)", "chr(-1)", "ord('ab')", "[].index(1)",
            "'x'.join([1])", "abs('x')", "sum(['a', 'b'])", "sum([[1]], [])", "range(1.5)",
            "list(1)", "hash([])", "{}.fromkeys()", "object().x", "str(1, 2, 3, 4)", "pow(0, -1)",
            "math.sqrt(-1)", "math.log(0)", "2.0 ** 10000", "10 ** 10000 * 1.0", "int('9' * 5000)",
            "str(10 ** 5000)", "(1, 2) < (1, 'a')", "1 < 'a'", "[1] < 'a'", "None < None",
            "iter(None)", "next(iter([]))", "isinstance(1, 1)", "getattr(1, 'x')",
            "type('x', (), {})().y",
            "print(1, sep=1)", "dict(1)", "set(1)", "zip(1)", "map(1)", "enumerate(1)",
            "[].sort(1)", "'abc'.split(1)", "round('x')", "divmod('a', 1)", "min()", "max(1)",
        ], self.r.randint(5, 12))

    def s_with(self):
        suppress = self.pick(["True", "False", "None"])
        return [
            "class Ctx:",
            "    def __init__(self, name):",
            "        self.name = name",
            "    def __enter__(self):",
            "        print('enter', self.name)",
            "        return self.name.upper()",
            "    def __exit__(self, et, ev, tb):",
            "        print('exit', self.name, et.__name__ if et else None, ev)",
            f"        return {suppress}",
            "with Ctx('a') as x, Ctx('b') as y:",
            "    print('body', x, y)",
            "try:",
            "    with Ctx('c'):",
            "        raise RuntimeError('inside')",
            "    print('after with')",
            "except RuntimeError as e:",
            "    print('propagated', e)",
            "lock = threading.Lock()",
            "with lock:",
            "    print('locked', lock.locked())",
            "print('unlocked', lock.locked())",
            "def with_int():",
            "    with ONE:",
            "        pass",
            "_show('with 1', with_int)",
            "class NoExit:",
            "    def __enter__(self):",
            "        return 1",
            "def use():",
            "    with NoExit():",
            "        pass",
            "_show('use()', use)",
        ]

    def s_builtins(self):
        w = self.word()
        return self.shows([
            f"ascii({w})", "ascii([1, 'é', '\\u2603'])", f"repr({w})", "repr('\\x00\\t\\n\\\\\\'\"')",
            "repr('\\x7f\\x80\\x9f\\xa0\\xad')", "repr(\"it's\")", "repr('\"\\'')", f"divmod({self.anyint()}, {self.r.randint(1, 9)})",
            "round(2.675, 2)", "round(-0.5)", "round(7, 2)", f"round({self.r.random() * 100:.4f}, {self.r.randint(0, 3)})",
            "sum([1, 2, 3], 10)", "sum([0.1] * 3)", "sum(range(101))", "min('hello')", "max([3, 1], key=lambda x: -x)",
            "list(zip('abc', range(10)))", "list(zip())", "list(enumerate('xy', start=5))",
            "list(map(str.upper, ['a', 'b']))", "list(map(pow, [2, 3], [3, 2]))", "list(filter(None, [0, 1, '', 'a', None]))",
            "list(filter(lambda x: x > 2, range(6)))", "sorted([3, 1, 2])", "list(reversed([1, 2, 3]))",
            "list(reversed(range(5)))", "reversed('ab').__class__.__name__", "isinstance(True, int)",
            "isinstance(1, (str, float))", "isinstance([], list)", "hash(12345)", "hash(-1)", "hash(2**61)",
            "hash(0.5)", "hash(())", "abs(-3.5)", "all([])", "any([])", "all([1, 0])", "chr(9731)", "ord('€')",
            "bin(-10)", "hex(255)", "oct(-8)", "int('z', 36)", "int('10', 1)", "bool('')", "bool([0])",
            "len(range(0, 100, 7))", "range(10)[2:8:2]", "range(5)[-1]", "range(0, 10, 3)", "list(range(10, 0, -3))",
            "repr(range(3))", "str(None)", "type(None).__name__", "type(1.0).__name__", "type(range(1)).__name__",
            "callable(len)", "len.__name__", "repr(len)", "repr(print)", "str(int)", "repr(ValueError)",
            "repr(NotImplemented)", "repr(...)", "repr(Ellipsis)", "type(...).__name__", "None is None",
            "iter([1, 2]).__next__()", "next(iter('q'))", "list(iter(range(3)))", "pow(2, 10)",
            "pow(2.0, 3)", "pow(-8, 1/3)", "round(1e300, -300)", "format(5)", "bool.__name__",
            "max('a', 'b', 'c')", "id(1) == id(1)", "dir([])[:0]", "int.__doc__[:10]",
            "(1).__class__", "[].__class__", "object.__name__", "str.__mro__", "int.__mro__", "bool.__mro__",
            "(1.5).__round__()", "(2).__pow__(3)", "'ab'.__add__('c')", "[1].__len__()", "{}.__contains__(1)",
            "divmod(-7, 2)", "divmod(7, -2)", "divmod(-7.5, 2)", "sum([], start=5)", "min(x for x in [4, 2])",
            "sorted({3, 1, 2})", "list(reversed({1: 2, 3: 4}))", "list(zip([1, 2], [3], strict=True))",
        ], self.r.randint(6, 14))

    def s_arity(self):
        return self.shows([
            "[].append()", "[].append(1, 2)", "[].insert(1)", "[].pop(1, 2)", "[].index()", "[].count()",
            "[].extend()", "[].sort(1)", "[].copy(1)", "{}.get()", "{}.get(1, 2, 3)", "{}.pop()", "{}.update(1, 2)",
            "{}.setdefault()", "{}.keys(1)", "{}.items(1)", "set().add()", "set().add(1, 2)", "set().remove()",
            "'a'.upper(1)", "'a'.split(1, 2, 3)", "'a'.replace('a')", "'a'.join()", "'a'.startswith()",
            "'a'.find()", "'a'.count()", "'a'.strip(1)", "'a'.center()", "'a'.zfill()",
            "len()", "len(1, 2)", "abs()", "abs(1, 2)", "divmod(1)", "isinstance(1)", "sorted()", "reversed()",
            "min(1)", "sum()", "round()", "round(1, 2, 3)", "ord()", "chr()", "repr()", "ascii()", "hex()",
            "int(1, 2, 3)", "str('a', 1, 2, 3)", "zip(1, 2)", "enumerate()", "range()", "range(1, 2, 3, 4)",
            "(1).bit_length(1)", "(1.5).is_integer(1)", "[].__len__(1)", "dict.fromkeys()", "tuple(1, 2)",
            "list(1, 2)", "bool(1, 2)", "float(1, 2)", "type()", "type(1, 2)", "getattr(1)", "hasattr(1)",
            "setattr(1, 2)", "iter()", "next()", "map()", "filter()", "print(end=1)", "pow(1)", "hash()",
            "callable()", "sorted([], 1)", "max(key=len)", "str.upper()", "list.append([])", "dict.get({})",
        ], self.r.randint(5, 12))

    def s_operands(self):
        vals = ["1", "1.5", "'s'", "[1]", "(1,)", "{1: 2}", "{1}", "None", "True", "2**70", "range(2)"]
        ops = ["+", "-", "*", "/", "//", "%", "**", "<", "<=", "==", "&", "|", "in", "<<", "@"]
        out = []
        for _ in range(self.r.randint(5, 10)):
            a, b, op = self.pick(vals), self.pick(vals), self.pick(ops)
            out.append(self.show(f"{a} {op} {b}"))
        return out

    def s_control(self):
        n = self.r.randint(5, 25)
        return [
            f"for i in range({n}):",
            "    if i % 7 == 6:",
            "        break",
            "    if i % 2:",
            "        continue",
            "    print(i, end=' ')",
            "else:",
            "    print('no break', end=' ')",
            "print()",
            f"i = {n}",
            "while i > 0:",
            "    i //= 3",
            "    print(i, end=',')",
            "else:",
            "    print('w-else')",
            "print(1 < 2 < 3, 1 < 3 < 2, 2 == 2.0 != None, not 0, 0 or 'x', 1 and [] or 'y')",
            "print([1, 2] is [1, 2], None is None, 3 if [] else 4)",
            "x = [0]",
            "x[0] += 5",
            "a = b = 3",
            "a += 1",
            "print(x, a, b)",
            "a, (b, c) = 1, (2, 3)",
            "print(a, b, c)",
            "def unpack2(t):",
            "    a, b = t",
            "    return a, b",
            "_show('a, b = 1, 2, 3', lambda: unpack2((1, 2, 3)))",
            "_show('a, b = [1]', lambda: unpack2([1]))",
            "_show('a, b = 5', lambda: unpack2(5))",
        ]

    def s_nested_repr(self):
        return [
            "l = [1, 'a', (2.5, None), {'k': [True]}]",
            "l.append(l)",
            "print(l)",
            "d = {}",
            "d['self'] = d",
            "print(d)",
            "print(repr([1.0, -0.0, 1e100, 1e-10, 2 ** 0.5]))",
            "print(str(['a', \"b'c\", 'd\"e']), (1,), ((),), [[]])",
            "print({1: {2: {3: ()}}}, [None, ..., NotImplemented])",
            "print('a\\tb', repr('a\\tb'), 'é', repr('é\\u200b'), repr('\\U0001f600'))",
            "print(print('inner'), 'x', sep='|', end='!\\n')",
            "print(*[1, 2, 3], sep=', ')",
            "print(True, False, None, 1_000, 0x1F, 0o17, 0b11, 1e3, 1E-3)",
        ]

    def s_attrs(self):
        return [
            "class P:",
            "    kind = 'p'",
            "    def __init__(self):",
            "        self.a = 1",
            "p = P()",
            "setattr(p, 'b', 2)",
            "print(p.__dict__, hasattr(p, 'b'), getattr(p, 'kind'))",
            "delattr(p, 'a')",
            "print(p.__dict__, P.kind, p.kind)",
            "p.kind = 'own'",
            "print(p.kind, P.kind)",
        ] + self.shows([
            "delattr(p, 'zz')", "p.zz", "P.zz", "getattr(p, 1)", "P().__class__.__name__", "P.__name__",
            "P.__module__", "p.__module__", "P.__qualname__", "type(p) is P", "vars(p)", "P.kind.upper()",
            "object.__setattr__(p, 'c', 3) or p.c", "p.__dict__.get('c')", "int.x", "(1).real",
            "'s'.zz", "[].x", "None.y", "P.__init__.__name__", "p.__init__.__name__", "type.__name__",
        ], self.r.randint(3, 7))

    def s_iterators(self):
        return [
            "class Count:",
            "    def __init__(self, n):",
            "        self.i, self.n = 0, n",
            "    def __iter__(self):",
            "        return self",
            "    def __next__(self):",
            "        if self.i >= self.n:",
            "            raise StopIteration",
            "        self.i += 1",
            "        return self.i",
            f"print(list(Count({self.r.randint(0, 6)})), sum(Count(10)))",
            "it = iter([1, 2, 3])",
            "print(next(it), list(it), next(it, 'dflt'))",
            "print(list(zip(Count(3), 'abcd')), dict(enumerate(Count(2))))",
            "class Seq:",
            "    def __getitem__(self, i):",
            "        if i > 3:",
            "            raise IndexError(i)",
            "        return i * i",
            "print(list(Seq()), 9 in Seq(), list(iter(Seq())))",
            "c = Count(2)",
            "print(list(c), list(c))",
            "print(list(map(lambda a, b: a * b, Count(3), Count(4))))",
            "print(list(iter(Count(9).__next__, 4)))",
        ]

    def s_threads(self):
        n = self.r.randint(2, 6)
        k = self.r.randint(50, 500)
        which = self.r.randint(0, 5)
        if which == 0:
            return [
                f"results = [None] * {n}",
                "def work(i):",
                "    results[i] = sum(range(i * 100))",
                f"ts = [threading.Thread(target=work, args=(i,)) for i in range({n})]",
                "for t in ts:",
                "    t.start()",
                "for t in ts:",
                "    t.join()",
                "print(results, [t.is_alive() for t in ts])",
                "print(threading.current_thread().name, threading.main_thread().name)",
            ]
        if which == 1:
            return [
                "lock = threading.Lock()",
                "total = [0]",
                "def add():",
                f"    for _ in range({k}):",
                "        with lock:",
                "            total[0] += 1",
                f"ts = [threading.Thread(target=add) for _ in range({n})]",
                "for t in ts: t.start()",
                "for t in ts: t.join()",
                f"print(total[0], total[0] == {n * k})",
                "print(lock.acquire(), lock.locked(), lock.acquire(blocking=False))",
                "lock.release()",
                "_show('lock.release() twice', lock.release)",
            ]
        if which == 2:
            return [
                "q = queue.Queue()",
                "out = []",
                "def consumer():",
                "    while True:",
                "        item = q.get()",
                "        if item is None:",
                "            break",
                "        out.append(item * 2)",
                "c = threading.Thread(target=consumer)",
                "c.start()",
                f"for i in range({k // 10}):",
                "    q.put(i)",
                "q.put(None)",
                "c.join()",
                "print(len(out), sum(out), out[:5], q.empty(), q.qsize())",
                "_show('q.get_nowait()', q.get_nowait)",
                "lq = queue.LifoQueue()",
                "for i in range(4): lq.put(i)",
                "print([lq.get() for _ in range(4)])",
            ]
        if which == 3:
            return [
                "ev = threading.Event()",
                "seen = []",
                "def waiter(i):",
                "    ev.wait()",
                "    seen.append(i)",
                f"ts = [threading.Thread(target=waiter, args=(i,), name='w%d' % i) for i in range({n})]",
                "for t in ts: t.start()",
                "print(ev.is_set())",
                "ev.set()",
                "for t in ts: t.join()",
                "print(sorted(seen), [t.name for t in ts], ev.is_set())",
                "class Worker(threading.Thread):",
                "    def __init__(self, v):",
                "        super().__init__()",
                "        self.v = v",
                "        self.res = None",
                "    def run(self):",
                "        self.res = self.v ** 2",
                f"ws = [Worker(i) for i in range({n})]",
                "for w in ws: w.start()",
                "for w in ws: w.join()",
                "print([w.res for w in ws], ws[0].daemon)",
            ]
        if which == 4:
            return [
                "sem = threading.Semaphore(2)",
                "cond = threading.Condition()",
                "items = []",
                "def prod(i):",
                "    with sem:",
                "        with cond:",
                "            items.append(i)",
                "            cond.notify_all()",
                f"ts = [threading.Thread(target=prod, args=(i,)) for i in range({n})]",
                "for t in ts: t.start()",
                "with cond:",
                f"    ok = cond.wait_for(lambda: len(items) == {n}, timeout=5)",
                "for t in ts: t.join()",
                "print(ok, sorted(items), threading.active_count())",
                "rl = threading.RLock()",
                "with rl:",
                "    with rl:",
                "        print('reentrant')",
                "local = threading.local()",
                "local.x = 'main'",
                "def setl():",
                "    local.x = 'thread'",
                "t = threading.Thread(target=setl); t.start(); t.join()",
                "print(local.x)",
            ]
        return [
            "bar = threading.Barrier(%d)" % n,
            "hits = []",
            "lock = threading.Lock()",
            "def go(i):",
            "    bar.wait()",
            "    with lock:",
            "        hits.append(i)",
            f"ts = [threading.Thread(target=go, args=(i,)) for i in range({n})]",
            "for t in ts: t.start()",
            "for t in ts: t.join()",
            "print(sorted(hits), bar.parties)",
            "t = threading.Thread(target=lambda: None, daemon=True)",
            "print(t.daemon, t.is_alive())",
            "t.start(); t.join()",
            "_show('t.start() twice', t.start)",
            "_show('Thread(target=1).run()', lambda: threading.Thread(target=1).run())",
            "print(isinstance(threading.current_thread(), threading.Thread))",
        ]

    def s_scope(self):
        return [
            "G = 10",
            "def readg():",
            "    return G",
            "def setg():",
            "    global G",
            "    G += 1",
            "    return G",
            "print(readg(), setg(), readg())",
            "def shadow():",
            "    G = 'local'",
            "    return G",
            "print(shadow(), G)",
            "def defaults(x, acc=[]):",
            "    acc.append(x)",
            "    return acc",
            "print(defaults(1), defaults(2), defaults(3, []))",
            "def rec(n):",
            "    return 1 if n <= 1 else n * rec(n - 1)",
            f"print(rec({self.r.randint(1, 40)}))",
            "def deep(n):",
            "    return deep(n + 1)",
            "_show('deep(0)', lambda: deep(0))" if self.r.random() < 0.3 else "pass",
            "print(sorted(k for k in dir() if not k.startswith('_')))",
        ]

    SNIPPETS = [
        ("int_arith", 3), ("bigint", 1), ("float_repr", 3), ("true_div", 2), ("str_methods", 3),
        ("fstrings", 3), ("percent", 2), ("format_method", 2), ("list", 2), ("tuple", 1), ("dict", 2),
        ("set", 1), ("comprehensions", 1), ("slicing", 2), ("sorting", 2), ("functions", 2),
        ("closures", 1), ("generators", 1), ("classes", 2), ("dunder", 2), ("exceptions", 3), ("with", 1),
        ("builtins", 3), ("arity", 2), ("operands", 2), ("control", 1), ("nested_repr", 1), ("attrs", 1),
        ("iterators", 1), ("threads", 2), ("scope", 1),
    ]

    def tail(self):
        roll = self.r.random()
        if roll < 0.08:
            return ["sys.exit(%s)" % self.pick(["0", "1", "3", "'bye'", "None", "256 + 7", "-1"])]
        if roll < 0.16:
            return ["print('to stderr', file=sys.stderr)",
                    self.pick(["raise ValueError('final %d' % 3)", "{}['gone']", "1 / 0", "undefined_thing",
                               "raise SystemExit(2)", "[].pop()", "raise KeyboardInterrupt"])]
        return ["print('end')"]


HEADER = [
    "import sys, math, threading, queue",
    "NONE, ONE = None, 1",
    "",
    "def _show(label, thunk):",
    "    try:",
    "        value = thunk()",
    "    except Exception as e:",
    "        print(label, '!>', type(e).__name__ + ':', e)",
    "    else:",
    "        print(label, '=>', repr(value))",
    "",
    "def _run(name, f):",
    "    print('--', name)",
    "    try:",
    "        f()",
    "    except Exception as e:",
    "        print('!!', type(e).__name__ + ':', e)",
    "",
]


def generate(seed, index):
    """The text of program `index` of the run seeded `seed`."""
    rng = random.Random(f"{seed}-{index}")
    g = Gen(rng)
    names = [n for n, w in Gen.SNIPPETS for _ in range(w)]
    target = rng.randint(30, 120)
    lines = list(HEADER)
    calls = []
    k = 0
    while len(lines) + len(calls) < target:
        kind = rng.choice(names)
        body = getattr(g, "s_" + kind)()
        if len(lines) + len(calls) + len(body) + 2 > 120 and k > 0:
            break
        lines.append(f"def _s{k}():")
        lines += ["    " + b for b in body]
        lines.append("")
        calls.append(f"_run('s{k} {kind}', _s{k})")
        k += 1
    return "\n".join(lines + calls + g.tail()) + "\n"


if __name__ == "__main__":
    import sys

    print(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 0, int(sys.argv[2]) if len(sys.argv) > 2 else 0))
