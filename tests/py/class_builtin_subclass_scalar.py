class Money(int):
    def __new__(cls, value, currency="EUR"):
        obj = super().__new__(cls, value)
        obj.currency = currency
        return obj
    def __repr__(self):
        return f"Money({int(self)}, {self.currency!r})"
m = Money(5)
print(m, repr(m), m + 1, m * 2, m == 5, m < 10, hash(m) == hash(5), int(m), float(m))
print(isinstance(m, int), type(m).__name__, m.currency, str(m), f"{m:>4}", -m, abs(m))
print([10, 20, 30, 40, 50, 60][m], bool(Money(0)), 7 - m, divmod(m, 2), m.bit_length())

class Name(str):
    def shout(self):
        return self.upper() + "!"
n = Name("bob")
print(n, repr(n), n.shout(), len(n), n + "by", n == "bob", "o" in n, n[0], list(n), n.title())
print(isinstance(n, str), {n: 1}["bob"], "{}-{}".format(n, n), f"<{n}>", sorted([Name("b"), Name("a")]))

class Temp(float):
    def __str__(self):
        return f"{float(self):.1f} C"
t = Temp(21.456)
print(t, repr(t), t + 1, round(t, 1), t > 20, f"{t:.2f}")

class Flag(int):
    pass
print(Flag(3) | 4, Flag("12"), Flag(), sum([Flag(1), Flag(2)]), max(Flag(1), Flag(5)))

print("summary: scalar subclasses ok")
