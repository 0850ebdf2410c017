# itertools: iterator building blocks, as CPython 3.12's itertools module behaves
# (written in Python on the VM; CPython's is in C). Each tool is a class whose objects
# are their own iterators, so type() and reprs read as CPython's. Nothing here may
# consume an input earlier than CPython does: a tool that is lazy there is lazy here.

__all__ = ['accumulate', 'batched', 'chain', 'combinations',
           'combinations_with_replacement', 'compress', 'count', 'cycle',
           'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise',
           'permutations', 'product', 'repeat', 'starmap', 'takewhile', 'tee',
           'zip_longest']

_MAXSIZE = 9223372036854775807
_MARKER = object()


def _index_or_none(value, message):
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) or value is True or value is False:
        value = int(value)
        if 0 <= value <= _MAXSIZE:
            return value
    raise ValueError(message)


def _is_number(value):
    return isinstance(value, (int, float)) or hasattr(type(value), '__add__')


class count:
    def __init__(self, start=0, step=1):
        if not _is_number(start) or not _is_number(step) or isinstance(start, str) \
                or isinstance(step, str):
            raise TypeError('a number is required')
        self._next = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        value = self._next
        self._next = value + self._step
        return value

    def __repr__(self):
        if isinstance(self._step, int) and self._step == 1 and not isinstance(self._step, bool):
            return 'count(%r)' % (self._next,)
        return 'count(%r, %r)' % (self._next, self._step)


class cycle:
    def __init__(self, iterable, /):
        self._it = iter(iterable)
        self._saved = []
        self._index = -1

    def __iter__(self):
        return self

    def __next__(self):
        if self._index < 0:
            for element in self._it:
                self._saved.append(element)
                return element
            if not self._saved:
                raise StopIteration
            self._index = 0
        element = self._saved[self._index]
        self._index = (self._index + 1) % len(self._saved)
        return element


class repeat:
    def __init__(self, object=_MARKER, times=None):
        if object is _MARKER:
            raise TypeError("repeat() missing required argument 'object' (pos 1)")
        self._object = object
        if times is not None:
            if not isinstance(times, int):
                raise TypeError("'%s' object cannot be interpreted as an integer"
                                % type(times).__name__)
            times = max(times, 0)
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __length_hint__(self):
        if self._times is None:
            raise TypeError('len() of unsized object')
        return self._times

    def __repr__(self):
        if self._times is None:
            return 'repeat(%r)' % (self._object,)
        return 'repeat(%r, %d)' % (self._object, self._times)


def _add(a, b):
    return a + b


class accumulate:
    def __init__(self, iterable, func=None, *, initial=None):
        self._it = iter(iterable)
        self._func = func
        self._total = initial
        self._started = initial is not None
        self._pending_initial = initial is not None

    def __iter__(self):
        return self

    def __next__(self):
        if self._pending_initial:
            self._pending_initial = False
            return self._total
        element = next(self._it)
        if not self._started:
            self._started = True
            self._total = element
        elif self._func is None:
            self._total = self._total + element
        else:
            self._total = self._func(self._total, element)
        return self._total


class chain:
    def __init__(self, *iterables):
        self._source = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, iterable, /):
        self = cls.__new__(cls)
        self._source = iter(iterable)
        self._active = None
        return self

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._active is None:
                self._active = iter(next(self._source))
            for element in self._active:
                return element
            self._active = None


class compress:
    def __init__(self, data, selectors):
        self._data = iter(data)
        self._selectors = iter(selectors)

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            datum = next(self._data)
            if next(self._selectors):
                return datum


class dropwhile:
    def __init__(self, predicate, iterable, /):
        self._predicate = predicate
        self._it = iter(iterable)
        self._dropping = True

    def __iter__(self):
        return self

    def __next__(self):
        if self._dropping:
            for element in self._it:
                if not self._predicate(element):
                    self._dropping = False
                    return element
            raise StopIteration
        return next(self._it)


class takewhile:
    def __init__(self, predicate, iterable, /):
        self._predicate = predicate
        self._it = iter(iterable)
        self._done = False

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        element = next(self._it)
        if self._predicate(element):
            return element
        self._done = True
        raise StopIteration


class filterfalse:
    def __init__(self, function, iterable, /):
        self._function = function
        self._it = iter(iterable)

    def __iter__(self):
        return self

    def __next__(self):
        for element in self._it:
            if self._function is None:
                if not element:
                    return element
            elif not self._function(element):
                return element
        raise StopIteration


class _grouper:
    def __init__(self, parent, tgtkey):
        self._parent = parent
        self._tgtkey = tgtkey

    def __iter__(self):
        return self

    def __next__(self):
        parent = self._parent
        # A group is over once its groupby moved on to another group.
        if parent._current_grouper is not self:
            raise StopIteration
        if parent._currvalue is _MARKER:
            parent._advance()
        if parent._currkey != self._tgtkey:
            raise StopIteration
        value = parent._currvalue
        parent._currvalue = _MARKER
        return value




class groupby:
    def __init__(self, iterable, key=None):
        self._keyfunc = key
        self._it = iter(iterable)
        self._tgtkey = self._currkey = self._currvalue = _MARKER
        self._current_grouper = None

    def __iter__(self):
        return self

    def _advance(self):
        try:
            self._currvalue = next(self._it)
        except StopIteration:
            self._currvalue = _MARKER
            self._current_grouper = None
            raise
        if self._keyfunc is None:
            self._currkey = self._currvalue
        else:
            self._currkey = self._keyfunc(self._currvalue)

    def __next__(self):
        self._current_grouper = None
        while True:
            if self._currvalue is _MARKER:
                self._advance()
            if self._tgtkey is _MARKER or self._tgtkey != self._currkey:
                break
            self._currvalue = _MARKER
        self._tgtkey = self._currkey
        grouper = _grouper(self, self._tgtkey)
        self._current_grouper = grouper
        return (self._currkey, grouper)


class islice:
    def __init__(self, iterable, *args):
        if not args:
            raise TypeError('islice expected at least 2 arguments, got 1')
        if len(args) > 3:
            raise TypeError('islice expected at most 4 arguments, got %d' % (len(args) + 1))
        if len(args) == 1:
            start, stop, step = None, args[0], None
        elif len(args) == 2:
            start, stop, step = args[0], args[1], None
        else:
            start, stop, step = args
        indices = 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.'
        stop = _index_or_none(stop, 'Stop argument for islice() must be None or an '
                              'integer: 0 <= x <= sys.maxsize.')
        start = _index_or_none(start, indices)
        if step is not None:
            if not isinstance(step, int):
                raise ValueError('Step for islice() must be a positive integer or None.')
            if step <= 0:
                raise ValueError('Step for islice() must be a positive integer or None.')
        self._it = iter(iterable)
        self._next = 0 if start is None else start
        self._stop = stop
        self._step = 1 if step is None else step
        self._index = 0

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        stop = self._stop
        while self._index < self._next:
            if stop is not None and self._index >= stop:
                self._it = None
                raise StopIteration
            try:
                next(it)
            except StopIteration:
                self._it = None
                raise
            self._index += 1
        if stop is not None and self._index >= stop:
            self._it = None
            raise StopIteration
        try:
            element = next(it)
        except StopIteration:
            self._it = None
            raise
        self._index += 1
        self._next += self._step
        if stop is not None and self._next > stop:
            self._next = stop
        return element


class pairwise:
    def __init__(self, iterable, /):
        self._it = iter(iterable)
        self._old = _MARKER

    def __iter__(self):
        return self

    def __next__(self):
        if self._it is None:
            raise StopIteration
        try:
            if self._old is _MARKER:
                self._old = next(self._it)
            new = next(self._it)
        except StopIteration:
            self._it = None
            raise
        result = (self._old, new)
        self._old = new
        return result


class starmap:
    def __init__(self, function, iterable, /):
        self._function = function
        self._it = iter(iterable)

    def __iter__(self):
        return self

    def __next__(self):
        return self._function(*next(self._it))


class _tee_link:
    def __init__(self):
        self.value = _MARKER
        self.next = None


class _tee:
    def __init__(self, it, link):
        self._it = it
        self._link = link

    def __iter__(self):
        return self

    def __next__(self):
        link = self._link
        if link.next is None:
            link.value = next(self._it)
            link.next = _tee_link()
        self._link = link.next
        return link.value

    def __copy__(self):
        return _tee(self._it, self._link)


_tee.__name__ = _tee.__qualname__ = '_tee'


def tee(iterable, n=2, /):
    if not isinstance(n, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(n).__name__)
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    it = iter(iterable)
    if isinstance(it, _tee):
        first = it
    else:
        first = _tee(it, _tee_link())
    result = [first]
    for _ in range(n - 1):
        result.append(first.__copy__())
    return tuple(result)


class zip_longest:
    def __init__(self, *iterables, fillvalue=None):
        self._its = [iter(it) for it in iterables]
        self._active = len(self._its)
        self._fillvalue = fillvalue

    def __iter__(self):
        return self

    def __next__(self):
        if not self._its or not self._active:
            raise StopIteration
        values = []
        for i, it in enumerate(self._its):
            if it is None:
                values.append(self._fillvalue)
                continue
            try:
                values.append(next(it))
            except StopIteration:
                self._active -= 1
                if not self._active:
                    self._its = []
                    raise
                self._its[i] = None
                values.append(self._fillvalue)
        return tuple(values)


class product:
    def __init__(self, *iterables, repeat=1):
        if not isinstance(repeat, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(repeat).__name__)
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        pools = [tuple(pool) for pool in iterables] * repeat
        self._pools = pools
        self._indices = None
        self._done = any(len(pool) == 0 for pool in pools)

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        pools = self._pools
        if self._indices is None:
            self._indices = [0] * len(pools)
            return tuple(pool[0] for pool in pools)
        indices = self._indices
        i = len(pools) - 1
        while i >= 0:
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
            i -= 1
        else:
            self._done = True
            raise StopIteration
        return tuple(pool[k] for pool, k in zip(pools, indices))


def _check_r(r):
    if not isinstance(r, int):
        raise TypeError("Expected int as r")
    if r < 0:
        raise ValueError('r must be non-negative')
    return r


class combinations:
    def __init__(self, iterable, r):
        self._pool = tuple(iterable)
        self._r = _check_r(r)
        self._indices = None
        self._done = self._r > len(self._pool)

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        pool, r = self._pool, self._r
        if self._indices is None:
            self._indices = list(range(r))
            return tuple(pool[i] for i in self._indices)
        indices = self._indices
        n = len(pool)
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            self._done = True
            raise StopIteration
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        return tuple(pool[i] for i in indices)


class combinations_with_replacement:
    def __init__(self, iterable, r):
        self._pool = tuple(iterable)
        self._r = _check_r(r)
        self._indices = None
        self._done = not self._pool and self._r > 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        pool, r = self._pool, self._r
        if self._indices is None:
            self._indices = [0] * r
            return tuple(pool[i] for i in self._indices)
        indices = self._indices
        n = len(pool)
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            self._done = True
            raise StopIteration
        indices[i:] = [indices[i] + 1] * (r - i)
        return tuple(pool[i] for i in indices)


class permutations:
    def __init__(self, iterable, r=None):
        pool = tuple(iterable)
        n = len(pool)
        r = n if r is None else _check_r(r)
        self._pool = pool
        self._r = r
        self._indices = list(range(n))
        self._cycles = list(range(n, n - r, -1))
        self._started = False
        self._done = r > n

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        pool, r, indices, cycles = self._pool, self._r, self._indices, self._cycles
        if not self._started:
            self._started = True
            return tuple(pool[i] for i in indices[:r])
        n = len(pool)
        if not n:
            self._done = True
            raise StopIteration
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                return tuple(pool[i] for i in indices[:r])
        self._done = True
        raise StopIteration


class batched:
    def __init__(self, iterable, n):
        if not isinstance(n, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(n).__name__)
        if n < 1:
            raise ValueError('n must be at least one')
        self._it = iter(iterable)
        self._n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self._it is None:
            raise StopIteration
        batch = []
        for element in self._it:
            batch.append(element)
            if len(batch) == self._n:
                return tuple(batch)
        self._it = None
        if batch:
            return tuple(batch)
        raise StopIteration
