# del on names, items, slices and attributes.
x = 1
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
lst = [0, 1, 2, 3, 4, 5]
del lst[0]
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError:", e)
class Obj:
    cls_attr = "c"
o = Obj()
o.v = 5
o.w = 6
del o.v
print(hasattr(o, "v"), o.w)
try:
    del o.nothing
except AttributeError as e:
    print("AttributeError:", e)
a, b = 1, 2
del a, b
print("a" in dir(), "b" in dir())
nested = {"k": [1, 2, 3]}
del nested["k"][0]
print(nested)
print("summary:", lst, d)
