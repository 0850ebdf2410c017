# range: steps, len, repr, indexing, membership.
print(list(range(5)), list(range(2, 8)), list(range(0, 10, 3)))
print(list(range(10, 0, -2)), list(range(5, -6, -5)), list(range(3, 3)), list(range(5, 1)))
r = range(1, 20, 4)
print(r, range(5), range(0, -5, -1))
print(len(r), len(range(10)), len(range(0)), len(range(10, 0, -3)))
print(r[0], r[-1], r[2], r[1:3], r[::-1])
print(7 in r, 8 in r, r.index(9), r.count(13))
print(sum(range(101)), max(range(7)), min(range(3, 9)))
try:
    range(1, 5, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    r[10]
except IndexError as e:
    print("IndexError:", e)
total = 0
for _ in range(100_000):
    total += 1
print(total)
print(list(range(-3, 3)), range(3) == range(0, 3))
print(list(reversed(range(4))))
print("summary:", len(range(100_000)), total)
