# `x in some_list` compares position by position, identity first, and rereads the
# length each step, so an __eq__ that changes the list changes what is searched; mixed
# numbers compare by value; NaN is found as the same object though never equal.
import math

numbers = [1, 2.5, 10**30, True, "7", None]
print(2.5 in numbers, 10**30 in numbers, 1.0 in numbers, 7 in numbers, None in numbers)
print(float(10**30) in numbers, "7" in numbers, 0 in numbers, "" in numbers)

nan = math.nan
print(nan in [nan], nan in [1, 2, nan], nan == nan)

calls = []


class Shrinks:
    def __init__(self, name, victim):
        self.name = name
        self.victim = victim

    def __eq__(self, other):
        calls.append(self.name)
        if self.victim:
            self.victim.clear()
        return False


box = []
box.extend([Shrinks("a", box), Shrinks("b", None), 3])
print(3 in box, calls, len(box))


class Grows:
    def __eq__(self, other):
        calls.append("grow")
        if len(growing) < 6:
            growing.append(99)
        return False


calls.clear()
growing = [Grows(), 1]
print(99 in growing, calls, growing[-1])


class Always:
    def __eq__(self, other):
        return True


print("anything" in [1, Always()], Always() in [1, 2], [Always()].count(5))


class Broken:
    def __eq__(self, other):
        raise ValueError("no comparing")


try:
    print(5 in [1, Broken(), 5])
except ValueError as error:
    print("ValueError:", error)
print(5 in [5, Broken()])
