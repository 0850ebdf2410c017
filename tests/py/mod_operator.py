import operator
from operator import itemgetter, attrgetter, methodcaller

print(operator.add(2, 3), operator.sub(2, 3), operator.mul('ab', 2))
print(operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3))
print(operator.pow(2, 10), operator.neg(4), operator.pos(-4), operator.abs(-9))
print(operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.inv(5))
print(operator.lshift(1, 4), operator.rshift(32, 2), operator.invert(0))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1.0), operator.ne(1, 2))
print(operator.gt(1, 2), operator.ge(3, 2), operator.not_([]), operator.truth([0]))
print(operator.is_(None, None), operator.is_not(1, None))
print(operator.concat([1], [2]), operator.contains('abc', 'b'))
print(operator.countOf([1, 2, 1, 1], 1), operator.indexOf('abc', 'c'))
lst = [1, 2, 3]
operator.setitem(lst, 0, 'x')
operator.delitem(lst, 1)
print(lst, operator.getitem(lst, -1), operator.index(7))
class Hinted:
    def __length_hint__(self):
        return 4


print(operator.length_hint([1, 2]), operator.length_hint(Hinted(), 5),
      operator.length_hint(object(), 5))
a = [1]
b = operator.iadd(a, [2])
print(a, b, a is b, operator.iadd(1, 2), operator.imul('x', 3))
print(operator.call(max, 3, 9, 4))

g = itemgetter(1)
print(g('abc'), g([10, 20]), repr(g))
g2 = itemgetter(0, 2)
print(g2('xyz'), repr(g2), itemgetter('k')({'k': 5}))
rows = [('b', 2), ('a', 3), ('c', 1)]
print(sorted(rows, key=itemgetter(1)))


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.inner = self if x == 0 else None

    def scaled(self, k, plus=0):
        return (self.x * k + plus, self.y * k + plus)


p = P(3, 4)
print(attrgetter('x')(p), attrgetter('x', 'y')(p), repr(attrgetter('x', 'y')))
print(attrgetter('inner.x')(P(0, 9)), repr(attrgetter('inner.x')))
m = methodcaller('scaled', 2, plus=1)
print(m(p), repr(m))
print(methodcaller('upper')('abc'), repr(methodcaller('split', ',')))
for bad in (lambda: operator.indexOf([1], 2), lambda: attrgetter('z')(p),
            lambda: itemgetter(5)([1]), lambda: operator.index(1.5),
            lambda: operator.concat(1, 2), lambda: attrgetter(1),
            lambda: methodcaller(3)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print('summary: operator ok')
