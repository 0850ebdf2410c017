# An error inside nested inlined comprehensions (3.12): no comprehension frames in the
# traceback, and the frame of the function holding them appears once.
def lookup(table, key):
    return table[key]

def grid(rows, cols):
    names = {"a": 1, "b": 2}
    return [[lookup(names, r + c) for c in cols] for r in rows]

print(grid("ab", [""]))
cells = {k: grid(k, ["", "z"]) for k in ["a"]}
print(cells)
