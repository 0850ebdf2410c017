# f-strings with objects: __str__, __repr__, __format__ defaults.
class Temp:
    def __init__(self, c):
        self.c = c

    def __str__(self):
        return f"{self.c:.1f}C"

    def __repr__(self):
        return f"Temp({self.c!r})"

t = Temp(21.456)
print(f"{t}")
print(f"{t!r}")
print(f"{t!s:>10}|")
print(f"{[t, t]}")
print(f"{t.c:.2f} {t.c:08.2f}")
temps = [Temp(c) for c in [10, 15.5, 20.25]]
print(", ".join(f"{x}" for x in temps))
labels = {x.c: f"{x}" for x in temps}
print(labels)
for i, x in enumerate(temps, 1):
    print(f"{i:>2}. {x!s:<8}| {x.c:6.2f}")
try:
    print(f"{t:>10}")
except TypeError as e:
    print("TypeError:", e)
total = sum(x.c for x in temps)
print(f"summary: total={total:.2f} avg={total / len(temps):.2f}")
