# Defaults, *args, **kwargs, keyword-only and positional-only parameters.
def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"
print(greet("Ann"), greet("Bo", "Hi"), greet("Cy", punct="?"), greet(greeting="Yo", name="Di"))
def total(*args):
    return len(args), sum(args)
print(total(), total(1), total(1, 2, 3), total(*[4, 5]))
def show(**kwargs):
    return sorted(kwargs.items())
print(show(), show(a=1, b=2), show(**{"z": 26}))
def mixed(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(mixed(1, c=3))
print(mixed(1, 5, 6, 7, c=3, e=5))
def kwonly(*, key, flag=False):
    return key, flag
print(kwonly(key="k"), kwonly(flag=True, key=0))
def posonly(a, b, /, c):
    return a + b + c
print(posonly(1, 2, 3), posonly(1, 2, c=3))
def connect(host, port=80):
    return f"{host}:{port}"
opts = {"host": "example.org", "port": 8080}
print(connect(**opts), connect(*("local",)))
args = ("Alice",)
print(greet(*args))
def apply(fn, *args, **kwargs):
    return fn(*args, **kwargs)
print(apply(greet, "Ed", punct="."), apply(max, 3, 9, 2))
try:
    kwonly("k")
except TypeError as e:
    print("TypeError:", e)
try:
    posonly(1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
try:
    greet("x", name="y")
except TypeError as e:
    print("TypeError:", e)
try:
    greet("x", colour="red")
except TypeError as e:
    print("TypeError:", e)
print("summary:", mixed(0, c=0)[3:])
