# Long chains of objects are freed without trouble when the program lets go of them:
# lists, tuples, dicts, instances, closures, bound methods, exceptions and generators.
class Node:
    pass


def chain_of_nodes(n):
    prev = None
    for _ in range(n):
        node = Node()
        node.next = prev
        prev = node
    return prev


def chain_of_closures(n):
    f = lambda: 0
    for _ in range(n):
        f = (lambda g: lambda: g)(f)
    return f


def chain_of_generators(n):
    g = iter([1])
    for _ in range(n):
        g = (x for x in g)
    return g


def chain_of_exceptions(n):
    e = None
    for i in range(n):
        try:
            raise ValueError(i) from e
        except ValueError as err:
            e = err
    return e


a = []
for _ in range(100000):
    a = [a]
del a
print("list freed")

t = ()
for _ in range(100000):
    t = (t, 1)
t = None
print("tuple freed")

d = {}
for _ in range(100000):
    d = {"next": d}
d = 0
print("dict freed")

n = chain_of_nodes(200000)
n = None
print("nodes freed")

f = chain_of_closures(100000)
print(f() is not None)
f = None
print("closures freed")

g = chain_of_generators(100000)
g = None
print("generators freed")

class Holder:
    def get(self):
        return self.inner


m = None
for _ in range(100000):
    holder = Holder()
    holder.inner = m
    m = holder.get
print(m().__self__.get is not None)
m = holder = None
print("bound methods freed")

e = chain_of_exceptions(20000)
print(type(e).__name__, e.args, type(e.__cause__).__name__)
e = None
print("exceptions freed")

last = [[]]
for _ in range(100000):
    last = [last, last[0]]
last = None
print("summary: all freed")
