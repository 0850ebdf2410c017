# Item reads and writes through a local with a computed index (`row[i + 1]`,
# `row[n - k]`), and swaps by tuple assignment: the interpreter runs these in place
# when it can, and must give what the instructions one by one give, errors included.


class Seq(list):
    def __getitem__(self, index):
        return ("sub", index)


def swaps():
    a, b = 1, 2
    a, b = b, a
    x, y, z = 1, 2, 3
    x, y, z = z, x, y
    row = [5, 3, 8, 1, 9, 2]
    for i in range(0, len(row) - 1, 2):
        if row[i] > row[i + 1]:
            row[i], row[i + 1] = row[i + 1], row[i]
    (p,) = (7,)
    return a, b, x, y, z, row, p


def computed(row, t, big):
    out = []
    n = len(row)
    for i in range(n - 1):
        out.append(row[i + 1] - row[i])
    for k in range(1, n + 1):
        out.append(row[n - k])
    out.append(row[-1 - 1])
    out.append(t[1 + 1])
    j = 2
    out.append(t[j - 3])
    row[j + 1] = 100
    row[j - 1] += 5
    row[j + j] *= 2
    out.append(row)
    s = Seq([1, 2, 3])
    out.append(s[j + 1])
    d = {3: "three", 1.5: "float"}
    out.append(d[j + 1])
    k = 0.5
    out.append(d[1 + k])
    out.append(row[True + 1])
    try:
        row[big + 1]
    except IndexError as e:
        out.append(("big", str(e)))
    try:
        row[n + 0]
    except IndexError as e:
        out.append(("read", str(e)))
    try:
        row[n - 0] = 1
    except IndexError as e:
        out.append(("write", str(e)))
    try:
        t[j + 10] = 1
    except TypeError as e:
        out.append(("tuple", str(e)))
    try:
        row[j + "x"]
    except TypeError as e:
        out.append(("type", str(e)))
    return out


print(swaps())
print(computed([4, 9, 1, 16, 25, 36], (10, 20, 30, 40), 2**63 - 1))


def fails(row, i):
    return row[i + 1]


fails([1, 2, 3], 2)
