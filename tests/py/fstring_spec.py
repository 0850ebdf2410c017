# Format spec mini-language in f-strings.
n = 1234567
f = 3.14159265
s = "hi"
print(f"[{s:5}] [{s:<5}] [{s:>5}] [{s:^5}] [{s:*^6}] [{s:->4}]")
print(f"[{42:5}] [{42:<5}] [{42:^5}] [{-42:=6}] [{42:0=6}] [{-42:06}]")
print(f"{5:+} {-5:+} {5:-} {5: } {-5: }")
print(f"{n:,} {n:_} {n:,d} {1234.5678:,.2f} {0xFFFFFF:_x}")
print(f"{f:.2f} {f:.0f} {f:8.3f}| {f:<8.3f}| {f:+.1f}")
print(f"{f:e} {f:E} {f:.2e} {12345678.9:g} {0.00001234:G} {100.0:g}")
print(f"{255:x} {255:X} {255:o} {5:b} {255:#x} {255:#X} {5:#b} {8:#o}")
print(f"{255:08b} {7:03d} {-7:03d} {3:>03}")
print(f"{0.256:%} {0.256:.1%} {1:.0%}")
print(f"{1.5:F} {float('inf'):f} {float('inf'):F} {float('nan'):F}")
print(f"{42:n} {1.5:n} {1234567:n}")
print(f"{1e20:f} {1e-3:g} {123.0:.1g} {0.5:.0f} {1.5:.0f} {2.5:.0f}")
print(f"{42:d} {42:f} {42:e} {42:g} {42:%}")
print(f"{'x'!r:>5}|{'abc':.2}|{'abcdef':>8.3}|")
width = 10
prec = 3
print(f"[{f:{width}.{prec}f}] [{s:{'>'}{width}}] [{n:{','}}]")
print(f"{3:>{width}}|{f:.{prec}}|{f:.{prec}g}")
print(format(n, ","), format(f, ".3f"), format(255, "x"), format("a", ">3"), format(12))
print(f"{True:d} {True} {True:>6}")
print(f"{-0.0:.1f} {-0.04:.1f} {0.05:.1f} {0.15:.1f} {0.25:.1f}")
print(f"{12.5:.3g} {123456:.2e} {0.000123:.1e}")
print(f"summary: {n:>12,} {f:<8.2f}|")
