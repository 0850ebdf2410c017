import itertools as it
from itertools import islice

print(list(islice(it.count(), 4)), list(islice(it.count(10, -2.5), 3)))
c = it.count(5)
next(c)
print(repr(c), repr(it.count(1, 3)), repr(it.count(2.5)))
print(list(islice(it.cycle('ab'), 5)), list(it.cycle([])))
r = it.repeat('x', 3)
print(repr(r), list(r), repr(r), repr(it.repeat(7)), list(it.repeat(1, -2)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([3, 1, 4], max)))
print(list(it.accumulate([1, 2], initial=100)), list(it.accumulate([], initial=0)))
print(list(it.chain('ab', [1], ())), list(it.chain.from_iterable(['xy', 'z'])))
print(list(it.compress('ABCDEF', [1, 0, 1, 0, 1, 1])))
print(list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(7))), list(it.filterfalse(None, [0, 1, '', 'a'])))
print([(k, list(g)) for k, g in it.groupby('aaabccaa')])
print([(k, len(list(g))) for k, g in it.groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
groups = it.groupby('xxyz')
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)))
print(list(islice('ABCDEFG', 0, None, 2)), list(islice(range(100), 10, 20, 3)))
print(list(it.pairwise('ABCD')), list(it.pairwise('A')))
print(list(it.starmap(pow, [(2, 5), (3, 2)])))
a, b = it.tee(iter([1, 2, 3]))
print(next(a), next(a), list(b), list(a), len(it.tee('ab', 3)))
print(list(it.zip_longest('ABCD', 'xy', fillvalue='-')), list(it.zip_longest()))
print(list(it.product('ab', range(2))), list(it.product([0, 1], repeat=2)))
print(list(it.product()), list(it.product('ab', [])))
print(list(it.permutations('abc', 2)), len(list(it.permutations(range(4)))))
print(list(it.combinations('ABCD', 2)), list(it.combinations(range(3), 5)))
print(list(it.combinations_with_replacement('ABC', 2)))
print(list(it.batched('ABCDEFG', 3)), list(it.batched([], 2)))
print(type(it.chain()).__name__, type(it.count()).__name__, type(it.islice([], 1)).__name__)
print(list(it.permutations([], 0)), list(it.combinations([], 0)), list(it.product([1], repeat=0)))
for bad in (lambda: islice('abc', -1), lambda: islice('abc', 1, 'x'),
            lambda: islice('abc', 0, 2, 0), lambda: it.batched('ab', 0),
            lambda: it.tee('a', -1), lambda: it.permutations('ab', -1),
            lambda: it.combinations('ab', -2), lambda: it.product('a', repeat=-1),
            lambda: it.count('a'), lambda: next(it.chain(1)), lambda: it.cycle(5),
            lambda: it.zip_longest([], 3)):
    try:
        bad()
        print('no error')
    except Exception as e:
        print(type(e).__name__, e)
print('summary: itertools ok')
