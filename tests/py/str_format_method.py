# str.format with positional, keyword, index and attribute fields.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(3, 4)
print("{} and {}".format("a", "b"))
print("{1} before {0}".format("a", "b"))
print("{0}{1}{0}".format("ab", "-"))
print("{name} is {age}".format(name="Ann", age=30))
print("x={0.x} y={0.y}".format(p))
print("first={0[0]} key={1[k]}".format([10, 20], {"k": "v"}))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{:*^11}".format("mid"))
print("{:08.3f}".format(3.14159))
print("{:{w}.{p}f}".format(2.71828, w=10, p=2))
print("{:{}}|".format("ab", 5))
print("{!r} {!s}".format("q", "q"))
print("{{literal}} {}".format(1))
print("{:,}".format(1234567), "{:_}".format(1234567), "{:x}".format(255))
print("{0:b} {0:o} {0:#x} {0:#b}".format(10))
print("{:.2%}".format(0.4567))
print("{:+d} {:+d} {: d}".format(5, -5, 5))
d = {"a": 1, "b": 2}
print("{a}-{b}".format(**d))
print("{0[a]}".format(d))
print("summary:", "{}/{}".format(len("abc"), 3))
