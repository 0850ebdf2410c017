# collections: deque, ChainMap, namedtuple, OrderedDict, defaultdict, Counter and the
# User* wrappers, as CPython 3.12's collections module behaves. deque keeps its items in a Rust core (`_collections.deque_core`): every
# single operation is one atomic step there, so threads sharing a deque never lose an
# append, and popleft is O(1). This module must never take a lock of its own around a
# core operation or run Python code while a core is locked.

import _collections
import sys as _sys

__all__ = ['ChainMap', 'Counter', 'OrderedDict', 'UserDict', 'UserList',
           'UserString', 'defaultdict', 'deque', 'namedtuple']

_repr_running = set()


def _recursive_repr(method):
    # Shows [...] for a container already being shown on this thread.
    def wrapper(self):
        key = (id(self), _thread_ident())
        if key in _repr_running:
            return '[...]' if isinstance(self, deque) else '...'
        _repr_running.add(key)
        try:
            return method(self)
        finally:
            _repr_running.discard(key)
    return wrapper


def _thread_ident():
    try:
        import _thread
        return _thread.get_ident()
    except Exception:
        return 0


class _deque_iterator:
    def __init__(self, core, from_right=False):
        self._core = core
        self._state = core.state()
        self._position = 0
        self._from_right = from_right

    def __iter__(self):
        return self

    def __next__(self):
        item = self._core.next_item(self._position, self._state, self._from_right)
        self._position += 1
        return item

    def __length_hint__(self):
        return max(0, self._core.length() - self._position)


class _deque_reverse_iterator(_deque_iterator):
    def __init__(self, core):
        _deque_iterator.__init__(self, core, True)


def _not_supported(op, left, right):
    return TypeError("'%s' not supported between instances of '%s' and '%s'"
                     % (op, _type_name(left), _type_name(right)))


def _type_name(value):
    if type(value) is deque:
        return 'collections.deque'
    return type(value).__name__


class deque:
    def __init__(self, iterable=(), maxlen=None):
        self._core = _collections.deque_core(maxlen)
        if iterable is not ():
            self._core.extend(iterable)

    # -- the atomic operations: Rust functions bound as methods, each one step on
    # the core in self._core
    append = _collections.append
    appendleft = _collections.appendleft
    pop = _collections.pop
    popleft = _collections.popleft
    extend = _collections.extend
    extendleft = _collections.extendleft
    rotate = _collections.rotate
    clear = _collections.clear
    __len__ = _collections.__len__
    __bool__ = _collections.__bool__
    __getitem__ = _collections.__getitem__
    __setitem__ = _collections.__setitem__
    __delitem__ = _collections.__delitem__

    def reverse(self):
        self._core.reverse()

    def insert(self, i, x, /):
        self._core.insert(i, x)

    def _get_maxlen(self):
        return self._core.maxlen()

    def _set_maxlen(self, value):
        raise AttributeError("attribute 'maxlen' of 'collections.deque' objects is not writable")

    maxlen = property(_get_maxlen, _set_maxlen)

    def __iter__(self):
        return _deque_iterator(self._core)

    def __reversed__(self):
        return _deque_reverse_iterator(self._core)

    def __contains__(self, x):
        for item in self._core.snapshot():
            if item is x or item == x:
                return True
        return False

    # -- searches run on a snapshot: comparing may run Python code
    def count(self, x, /):
        n = 0
        for item in self._core.snapshot():
            if item is x or item == x:
                n += 1
        return n

    def index(self, x, start=0, stop=_sys.maxsize, /):
        items = self._core.snapshot()
        for i in range(*slice(start, stop).indices(len(items))):
            item = items[i]
            if item is x or item == x:
                return i
        raise ValueError('%r is not in deque' % (x,))

    def remove(self, value, /):
        items = self._core.snapshot()
        for i, item in enumerate(items):
            if item is value or item == value:
                self._core.delitem(i)
                return
        raise ValueError('%r is not in deque' % (value,))

    def copy(self):
        result = type(self).__new__(type(self))
        if type(self) is deque:
            result._core = _collections.deque_core(self._core.maxlen())
            result._core.extend(self._core.snapshot())
            return result
        return type(self)(self, self.maxlen)

    __copy__ = copy

    def __reduce__(self):
        return type(self), (list(self), self.maxlen)

    def __repr__(self):
        key = (id(self), _thread_ident())
        if key in _repr_running:
            return '[...]'
        _repr_running.add(key)
        try:
            # Item by item: a deque already being shown reads [...] as in CPython
            # (the VM's own guard would print ... for it).
            parts = []
            for item in self._core.snapshot():
                if isinstance(item, deque) and (id(item), key[1]) in _repr_running:
                    parts.append('[...]')
                else:
                    parts.append(repr(item))
        finally:
            _repr_running.discard(key)
        name = type(self).__name__
        maxlen = self._core.maxlen()
        if maxlen is None:
            return '%s([%s])' % (name, ', '.join(parts))
        return '%s([%s], maxlen=%d)' % (name, ', '.join(parts), maxlen)

    def __hash__(self):
        raise TypeError("unhashable type: '%s'" % _type_name(self))

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._core.snapshot() == other._core.snapshot()

    def __ne__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._core.snapshot() != other._core.snapshot()

    def __lt__(self, other):
        if not isinstance(other, deque):
            raise _not_supported('<', self, other)
        return self._core.snapshot() < other._core.snapshot()

    def __le__(self, other):
        if not isinstance(other, deque):
            raise _not_supported('<=', self, other)
        return self._core.snapshot() <= other._core.snapshot()

    def __gt__(self, other):
        if not isinstance(other, deque):
            raise _not_supported('>', self, other)
        return self._core.snapshot() > other._core.snapshot()

    def __ge__(self, other):
        if not isinstance(other, deque):
            raise _not_supported('>=', self, other)
        return self._core.snapshot() >= other._core.snapshot()

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque'
                            % type(other).__name__)
        result = self.copy()
        result._core.extend(other._core.snapshot())
        return result

    def __iadd__(self, other):
        self._core.extend(other)
        return self

    def __mul__(self, n):
        if not isinstance(n, int):
            raise TypeError("can't multiply sequence by non-int of type '%s'"
                            % type(n).__name__)
        result = self.copy()
        result._core.clear()
        result._core.extend(self._core.snapshot() * max(n, 0))
        return result

    __rmul__ = __mul__

    def __imul__(self, n):
        if not isinstance(n, int):
            raise TypeError("can't multiply sequence by non-int of type '%s'"
                            % type(n).__name__)
        items = self._core.snapshot()
        self._core.clear()
        self._core.extend(items * max(n, 0))
        return self


# ------------------------------------------------------------------ ChainMap


class ChainMap:
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]
            except KeyError:
                pass
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            d.update(dict.fromkeys(mapping))
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    @_recursive_repr
    def __repr__(self):
        return f'{self.__class__.__name__}({", ".join(map(repr, self.maps))})'

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError('No keys found in the first mapping.')

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def clear(self):
        self.maps[0].clear()

    def keys(self):
        return list(self)

    def items(self):
        return [(k, self[k]) for k in self]

    def values(self):
        return [self[k] for k in self]

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, other=(), /, **kwds):
        if hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def __eq__(self, other):
        if isinstance(other, ChainMap):
            other = dict(other.items())
        return dict(self.items()) == other

    def __or__(self, other):
        if not isinstance(other, (dict, ChainMap)):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(dict(other.items()) if isinstance(other, ChainMap) else other)
        return m

    def __ior__(self, other):
        self.maps[0].update(dict(other.items()) if isinstance(other, ChainMap) else other)
        return self


# ------------------------------------------------------------------ namedtuple

_KEYWORDS = frozenset([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break',
    'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for',
    'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
    'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'])


def _plural_names(names):
    quoted = ["'%s'" % n for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return '%s and %s' % tuple(quoted)
    return '%s, and %s' % (', '.join(quoted[:-1]), quoted[-1])


def _bind_fields(typename, fields, defaults, args, kwargs):
    # What CPython's generated `__new__(_cls, x, y, ...)` would accept, with its messages.
    where = typename + '.__new__()'
    n = len(fields)
    if len(args) > n:
        required = n - len(defaults)
        takes = ('%d positional argument%s' % (n + 1, '' if n + 1 == 1 else 's')
                 if required == n else
                 'from %d to %d positional arguments' % (required + 1, n + 1))
        raise TypeError('%s takes %s but %d were given' % (where, takes, len(args) + 1))
    values = list(args)
    for name in kwargs:
        if name not in fields:
            raise TypeError("%s got an unexpected keyword argument '%s'" % (where, name))
        if fields.index(name) < len(args):
            raise TypeError("%s got multiple values for argument '%s'" % (where, name))
    missing = []
    for i in range(len(args), n):
        name = fields[i]
        if name in kwargs:
            values.append(kwargs[name])
        elif name in defaults:
            values.append(defaults[name])
        else:
            missing.append(name)
            values.append(None)
    if missing:
        raise TypeError('%s missing %d required positional argument%s: %s'
                        % (where, len(missing), '' if len(missing) == 1 else 's',
                           _plural_names(missing)))
    return tuple(values)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS
                    or name.startswith('_') or name in seen):
                field_names[index] = f'_{index}'
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid '
                             f'identifiers: {name!r}')
        if name in _KEYWORDS:
            raise ValueError('Type names and field names cannot be a '
                             f'keyword: {name!r}')
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: '
                             f'{name!r}')
        if name in seen:
            raise ValueError(f'Encountered duplicate field name: {name!r}')
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        field_defaults = dict(reversed(list(zip(reversed(field_names),
                                                reversed(defaults)))))
    field_names = tuple(field_names)
    num_fields = len(field_names)
    repr_fmt = '(' + ', '.join(f'{name}=%r' for name in field_names) + ')'

    def __new__(_cls, *args, **kwargs):
        return tuple.__new__(_cls, _bind_fields(typename, field_names, field_defaults,
                                                args, kwargs))

    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f'Expected {num_fields} arguments, got {len(result)}')
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name) if name in kwds else getattr(self, name)
                             for name in field_names])
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return result

    def __repr__(self):
        return self.__class__.__name__ + repr_fmt % tuple(self)

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    if module is None:
        try:
            module = _sys._getframe(1).f_globals.get('__name__', '__main__')
        except (AttributeError, ValueError):
            module = '__main__'
    namespace = {
        '__module__': module,
        '__doc__': f'{typename}({", ".join(field_names)})',
        '__slots__': (),
        '_fields': field_names,
        '_field_defaults': field_defaults,
        '__new__': __new__,
        '_make': classmethod(_make),
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__match_args__': field_names,
    }
    for index, name in enumerate(field_names):
        namespace[name] = _tuplegetter(index, f'Alias for field number {index}')
    return type(typename, (tuple,), namespace)


class _tuplegetter:
    # A field of a namedtuple: reads item `index`, refuses writes as CPython's does.
    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance[self._index]

    def __set__(self, instance, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, instance):
        raise AttributeError("can't delete attribute")


# ------------------------------------------------------------------ OrderedDict


class OrderedDict(dict):
    # A dict keeps insertion order already; what OrderedDict adds is moving keys,
    # popping from either end and order-sensitive equality.

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        key = next(reversed(self)) if last else next(iter(self))
        value = dict.pop(self, key)
        return key, value

    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
            return
        rest = list(dict.items(self))
        dict.clear(self)
        dict.__setitem__(self, key, value)
        for k, v in rest:
            dict.__setitem__(self, k, v)

    def __repr__(self):
        if not self:
            return '%s()' % (self.__class__.__name__,)
        return '%s(%r)' % (self.__class__.__name__, dict(self.items()))

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    def copy(self):
        return self.__class__(self)

    __copy__ = copy

    def __reversed__(self):
        return reversed(list(dict.keys(self)))

    @classmethod
    def fromkeys(cls, iterable, value=None):
        self = cls()
        for key in iterable:
            self[key] = value
        return self

    def __reduce__(self):
        return self.__class__, (), None, None, iter(self.items())

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.__class__(self)
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.__class__(other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


# ------------------------------------------------------------------ defaultdict


class defaultdict(dict):
    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        factory = self.default_factory
        if factory is None:
            shown = 'None'
        elif isinstance(factory, defaultdict) and factory is self:
            shown = '...'
        else:
            shown = repr(factory)
        return '%s(%s, %r)' % (self.__class__.__name__, shown, dict(self.items()))

    def copy(self):
        return self.__class__(self.default_factory, self)

    __copy__ = copy

    def __reduce__(self):
        args = (self.default_factory,) if self.default_factory else ()
        return self.__class__, args, None, None, iter(self.items())

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.__class__(self.default_factory, other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


# ------------------------------------------------------------------ Counter


def _count_elements(mapping, iterable):
    get = mapping.get
    for elem in iterable:
        mapping[elem] = get(elem, 0) + 1


class Counter(dict):
    def __init__(self, iterable=None, /, **kwds):
        dict.__init__(self)
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        if n is None:
            return sorted(self.items(), key=_second, reverse=True)
        import heapq
        return heapq.nlargest(n, self.items(), key=_second)

    def elements(self):
        import itertools
        return itertools.chain.from_iterable(
            itertools.starmap(itertools.repeat, self.items()))

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                if self:
                    self_get = self.get
                    for elem, count in iterable.items():
                        self[elem] = count + self_get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                _count_elements(self, iterable)
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            self_get = self.get
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self_get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self_get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    __copy__ = copy

    def __reduce__(self):
        return self.__class__, (dict(self),)

    def __delitem__(self, elem):
        if elem in self:
            dict.__delitem__(self, elem)

    def __repr__(self):
        if not self:
            return f'{self.__class__.__name__}()'
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return f'{self.__class__.__name__}({d!r})'

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] <= other[e] for c in (self, other) for e in c)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] >= other[e] for c in (self, other) for e in c)

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def _keep_positive(self):
        nonpositive = [elem for elem, count in self.items() if not count > 0]
        for elem in nonpositive:
            del self[elem]
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, other_count in other.items():
            count = self[elem]
            if other_count > count:
                self[elem] = other_count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in self.items():
            other_count = other[elem]
            if other_count < count:
                self[elem] = other_count
        return self._keep_positive()


def _second(pair):
    return pair[1]


# ------------------------------------------------------------------ User* wrappers


class UserDict:
    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, '__missing__'):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return default

    def keys(self):
        return self.data.keys()

    def items(self):
        return self.data.items()

    def values(self):
        return self.data.values()

    def update(self, other=(), /, **kwds):
        if hasattr(other, 'keys'):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value

    def pop(self, key, *default):
        return self.data.pop(key, *default)

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def copy(self):
        return self.__class__(self.data)

    def __eq__(self, other):
        if isinstance(other, UserDict):
            other = other.data
        return self.data == other


class UserList:
    def __init__(self, initlist=None):
        self.data = [] if initlist is None else list(initlist)

    def __repr__(self):
        return repr(self.data)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        return self.data[i]

    def __setitem__(self, i, item):
        self.data[i] = item

    def __delitem__(self, i):
        del self.data[i]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, item):
        return item in self.data

    def __eq__(self, other):
        if isinstance(other, UserList):
            other = other.data
        return self.data == other

    def __add__(self, other):
        if isinstance(other, UserList):
            other = other.data
        return self.__class__(self.data + list(other))

    def append(self, item):
        self.data.append(item)

    def extend(self, other):
        self.data.extend(other)

    def insert(self, i, item):
        self.data.insert(i, item)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, item):
        self.data.remove(item)

    def index(self, item, *args):
        return self.data.index(item, *args)

    def count(self, item):
        return self.data.count(item)

    def sort(self, /, *args, **kwds):
        self.data.sort(*args, **kwds)

    def reverse(self):
        self.data.reverse()


class UserString:
    def __init__(self, seq):
        self.data = seq if isinstance(seq, str) else str(seq)

    def __str__(self):
        return str(self.data)

    def __repr__(self):
        return repr(self.data)

    def __len__(self):
        return len(self.data)

    def __eq__(self, other):
        if isinstance(other, UserString):
            other = other.data
        return self.data == other

    def __getitem__(self, index):
        return self.__class__(self.data[index])

    def __getattr__(self, name):
        return getattr(self.data, name)
