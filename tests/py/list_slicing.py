# Slicing with steps, out-of-range slices, slice assignment and deletion.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-2:], a[:-7])
print(a[::2], a[1::3], a[::-1], a[::-3], a[7:2:-1], a[2:7:-1])
print(a[100:], a[-100:2], a[5:100], a[8:3])
b = a[:]
b[2:5] = ["x"]
print(b)
b[1:1] = [10, 11]
print(b)
b[:] = [1, 2, 3]
print(b)
c = list(range(8))
c[::2] = ["e"] * 4
print(c)
try:
    c[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
d = list(range(10))
del d[1]
print(d)
del d[::3]
print(d)
del d[-2:]
print(d)
del d[:]
print(d)
t = tuple(range(6))
print(t[1:4], t[::-2], t[10:])
print("hello"[1:-1], "hello"[::-1][:2])
s = slice(1, 5, 2)
print(a[s], s.start, s.stop, s.step)
print(a[-1:-4:-1], a[-4:-1])
print("summary:", len(a[::3]), a[-3])
