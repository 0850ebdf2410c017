from collections import ChainMap, UserDict, UserList, UserString

defaults = {'color': 'red', 'user': 'guest', 'size': 1}
overrides = {'user': 'ann'}
cm = ChainMap(overrides, defaults)
print(cm['user'], cm['color'], len(cm), sorted(cm), 'size' in cm, 'zz' in cm)
print(cm, bool(cm), bool(ChainMap()), ChainMap())
cm['color'] = 'blue'
print(overrides, defaults['color'], cm.get('missing', '-'))
child = cm.new_child()
child['size'] = 99
print(child['size'], cm['size'], child.maps[0], len(child.maps), child.parents == cm)
print(sorted(child.items()), sorted(child.keys()), dict(child) == dict(child.items()))
del cm['color']
print(cm['color'], cm.pop('user'), cm.setdefault('new', 5), cm.maps[0])
for bad in (lambda: cm['nothing'], lambda: cm.__delitem__('size'),
            lambda: ChainMap().popitem(), lambda: cm.pop('size')):
    try:
        bad()
    except KeyError as e:
        print('KeyError', e)
merged = ChainMap({'a': 1}) | {'b': 2}
print(merged, type(merged).__name__, ChainMap.fromkeys('xy', 0))
print(ChainMap({1: 'one'}, {1: 'uno', 2: 'dos'}).copy())

ud = UserDict({'a': 1}, b=2)
ud['c'] = 3
print(ud, len(ud), ud['a'], 'b' in ud, ud.get('z', 0), sorted(ud.keys()), ud == {'a': 1, 'b': 2, 'c': 3})
ul = UserList([3, 1, 2])
ul.append(0)
ul.sort()
print(ul, len(ul), ul[1], ul[1:3], type(ul[1:3]).__name__, ul + [9], ul.pop(), ul.count(1))
us = UserString('hello')
print(us, repr(us), len(us), us.upper(), us[1:3], us == 'hello')
print('summary: chainmap ok')
