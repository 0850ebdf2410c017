# Huge allocations fail cleanly; print only the exception type names.
attempts = [
    ("list 10**12", lambda: [0] * 10 ** 12),
    ("list 2**62", lambda: [0] * (2 ** 62)),
    ("str", lambda: "x" * (2 ** 62)),
    ("bytes", lambda: b"x" * (2 ** 62)),
    ("list too big", lambda: [0] * (2 ** 64)),
]
for label, fn in attempts:
    try:
        fn()
        print(label, "allocated?!")
    except (MemoryError, OverflowError) as e:
        print(label, "->", type(e).__name__)
print("summary: survived")
