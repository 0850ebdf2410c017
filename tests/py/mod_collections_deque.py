from collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d.maxlen)
print(d.pop(), d.popleft(), d)
d.extend('ab')
d.extendleft([8, 9])
print(d, list(d), list(reversed(d)))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
print(d.count(2), d.index(2), 'a' in d, 'z' in d, d.index('a', 2))
d.remove('a')
d[0] = 'first'
del d[1]
d.insert(1, 'ins')
print(d)
d.clear()
print(d, bool(d), len(d))

bounded = deque(maxlen=3)
for i in range(6):
    bounded.append(i)
print(bounded, bounded.maxlen)
bounded.appendleft(-1)
print(bounded)
bounded.extend([10, 11])
print(bounded, deque('abcdef', 2), deque([], maxlen=0))
z = deque(maxlen=0)
z.append(1)
print(z, len(z))

a, b = deque([1, 2]), deque([1, 2])
print(a == b, a != b, a == [1, 2], a < deque([1, 3]), a >= b)
print(a + deque([3]), a * 2, 2 * a, deque('xy') == deque('xy'))
a += 'cd'
a *= 2
print(a, a.copy(), a.copy() is a)
r = deque(['x'])
r.append(r)
print(r)
print(type(d).__name__, deque.__module__, type(iter(d)).__name__, type(reversed(d)).__name__)
print(isinstance(d, deque), repr(deque('ab', maxlen=5)))


class Stack(deque):
    def peek(self):
        return self[-1]


s = Stack([1, 2], 4)
s.append(3)
print(s, s.peek(), isinstance(s, deque), s + Stack([9]))

dd = deque([1, 2, 3])
try:
    for x in dd:
        dd.append(x)
except RuntimeError as e:
    print('RuntimeError', e)
for bad in (lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1]).index(5),
            lambda: deque([1]).remove(5), lambda: deque(maxlen=-1), lambda: deque(maxlen='a'),
            lambda: deque([1])[3], lambda: deque([1])[0:1], lambda: deque([1], 1).insert(0, 2),
            lambda: deque([1]) + [2], lambda: deque([1]) < [1], lambda: hash(deque()),
            lambda: deque(5), lambda: deque([1]).rotate('a'), lambda: deque().append(),
            lambda: setattr(deque(), 'maxlen', 3) or 'set'):
    try:
        print('no error', bad())
    except Exception as e:
        print(type(e).__name__, e)
print('summary: deque ok')
