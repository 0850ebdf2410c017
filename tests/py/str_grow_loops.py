# Growing a str in a loop (in place when nothing else holds it): every other holder
# still sees its old value, and positions/lengths stay right after each growth.


def grow():
    s = "é" * 300
    kept = []
    for i in range(400):
        if i % 3 == 0:
            s = s + "ab"
        elif i % 3 == 1:
            s += "€"
        else:
            s = s + s[-3:]
        if i % 50 == 0:
            kept.append(s)
        n = len(s)
        last = s[-1]
        mid = s[n // 2]
    t = s
    s += "!"
    u = s
    s = s + s
    return n, last, mid, len(t), t[-2:], len(u), u[-2:], len(s), [len(k) for k in kept], s.find("ab"), s.rfind("€")


print(grow())
s = "x" * 500
for i in range(300):
    s = s + str(i)
    n = len(s)
print(n, s[-10:], s[495:505])
