# f-string basics: expressions, conversions, escapes, self-documenting.
name = "Alice"
items = [3, 1, 2]
d = {"key": "value", "n": 5}
print(f"Hello, {name}!")
print(f"{name!r} {name!s} {name.upper()} {len(name)}")
print(f"{items[0]} {items[-1]} {sorted(items)} {d['key']} {d["n"]}")
print(f"{1 + 2 * 3} {10 // 3} {2 ** 10}")
print(f"{{braces}} {{{name}}}")
x = 42
print(f"{x=}")
print(f"{x = }")
print(f"{x * 2=}")
print(f"{name=!s} {name=}")
print(f"{'nested quotes'} {"double"}")
print(f"{'a' if x > 10 else 'b'}")
print(f"{[i * i for i in range(4)]}")
print(f"{ {'k': 1}['k'] }")
print(f"{(lambda v: v + 1)(1)}")
msg = (
    f"multi {name} "
    f"line {x} "
    "plain"
)
print(msg)
print(f"""triple {name}
second line {x}""")
print(F"upper prefix {x}")
print(rf"raw \n {x}")
print(f"{3.14159:.1f} {2.0 / 3:.2f}")
print(f"{None} {True} {1.0} {[1, 'a']}")
print(f"summary: {name}={x}")
