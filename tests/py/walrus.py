# Assignment expressions.
data = [4, 8, 15, 16, 23, 42]
if (n := len(data)) > 5:
    print("long list", n)
it = iter(data)
while (item := next(it, None)) is not None:
    if item > 20:
        print("first over 20:", item)
        break
values = [y for x in data if (y := x * 2) > 30]
print(values, y)
queue = ["a", "b", None, "c"]
pos = 0
while True:
    item = queue[pos]
    pos += 1
    if item is None:
        break
    print("got", item)
chunks = []
source = list(range(7))
while chunk := source[:3]:
    chunks.append(chunk)
    source = source[3:]
print(chunks)
print((total := sum(data)), total)
print("summary:", n, pos)
