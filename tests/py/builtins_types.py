# Conversions, isinstance/issubclass, type, repr, callable, chr/ord, hex/oct/bin.
print(int("12"), float("1.5"), str(12), bool(""), list((1, 2)), tuple([3]), set([1, 1]))
print(repr("a"), repr(1.0), repr([None]), str("a"))
print(type(1), type("s"), type([]), type(None))
print(type(1).__name__, type(1.0).__name__, type({}).__name__, type(len).__name__)
print(isinstance(1, int), isinstance(1, (str, float)), isinstance(True, int), isinstance("x", (int, str)))
class A:
    pass
class B(A):
    pass
print(issubclass(B, A), issubclass(A, B), issubclass(bool, int), isinstance(B(), A))
print(type(B()) is B, type(B()) == A, B.__name__, type(B()).__name__)
print(callable(len), callable(A), callable(1), callable(lambda: 0), callable(A()))
print(chr(65), ord("z"), hex(4095), oct(64), bin(10), hex(0))
print(hash(5), hash(-3), hash(0), hash(True), hash("abc") == hash("ab" + "c"))
print(hash(2 ** 70) == hash(2 ** 70), hash(1.0) == hash(1))
x = [1]
y = x
print(id(x) == id(y), id(x) == id([1]))
obj = A()
setattr(obj, "color", "red")
print(hasattr(obj, "color"), hasattr(obj, "size"), getattr(obj, "color"), getattr(obj, "size", "n/a"))
delattr(obj, "color")
print(hasattr(obj, "color"))
print(int(), float(), str(), list(), dict(), tuple(), bool())
print(len("abc"), len([1]), len({}), len(range(4)))
print("summary:", isinstance(B(), (A, int)))
