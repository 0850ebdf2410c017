# Comprehension scoping as 3.12 inlines list/set/dict comprehensions (PEP 709): the
# variables neither leak nor clobber outer ones (also when the comprehension raises).
x = "module x"
print([x for x in range(3)], x)
print([x for x in x][:3], {x: 1 for x in "ab"}, x)
y = 10
print([x + y for x in range(3)], sorted({x % 3 for x in range(9)}))

def func():
    x, n = "func x", 2
    squares = [x * x for x in range(4)]
    pairs = {(x, z) for x in range(n) for z in range(x)}
    table = {x: [x * z for z in range(n)] for x in range(3)}
    print(squares, sorted(pairs), table, x)
    try:
        [1 / (x - 2) for x in range(5)]
    except ZeroDivisionError as e:
        print("raised:", e, "| x still", x)
    print([(sorted(locals()), locals()["x"]) for x in range(1)], sorted(locals()))
    nested = [[x + z for x in range(z)] for z in range(3)]
    print(nested, x, [[x for x in range(2)] for x in range(2)], x)
    funcs = [lambda: x for x in range(3)]
    print([f() for f in funcs], [(lambda q: q + x)(1) for x in range(2)], x)
    gen = [sum(x * z for z in range(3)) for x in range(3)]
    print(gen, x)
func()

def no_leak():
    [leaked for leaked in range(2)]
    try:
        print(leaked)
    except NameError as e:
        print("NameError:", e)
no_leak()

def unbound_inside():
    try:
        print([w for v in range(2) for w in [w]])
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    w = 1
    return w
unbound_inside()

def outer():
    c = "cell"
    def inner():
        return [c + str(i) for i in range(2)]
    uses = [c * i for i in range(2)]
    return inner(), uses, [c for c in "xy"], c
print(outer())

def gen_func():
    yield [x * 2 for x in range(3)]
    x = 5
    yield [x + i for i in range(2)], x
print(list(gen_func()))

print("summary: ok")
