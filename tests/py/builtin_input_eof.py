# input() with standard input at its end (the corpus runs with stdin from /dev/null):
# the prompt is written, then EOFError; the argument checks come first.
import sys

results = []
for args, kwargs in [((), {}), (("name? ",), {}), ((42,), {}), ((None,), {})]:
    try:
        input(*args, **kwargs)
    except EOFError as e:
        results.append(("EOFError", str(e), e.args))
print()
for r in results:
    print(r)

for args, kwargs in [((1, 2), {}), ((), {"prompt": "x"}), (("a", "b", "c"), {})]:
    try:
        input(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)


class Loud:
    def __str__(self):
        return "loud> "


try:
    input(Loud())
except EOFError:
    print("\nEOF after a prompt from __str__")


def gen():
    while True:
        yield input("more? ")


try:
    list(gen())
except EOFError as e:
    print("\nfrom a generator:", repr(e))

print("summary:", len(results), "EOFs")
input("the last one, uncaught: ")
