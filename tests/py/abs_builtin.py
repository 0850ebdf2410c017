# abs() of ints (the smallest 64-bit one included), floats, bools, int subclasses, __abs__, and its errors.
import math
class A:
    def __abs__(self):
        return "absolute"
class I(int):
    pass
for v in (-3, 3, 0, -0.0, -2.5, float("-inf"), -9223372036854775808, -9223372036854775807, -2**80, True, False, I(-4), A()):
    r = abs(v)
    print("A()" if isinstance(v, A) else repr(v), repr(r), type(r).__name__)
print(math.isnan(abs(float("nan"))))
for bad in ("x", None, [1]):
    try:
        abs(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    abs()
except TypeError as e:
    print("TypeError:", e)
try:
    abs(1, 2)
except TypeError as e:
    print("TypeError:", e)
abs = lambda x: "shadowed"
print(abs(-1))
