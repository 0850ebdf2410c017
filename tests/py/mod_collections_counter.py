from collections import Counter

words = 'the cat and the hat and the bat'.split()
c = Counter(words)
print(c)
print(c['the'], c['dog'], len(c), c.total(), 'dog' in c)
print(c.most_common(2), c.most_common()[-1], c.most_common(0))
print(sorted(c.elements())[:5], list(Counter(a=2, b=1).elements()))
c.update(['dog', 'the'])
c.update({'cat': 3})
print(c['the'], c['cat'], c['dog'])
c.subtract(['the'] * 5)
print(c['the'], +c == Counter({k: v for k, v in c.items() if v > 0}))
del c['nothing']
del c['dog']
print('dog' in c, sorted(c))
a = Counter(a=3, b=1, c=0)
b = Counter(a=1, b=2, d=-1)
print(a + b, a - b, a | b, a & b)
print(+a, -b, Counter('aab') == Counter('aba'), Counter(a=1) == Counter(a=1, b=0))
print(Counter(a=1) <= Counter(a=2), Counter(a=3) < Counter(a=2), Counter('ab') >= Counter('a'))
x = Counter(a=2)
x += Counter(a=-3, b=1)
print(x)
x -= Counter(b=5)
print(x, Counter(), repr(Counter(z=0)))
print(isinstance(c, dict), type(c).__name__, Counter('hello').most_common(1))
print(Counter({'x': 4, 'y': 1}), Counter(x=1, y=2) + Counter(y=1))
try:
    Counter.fromkeys('abc')
except NotImplementedError as e:
    print('NotImplementedError', e)
print(dict(Counter('mississippi')), sorted(Counter('mississippi').items()))
cc = c.copy()
cc['new'] += 1
print(cc['new'], c['new'], 'new' in c, type(cc).__name__)
print('summary: counter ok')
