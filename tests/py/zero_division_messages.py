# All the ZeroDivisionError messages, caught.
cases = [
    ("1 / 0", lambda: 1 / 0),
    ("1.0 / 0", lambda: 1.0 / 0),
    ("1 / 0.0", lambda: 1 / 0.0),
    ("1 // 0", lambda: 1 // 0),
    ("1.5 // 0", lambda: 1.5 // 0),
    ("1 % 0", lambda: 1 % 0),
    ("1.5 % 0", lambda: 1.5 % 0),
    ("divmod(1, 0)", lambda: divmod(1, 0)),
    ("divmod(1.0, 0)", lambda: divmod(1.0, 0)),
    ("0 ** -1", lambda: 0 ** -1),
    ("0.0 ** -1", lambda: 0.0 ** -1),
    ("pow(2, -1, 4)", lambda: pow(2, -1, 4)),
    ("2 ** 0.5 / 0", lambda: 2 ** 0.5 / 0),
]
for label, fn in cases:
    try:
        fn()
    except ZeroDivisionError as e:
        print(f"{label:16} ZeroDivisionError: {e}")
    except ValueError as e:
        print(f"{label:16} ValueError: {e}")
print("summary:", len(cases), "cases")
