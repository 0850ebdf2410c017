from collections import defaultdict, OrderedDict

groups = defaultdict(list)
for word in ['apple', 'avocado', 'banana', 'blueberry', 'cherry']:
    groups[word[0]].append(word)
print(groups)
print(groups['a'], groups['z'], len(groups), 'q' in groups, groups.get('w'))
counts = defaultdict(int)
for ch in 'hello world':
    counts[ch] += 1
print(sorted(counts.items()), counts.default_factory)
nested = defaultdict(lambda: defaultdict(int))
nested['x']['y'] += 2
print(dict(nested['x']), isinstance(nested, dict))
plain = defaultdict()
try:
    plain['missing']
except KeyError as e:
    print('KeyError', e)
print(plain, defaultdict(None, {'a': 1}), defaultdict(int, a=1, b=2))
dcopy = groups.copy()
dcopy['new'].append(1)
print('new' in groups, dcopy.default_factory is list, type(dcopy).__name__)
try:
    defaultdict(5)
except TypeError as e:
    print('TypeError', e)
print(defaultdict(int, {'a': 1}) | {'b': 2})

od = OrderedDict()
od['one'] = 1
od['two'] = 2
od['three'] = 3
print(od, list(od.keys()))
od.move_to_end('one')
print(list(od))
od.move_to_end('three', last=False)
print(list(od), od.popitem(), od.popitem(last=False), od)
a = OrderedDict([('x', 1), ('y', 2)])
b = OrderedDict([('y', 2), ('x', 1)])
print(a == b, dict(a) == dict(b), a == {'y': 2, 'x': 1}, a != b)
print(OrderedDict(), OrderedDict.fromkeys('abc', 0), list(reversed(a)))
for bad in (lambda: OrderedDict().popitem(), lambda: a.move_to_end('zz')):
    try:
        bad()
    except KeyError as e:
        print('KeyError', e)
lru = OrderedDict()
for key in ['a', 'b', 'c', 'a', 'd']:
    if key in lru:
        lru.move_to_end(key)
    lru[key] = True
    if len(lru) > 3:
        lru.popitem(last=False)
print(list(lru), isinstance(lru, dict), a | {'z': 0})
print('summary: dicts ok')
