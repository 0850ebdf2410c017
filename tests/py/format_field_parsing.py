# How str.format and str.format_map read a replacement field: malformed templates
# must fail with the same error CPython gives, in the same order as CPython reads them.


class Box:
    def __init__(self, **items):
        for name, value in items.items():
            setattr(self, name, value)


class Loud:
    def __format__(self, spec):
        return "<" + spec + ">"

    def __str__(self):
        return "loud"


def attempt(template, *args, **kwargs):
    try:
        print(repr(template), "->", repr(template.format(*args, **kwargs)))
    except Exception as err:
        print(repr(template), "->", type(err).__name__, err)


def attempt_map(template, mapping):
    try:
        print(repr(template), "map ->", repr(template.format_map(mapping)))
    except Exception as err:
        print(repr(template), "map ->", type(err).__name__, err)


malformed = [
    "{", "x{", "{{{", "}", "a}b", "{0", "{0!", "{0!r", "{0!rr}", "{0!r:", "{0:",
    "{:", "{!r", "{0!x}", "{0!\u00e9}", "{0:{", "{0:{1}", "{a{b}", "{0[}",
    "{0[0]x}", "{0.}", "{0[]}", "{0..a}", "{}{0}", "{0}{}", "{:{}}{0}",
    "{99999999999999999999999}", "{0:{1:{2}}}",
]
for template in malformed:
    attempt(template, [10, 20], "s", "")

# Field names: brackets may hold ':', '!' and '}', digits index, other text is a key.
table = {"a:b": 1, "x!y": 2, "-1": "minus", "k}": "brace"}
attempt("{0[a:b]} {0[x!y]} {0[-1]}", table)
attempt("{0[k}]}", table)
attempt("{0[1]}|{0[1]:>4}|{0[1]!r:>6}", ["p", "q"])
attempt("{0[-1]}", ["p", "q"])
attempt("{0.inner.value:^9}", Box(inner=Box(value="mid")))
attempt("{box.inner[1]}", box=Box(inner=(7, 8)))
attempt("{0[0][1]}.{0[1].real}", [[5, 6], 3])
attempt("{0.missing}", Box())
attempt("{name}", other=1)
attempt("{+1}", 1, 2)
attempt("{\u0661}", "arabic-indic one", "second")

# Conversions and nested specs, numbering shared between a field and its spec.
attempt("{!r:>{}}|{}", "ab", 8, "end")
attempt("{0:{1}}|{2}", 3.14159, ".2f", "c")
attempt("{:{}}{}", "v", ">3", "w")
attempt("{:{0}}", "v", 3)
attempt("{0:{}}", "v", 3)
attempt("{!a} {!s} {!r}", "\u00e9", "t", "t")
attempt("{0:}|{0!s:}|{0:{1}}", Loud(), "")
attempt("{0:x{1}y{2}z}", Loud(), "A", "B")
attempt("{} {}", 1)
attempt("{0} {2}", 1, 2)

# format_map reads names through the mapping and refuses positional fields.
class Defaulting(dict):
    def __missing__(self, key):
        return "?" + key


attempt_map("{a} and {b[0]} {c}", Defaulting(a=1, b="xy"))
attempt_map("{}", {"": 1})
attempt_map("{0}", {0: 1})
attempt_map("{a", {"a": 1})

# string.Formatter reads templates the same way.
import string

reader = string.Formatter()
for template in ["{", "}", "{0!r", "{0:", "{a{b}", "{0[a:b]!s:>{w}} {{x}} tail", "plain"]:
    try:
        print(repr(template), "parse ->", reader.parse(template) and list(reader.parse(template)))
    except ValueError as err:
        print(repr(template), "parse ->", type(err).__name__, err)
print(reader.format("{0[a:b]:>{w}}|{n.real}", {"a:b": "k"}, w=3, n=4))
