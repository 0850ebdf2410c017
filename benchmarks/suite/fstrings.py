# f-strings: plain substitutions, format specs (width, fill, precision, thousands,
# hex), conversions (!r), nested widths and the = specifier.
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
ROUNDS = 2_000 if SMALL else 160_000


def workload():
    total = 0
    names = ["ada", "grace", "linus", "guido"]
    last = ""
    for i in range(ROUNDS):
        name = names[i & 3]
        value = i * 1.25
        width = 6 + (i & 3)
        a = f"{name}:{i}"
        b = f"{i:08d}|{value:10.3f}|{i:,}|{i:x}"
        c = f"{name!r:>{width}}<{name:^9}>{value:.2e}"
        d = f"{i=} {name.upper()} {i % 7 + 1}/{len(name)}"
        last = a + b + c + d
        total += len(a) + len(b) + len(c) + len(d) + last.count("0")
    return f"{total} {last}"


began = time.perf_counter()
result = workload()
print(f"{time.perf_counter() - began:.4f}")
print(result)
