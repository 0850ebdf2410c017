# in / not in, chained comparisons, identity.
x = 5
print(1 < x < 10, 1 < x > 3, 10 > x >= 5, 1 < 2 < 3 < 2, x == 5 == 5.0)
print(1 <= x <= 5, 0 < x != 6)
print(3 in [1, 2, 3], 3 in (1, 2), "a" in "cat", "at" in "cat", 1 in {1: "x"}, "x" in {1: "x"})
print(4 not in range(3), 2 in range(0, 10, 2), 3 in range(0, 10, 2))
calls = []
def val(n):
    calls.append(n)
    return n
print(val(1) < val(0) < val(5), calls)
print(None is None, None is not None, [] is [], () == ())
a = b = [1]
print(a is b, a == [1], a is not [1])
print(1 == 1.0, 0 == False, "1" == 1, True == 1)
print(max(1, 2) == 2 and min(1, 2) == 1 or False)
print((1, "a") == (1, "a"), [1, [2]] == [1, [2]])
print("abc" < "abd" < "b", [1, 2] < [1, 2, 0])
print("summary:", sum([1 < 2, 2 < 1, 3 in [3]]))
