# Objects with __index__ as positions and slice bounds of str, list, tuple and range:
# reading, assigning and deleting; a dict key stays the object itself; a non-int result
# and a missing __index__ give CPython's TypeErrors.
class Pos:
    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


digits = list(range(10))
print(digits[Pos(3)], digits[Pos(-1)])
print(digits[Pos(2):Pos(8):Pos(3)], digits[Pos(7):None:Pos(-2)])
print("threadplay"[Pos(6)], "threadplay"[Pos(0):Pos(6)])
print((10, 20, 30, 40)[Pos(1):], (10, 20, 30)[Pos(2)])
print(range(0, 50, 5)[Pos(4)], range(0, 50, 5)[Pos(1):Pos(6):Pos(2)])

cells = list("abcdef")
cells[Pos(0)] = "A"
cells[Pos(1):Pos(3)] = ["x", "y", "z"]
del cells[Pos(-1)]
del cells[Pos(0):Pos(2)]
print(cells)

table = {Pos(1): "object key"}
print(len(table), table.get(1, "no int key"))


class Wrong:
    def __index__(self):
        return "3"


class Plain:
    pass


for probe in (
    lambda: digits[Wrong()],
    lambda: digits[Wrong():],
    lambda: digits[Plain()],
    lambda: digits[:Plain()],
    lambda: "abc"[Plain()],
):
    try:
        probe()
    except TypeError as error:
        print("TypeError:", error)

try:
    digits[Pos(99)]
except IndexError as error:
    print("IndexError:", error)
