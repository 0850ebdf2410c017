# Sorting inputs with structure (long runs, many equal keys, descending, two sorted
# halves) and without: key sorts must stay stable, reverse=True must keep equal items in
# their first order, and an exception raised by __lt__ in the middle of a merge must
# leave every item in the list. Positions are summed so any reordering shows.
import random
random.seed(5)
out = []
for n in [0, 1, 2, 5, 31, 32, 33, 64, 100, 257, 1000, 5000, 12000]:
    for pattern in range(7):
        if pattern == 0: d = [random.randrange(50) for _ in range(n)]
        elif pattern == 1: d = list(range(n))
        elif pattern == 2: d = list(range(n, 0, -1))
        elif pattern == 3: d = sorted(random.randrange(n + 1) for _ in range(n))[::-1]
        elif pattern == 4: d = [i % 17 for i in range(n)]
        elif pattern == 5: d = [(i * 7919) % 101 for i in range(n)]
        else: d = sorted([random.random() for _ in range(n // 2)]) + sorted([random.random() for _ in range(n - n // 2)])
        pairs = [(v, i) for i, v in enumerate(d)]
        s1 = sorted(pairs, key=lambda p: p[0])
        s2 = sorted(pairs, key=lambda p: p[0], reverse=True)
        s3 = sorted(d)
        s4 = sorted(pairs, key=lambda p: str(p[0]))
        out.append((s1[:3], s1[-3:], s2[:3], s3[len(s3)//2:len(s3)//2+2], s4[:2], sum(p[1]*j for j, p in enumerate(s1)) % 1000003, sum(p[1]*j for j, p in enumerate(s2)) % 1000003, sum(p[1]*j for j, p in enumerate(s4)) % 1000003))
for line in out: print(line)
# errors mid-merge keep the list whole
class Bad:
    def __init__(self, v): self.v = v
    def __lt__(self, other):
        global calls
        calls += 1
        if calls == 900: raise ValueError("boom")
        return self.v < other.v
for n in (200, 3000):
    calls = 0
    items = [Bad((i * 37) % 97) for i in range(n)]
    try:
        items.sort()
    except ValueError as e:
        print("error", e, len(items), sorted(b.v for b in items) == sorted((i * 37) % 97 for i in range(n)))
