import copy

a = [1, [2, 3], {'k': [4]}]
b = copy.copy(a)
c = copy.deepcopy(a)
a[1].append('x')
a[2]['k'].append('y')
print(b, c)
print(b[1] is a[1], c[1] is a[1])
t = (1, 2)
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy(([1],)) == ([1],))
print(copy.copy(5), copy.copy('s'), copy.deepcopy(None), copy.copy(len) is len)
s = {1, 2}
print(copy.copy(s), copy.copy(s) is s, copy.deepcopy(frozenset({3})))
d = {'a': [1]}
d2 = copy.copy(d)
d2['a'].append(2)
print(d, d2 is d)

# Shared and cyclic structure is preserved.
shared = [0]
pair = [shared, shared]
cp = copy.deepcopy(pair)
print(cp[0] is cp[1], cp[0] is shared)
cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[1] is cc, cc[1] is cyc, repr(cc))


class Point:
    def __init__(self, x, tags):
        self.x = x
        self.tags = tags

    def __repr__(self):
        return 'Point(%r, %r)' % (self.x, self.tags)


p = Point(1, ['a'])
q = copy.copy(p)
r = copy.deepcopy(p)
p.tags.append('b')
print(q, r, type(r).__name__, q.tags is p.tags)


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        print('__copy__ called')
        return Custom(self.v + 1)

    def __deepcopy__(self, memo):
        print('__deepcopy__ called', type(memo).__name__)
        return Custom(copy.deepcopy(self.v, memo))


print(copy.copy(Custom(1)).v, copy.deepcopy(Custom([5])).v)
memo = {}
x = [1]
y = copy.deepcopy([x, x], memo)
print(y, id(x) in memo, memo[id(x)] is y[0])
print(copy.Error.__name__, issubclass(copy.Error, Exception), copy.error is copy.Error)
print('summary: copy ok')
