# Built-in methods called with too few or too many arguments: each calling
# convention words its TypeError its own way.
calls = [
    lambda: 'abc'.upper(1),
    lambda: 'abc'.startswith(),
    lambda: 'abc'.find('a', 0, 1, 2),
    lambda: 'abc'.ljust(),
    lambda: 'abc'.replace('a'),
    lambda: 'abc'.split(',', 1, 2),
    lambda: 'abc'.join(),
    lambda: [1].append(),
    lambda: [1].append(1, 2),
    lambda: [1].insert(0),
    lambda: [1].pop(0, 1),
    lambda: [1].index(),
    lambda: [1].count(),
    lambda: [3, 1].sort(1),
    lambda: {}.get(),
    lambda: {}.get(1, 2, 3),
    lambda: {}.setdefault(),
    lambda: {}.pop(),
    lambda: {}.keys(1),
    lambda: dict.fromkeys(),
    lambda: {}.fromkeys(1, 2, 3),
    lambda: (1, 2).count(),
    lambda: (1, 2).index(),
    lambda: {1}.add(),
    lambda: {1}.issubset(),
    lambda: frozenset().isdisjoint(),
    lambda: (5).bit_length(1),
    lambda: (2.5).is_integer(0),
    lambda: float.fromhex(),
]
for call in calls:
    try:
        call()
        print('no error')
    except TypeError as e:
        print('TypeError:', e)
print((255).bit_count(), (-7).bit_count(), (10 ** 30).bit_count())
print(True.as_integer_ratio(), (5).is_integer(), (-3).as_integer_ratio())
s = {1, 2}
s.symmetric_difference_update([2, 3])
print(sorted(s))
print('summary: done')
