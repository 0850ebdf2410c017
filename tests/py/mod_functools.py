import functools
from functools import partial, reduce, lru_cache, cache, wraps, total_ordering, cmp_to_key


def power(base, exp, *, mod=None):
    return base ** exp if mod is None else pow(base, exp, mod)


square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=5)
print(square(7), cube_mod(4), square.args, square.keywords, square.func is power)
p2 = partial(partial(max, 1), 5)
print(p2(3), p2(9), p2.args, repr(partial(max, 1, key=abs)))
try:
    partial(5)
except TypeError as e:
    print('TypeError', e)

print(reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 'init'))
print(reduce(lambda acc, x: acc + [x * 2], range(3), []))
for bad in (lambda: reduce(max, []), lambda: reduce(max, 5)):
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)

calls = []


@lru_cache(maxsize=2)
def slow(n):
    calls.append(n)
    return n * 10


print([slow(x) for x in (1, 2, 1, 3, 2, 1)], calls)
print(slow.cache_info(), slow.cache_info().hits, slow.cache_parameters())
slow.cache_clear()
print(slow.cache_info(), slow.__name__, slow.__wrapped__.__name__)


@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())


@lru_cache
def ident(x, y=0):
    return (x, y)


print(ident(1), ident(1, y=2), ident(1), ident.cache_info())


@lru_cache(maxsize=None, typed=True)
def kind(x):
    return type(x).__name__


print(kind(1), kind(1.0), kind(True), kind.cache_info())
try:
    ident([1])
except TypeError as e:
    print('TypeError', e)
try:
    lru_cache('big')
except TypeError as e:
    print('TypeError', e)


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        print('calling', func.__name__)
        return func(*args, **kwargs)
    return wrapper


@logged
def greet(name):
    """Say hello."""
    return 'hello ' + name


print(greet('ann'), greet.__name__, greet.__wrapped__('bob'))


@total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __lt__(self, other):
        return self.n < other.n


a, b = Version(1), Version(2)
print(a < b, a > b, a <= b, a >= b, a <= Version(1), b >= a)
try:
    total_ordering(type('Bare', (), {}))
except ValueError as e:
    print('ValueError', e)


def by_length_then_alpha(x, y):
    if len(x) != len(y):
        return len(x) - len(y)
    return (x > y) - (x < y)


print(sorted(['ccc', 'a', 'bb', 'aa', 'b'], key=cmp_to_key(by_length_then_alpha)))
print(max(['xy', 'z', 'abc'], key=cmp_to_key(by_length_then_alpha)))


@functools.singledispatch
def describe(x):
    return 'thing'


@describe.register(int)
def _(x):
    return 'int %d' % x


describe.register(list, lambda x: 'list of %d' % len(x))
print(describe(3), describe([1, 2]), describe('s'), describe(True))
print('summary: functools ok')
