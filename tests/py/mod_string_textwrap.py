# string (constants, capwords, Template, Formatter) and textwrap (wrap, fill, shorten, dedent, indent).
import textwrap, string
texts = ["The quick brown fox jumps over the lazy dog. A well-known, self-evident fact -- really!  Yes.",
 "Supercalifragilisticexpialidocious is a long-long-long word; so is pneumonoultramicroscopicsilicovolcanoconiosis.",
 "  leading\tspaces and\ttabs\nnewlines here   too  ",
 "e-mail re-enter x-ray a-b-c-d foo--bar baz---qux -- dash --opt",
 ""]
for t in texts:
    for w in (1, 5, 10, 20, 33):
        print(w, textwrap.wrap(t, w))
    print(textwrap.wrap(t, 15, break_on_hyphens=False))
    print(textwrap.wrap(t, 12, break_long_words=False))
    print(textwrap.wrap(t, 20, fix_sentence_endings=True))
    print(textwrap.wrap(t, 20, drop_whitespace=False))
    print(textwrap.wrap(t, 20, replace_whitespace=False, expand_tabs=False))
    print(textwrap.fill(t, 25, initial_indent="* ", subsequent_indent="  "))
    print(textwrap.wrap(t, 20, max_lines=2))
    print(textwrap.wrap(t, 20, max_lines=2, placeholder='...'))
    for w in (8, 15, 30, 200):
        try: print(repr(textwrap.shorten(t, w)))
        except ValueError as e: print(e)
print(repr(textwrap.dedent("    a\n      b\n\n   \n    c\n")))
print(repr(textwrap.dedent("\ta\n  b\n")))
print(repr(textwrap.dedent("  x\n  \ty\n")))
print(repr(textwrap.indent("a\n\nb\n  \nc", "> ")))
print(repr(textwrap.indent("a\nb", "+", lambda l: True)))
try: textwrap.wrap("x", 0)
except ValueError as e: print(e)
print(string.capwords("hello   wORLD  foo"), string.capwords("a-b-c", "-"))
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits, repr(string.whitespace), string.punctuation, repr(string.printable))
T = string.Template
print(T("$who likes ${what} $$ x").substitute(who="tim", what="kung pao"))
print(T("$who likes $what").substitute({"who": 1}, what=2))
print(T("$who likes $what $").safe_substitute(who="x"))
for s in ["$", "ab\ncd $1", "${a", "$who $"]:
    try: T(s).substitute(who=1, a=2)
    except (ValueError, KeyError) as e: print(type(e).__name__, e)
try: T("$x").substitute()
except KeyError as e: print("KeyError", e)
print(T("$a ${b} $a $$c $1").get_identifiers(), T("$a").is_valid(), T("$1").is_valid())
class P(T): delimiter = '%'
print(P("%x and %% and %{y}").substitute(x=1, y=2))
f = string.Formatter()
print(f.format("{0} {1!r} {x:>5} {y[k]} {0.real}", 3, "a", x=7, y={"k": "v"}))
print(f.format("{} {:{w}}|", 1, 2, w=4), list(f.parse("a{b!r:>3}c{{d}}")))
print("summary: string and textwrap ok")
