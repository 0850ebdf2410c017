"""threadplay's typing: enough of CPython 3.12's typing module that annotated programs
run, and that its objects print as CPython prints them (typing.List[int],
typing.Optional[str], ~T, ...). Nothing here checks types at run time, as in CPython.
Generic[T] and Protocol[T] as bases give a plain subclass of Generic (CPython uses
__mro_entries__, which threadplay lacks), so their __mro__ differs from CPython's."""

import sys
import types as _types

__all__ = [
    'Annotated', 'Any', 'AnyStr', 'Callable', 'ClassVar', 'Concatenate', 'Final',
    'ForwardRef', 'Generic', 'Literal', 'Optional', 'ParamSpec', 'Protocol', 'Tuple',
    'Type', 'TypeVar', 'TypeVarTuple', 'Union', 'AbstractSet', 'ByteString', 'Container',
    'ContextManager', 'Hashable', 'ItemsView', 'Iterable', 'Iterator', 'KeysView',
    'Mapping', 'MappingView', 'MutableMapping', 'MutableSequence', 'MutableSet',
    'Sequence', 'Sized', 'ValuesView', 'Awaitable', 'AsyncIterator', 'AsyncIterable',
    'Coroutine', 'Collection', 'AsyncGenerator', 'AsyncContextManager', 'Reversible',
    'SupportsAbs', 'SupportsFloat', 'SupportsIndex', 'SupportsInt', 'SupportsRound',
    'ChainMap', 'Counter', 'Deque', 'Dict', 'DefaultDict', 'List', 'OrderedDict', 'Set',
    'FrozenSet', 'NamedTuple', 'TypedDict', 'Generator', 'cast', 'final',
    'get_args', 'get_origin', 'get_type_hints', 'is_typeddict', 'LiteralString', 'Never',
    'NewType', 'no_type_check', 'NoReturn', 'NotRequired', 'overload', 'override',
    'Required', 'reveal_type', 'runtime_checkable', 'Self', 'Text', 'TYPE_CHECKING',
    'TypeAlias', 'TypeGuard', 'assert_never', 'assert_type', 'Unpack',
]

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if obj is None or obj is type(None):
        return 'NoneType' if obj is type(None) else 'None'
    if isinstance(obj, _FunctionLike):
        return obj.__name__
    if isinstance(obj, (list, tuple)) and not isinstance(obj, _Final):
        return '[' + ', '.join([_type_repr(a) for a in obj]) + ']'
    return repr(obj)


class _FunctionLike:
    pass


class _Final:
    pass


def _type_check(arg, msg):
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg


def _tupleize(params):
    if not isinstance(params, tuple):
        return (params,)
    return params


class _SpecialForm(_Final):
    def __init__(self, name, getitem=None, doc=None):
        self._name = name
        self._getitem = getitem
        self.__doc__ = doc

    def __repr__(self):
        return 'typing.' + self._name

    def __reduce__(self):
        return self._name

    def __call__(self, *args, **kwds):
        if self._name == 'Any':
            raise TypeError("Any cannot be instantiated")
        raise TypeError(f"Cannot instantiate {self!r}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, parameters)


class _GenericAlias(_Final):
    """A subscripted generic (List[int], Union[int, str], Stack[T], ...)."""

    def __init__(self, origin, args, name=None, special_repr=None):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self._special_repr = special_repr
        self.__parameters__ = tuple([a for a in args if isinstance(a, TypeVar)])

    def __repr__(self):
        if self._special_repr is not None:
            return self._special_repr(self)
        if self._name:
            name = 'typing.' + self._name
        else:
            name = _type_repr(self.__origin__)
        if self.__args__ == ():
            args = '()'
        else:
            args = ', '.join([_type_repr(a) for a in self.__args__])
        return f'{name}[{args}]'

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        if self._name is not None or not isinstance(self.__origin__, type):
            raise TypeError(f"Type {self._name or _type_repr(self.__origin__)} cannot be instantiated; "
                            f"use {getattr(self.__origin__, '__name__', '?')}() instead")
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except Exception:
            pass
        return result

    def __getitem__(self, params):
        params = _tupleize(params)
        if not self.__parameters__:
            raise TypeError(f"{self} is not a generic class")
        if len(params) != len(self.__parameters__):
            raise TypeError(f"Too {'many' if len(params) > len(self.__parameters__) else 'few'} "
                            f"arguments for {self}; actual {len(params)}, expected "
                            f"{len(self.__parameters__)}")
        subst = dict(zip(self.__parameters__, params))
        args = tuple([subst.get(a, a) if isinstance(a, TypeVar) else a for a in self.__args__])
        return _GenericAlias(self.__origin__, args, self._name, self._special_repr)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class and instance checks")


class _SpecialGenericAlias(_Final):
    """An unsubscripted alias of a standard class: List, Dict, Iterable, Callable, ..."""

    def __init__(self, origin, nparams, name, variadic=False):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name
        self._variadic = variadic

    def __repr__(self):
        return 'typing.' + self._name

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Type {self._name} cannot be instantiated; "
                        f"use {self.__origin__.__name__}() instead")

    def __getitem__(self, params):
        params = _tupleize(params)
        if not self._variadic and len(params) != self._nparams:
            actual = len(params)
            raise TypeError(f"Too {'many' if actual > self._nparams else 'few'} arguments for "
                            f"{self}; actual {actual}, expected {self._nparams}")
        params = tuple([_type_check(p, '') for p in params])
        return _GenericAlias(self.__origin__, params, self._name)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __eq__(self, other):
        if isinstance(other, _SpecialGenericAlias):
            return self.__origin__ is other.__origin__ and self._name == other._name
        return NotImplemented

    def __hash__(self):
        return hash(self._name)


class _CallableSpecial(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as "
                            "Callable[[arg, ...], result].")
        args, result = params
        if isinstance(args, list):
            args = tuple([_type_check(a, '') for a in args])
        elif args is not ...:
            args = (_type_check(args, ''),)
        else:
            args = (...,)
        result = _type_check(result, '')
        return _GenericAlias(self.__origin__, args + (result,), self._name, _callable_repr)


def _callable_repr(alias):
    args = alias.__args__
    if len(args) == 2 and args[0] is ...:
        return f'typing.{alias._name}[..., {_type_repr(args[1])}]'
    return (f'typing.{alias._name}[[' + ', '.join([_type_repr(a) for a in args[:-1]]) +
            f'], {_type_repr(args[-1])}]')


class _TupleSpecial(_SpecialGenericAlias):
    def __getitem__(self, params):
        if params == ():
            return _GenericAlias(tuple, (), 'Tuple')
        params = _tupleize(params)
        return _GenericAlias(tuple, tuple([p if p is ... else _type_check(p, '') for p in params]),
                             'Tuple')


class _UnionGenericAlias(_GenericAlias):
    def __eq__(self, other):
        if not isinstance(other, _UnionGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


def _union_repr(alias):
    args = alias.__args__
    if len(args) == 2:
        if args[0] is type(None):
            return f'typing.Optional[{_type_repr(args[1])}]'
        if args[1] is type(None):
            return f'typing.Optional[{_type_repr(args[0])}]'
    return 'typing.Union[' + ', '.join([_type_repr(a) for a in args]) + ']'


def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    parameters = _tupleize(parameters)
    flat = []
    for p in parameters:
        p = _type_check(p, '')
        if isinstance(p, (_UnionGenericAlias, _types.UnionType)):
            flat.extend(p.__args__)
        else:
            flat.append(p)
    unique = []
    for p in flat:
        if p not in unique:
            unique.append(p)
    if len(unique) == 1:
        return unique[0]
    return _UnionGenericAlias(self, tuple(unique), 'Union', _union_repr)


def _optional_getitem(self, parameters):
    if isinstance(parameters, tuple):
        raise TypeError(f"{self} requires a single type. Got {parameters!r}.")
    arg = _type_check(parameters, '')
    return Union[arg, type(None)]


def _literal_getitem(self, parameters):
    parameters = _tupleize(parameters)
    unique = []
    for p in parameters:
        if not any(p == u and type(p) is type(u) for u in unique):
            unique.append(p)
    return _GenericAlias(self, tuple(unique), 'Literal', _literal_repr)


def _literal_repr(alias):
    return 'typing.Literal[' + ', '.join([repr(a) for a in alias.__args__]) + ']'


def _single_getitem(self, parameters):
    if isinstance(parameters, tuple):
        raise TypeError(f"{self} accepts only single type. Got {parameters!r}.")
    item = _type_check(parameters, '')
    return _GenericAlias(self, (item,), self._name)


def _annotated_getitem(self, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError("Annotated[...] should be used with at least two arguments "
                        "(a type and an annotation).")
    alias = _GenericAlias(self, (params[0],), 'Annotated', _annotated_repr)
    alias.__metadata__ = params[1:]
    alias.__origin__ = params[0]
    return alias


def _annotated_repr(alias):
    return (f'typing.Annotated[{_type_repr(alias.__args__[0])}, ' +
            ', '.join([repr(a) for a in alias.__metadata__]) + ']')


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union', _union_getitem)
Optional = _SpecialForm('Optional', _optional_getitem)
Literal = _SpecialForm('Literal', _literal_getitem)
ClassVar = _SpecialForm('ClassVar', _single_getitem)
Final = _SpecialForm('Final', _single_getitem)
TypeGuard = _SpecialForm('TypeGuard', _single_getitem)
Required = _SpecialForm('Required', _single_getitem)
NotRequired = _SpecialForm('NotRequired', _single_getitem)
Unpack = _SpecialForm('Unpack', _single_getitem)
Concatenate = _SpecialForm('Concatenate', lambda self, p: _GenericAlias(self, _tupleize(p), 'Concatenate'))
Annotated = _SpecialForm('Annotated', _annotated_getitem)


class TypeVar(_Final):
    __module__ = 'typing'

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False, infer_variance=False):
        self.__name__ = name
        if covariant and contravariant:
            raise ValueError("Bivariant type variables are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__constraints__ = constraints
        self.__bound__ = _type_check(bound, '') if bound is not None else None
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant
        self.__infer_variance__ = infer_variance

    def __repr__(self):
        if self.__infer_variance__:
            prefix = ''
        elif self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpec(TypeVar):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        TypeVar.__init__(self, name, bound=bound, covariant=covariant,
                         contravariant=contravariant)


class TypeVarTuple(_Final):
    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__


# CPython's AnyStr is constrained to (bytes, str); threadplay has no bytes.
AnyStr = TypeVar('AnyStr', str, str)


class ForwardRef(_Final):
    def __init__(self, arg, is_argument=True, module=None, *, is_class=False):
        if not isinstance(arg, str):
            raise TypeError(f"Forward reference must be a string -- got {arg!r}")
        self.__forward_arg__ = arg
        self.__forward_module__ = module

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        return self.__forward_arg__ == other.__forward_arg__

    def __hash__(self):
        return hash(self.__forward_arg__)

    def __repr__(self):
        return f'ForwardRef({self.__forward_arg__!r})'


class Generic:
    """Abstract base class for generic types."""
    __slots__ = ()
    _is_protocol = False

    def __class_getitem__(cls, params):
        params = _tupleize(params)
        if cls is Generic or cls is Protocol:
            for p in params:
                if not isinstance(p, (TypeVar, TypeVarTuple)):
                    raise TypeError(f"Parameters to {cls.__name__}[...] must all be type variables "
                                    f"or parameter specification variables.")
            if len(set(params)) != len(params):
                raise TypeError(f"Parameters to {cls.__name__}[...] must all be unique")
            base = _generic_bases.get((cls, params))
            if base is None:
                base = type(cls.__name__, (cls,), {'__parameters__': params,
                                                    '__module__': 'typing'})
                _generic_bases[(cls, params)] = base
            return base
        parameters = getattr(cls, '__parameters__', ())
        if not parameters:
            raise TypeError(f"{cls} is not a generic class")
        if len(params) != len(parameters):
            raise TypeError(f"Too {'many' if len(params) > len(parameters) else 'few'} arguments "
                            f"for {cls}; actual {len(params)}, expected {len(parameters)}")
        return _GenericAlias(cls, tuple([_type_check(p, '') for p in params]))


_generic_bases = {}


class Protocol(Generic):
    __slots__ = ()
    _is_protocol = True


def runtime_checkable(cls):
    cls._is_runtime_protocol = True
    return cls


def _alias(origin, nparams, name=None, variadic=False):
    return _SpecialGenericAlias(origin, nparams, name or origin.__name__.capitalize(), variadic)


class _Placeholder:
    pass


def _abc(name):
    cls = type(name, (_Placeholder,), {'__module__': 'collections.abc'})
    return cls


List = _alias(list, 1, 'List')
Dict = _alias(dict, 2, 'Dict')
Set = _alias(set, 1, 'Set')
FrozenSet = _alias(frozenset, 1, 'FrozenSet')
Tuple = _TupleSpecial(tuple, -1, 'Tuple', True)
Type = _alias(type, 1, 'Type')
Text = str
Callable = _CallableSpecial(_abc('Callable'), 2, 'Callable')
DefaultDict = _alias(_abc('defaultdict'), 2, 'DefaultDict')
OrderedDict = _alias(_abc('OrderedDict'), 2, 'OrderedDict')
Counter = _alias(_abc('Counter'), 1, 'Counter')
ChainMap = _alias(_abc('ChainMap'), 2, 'ChainMap')
Deque = _alias(_abc('deque'), 1, 'Deque')
Iterable = _alias(_abc('Iterable'), 1, 'Iterable')
Iterator = _alias(_abc('Iterator'), 1, 'Iterator')
Generator = _alias(_abc('Generator'), 3, 'Generator')
Sequence = _alias(_abc('Sequence'), 1, 'Sequence')
MutableSequence = _alias(_abc('MutableSequence'), 1, 'MutableSequence')
Mapping = _alias(_abc('Mapping'), 2, 'Mapping')
MutableMapping = _alias(_abc('MutableMapping'), 2, 'MutableMapping')
AbstractSet = _alias(_abc('AbstractSet'), 1, 'AbstractSet')
MutableSet = _alias(_abc('MutableSet'), 1, 'MutableSet')
Collection = _alias(_abc('Collection'), 1, 'Collection')
Container = _alias(_abc('Container'), 1, 'Container')
Reversible = _alias(_abc('Reversible'), 1, 'Reversible')
Awaitable = _alias(_abc('Awaitable'), 1, 'Awaitable')
Coroutine = _alias(_abc('Coroutine'), 3, 'Coroutine')
AsyncIterable = _alias(_abc('AsyncIterable'), 1, 'AsyncIterable')
AsyncIterator = _alias(_abc('AsyncIterator'), 1, 'AsyncIterator')
AsyncGenerator = _alias(_abc('AsyncGenerator'), 2, 'AsyncGenerator')
KeysView = _alias(_abc('KeysView'), 1, 'KeysView')
ItemsView = _alias(_abc('ItemsView'), 2, 'ItemsView')
ValuesView = _alias(_abc('ValuesView'), 1, 'ValuesView')
MappingView = _alias(_abc('MappingView'), 1, 'MappingView')
ContextManager = _alias(_abc('ContextManager'), 1, 'ContextManager')
AsyncContextManager = _alias(_abc('AsyncContextManager'), 1, 'AsyncContextManager')
Hashable = _abc('Hashable')
Sized = _abc('Sized')
ByteString = _abc('ByteString')

SupportsAbs = type('SupportsAbs', (Protocol,), {'__module__': 'typing'})
SupportsFloat = type('SupportsFloat', (Protocol,), {'__module__': 'typing'})
SupportsIndex = type('SupportsIndex', (Protocol,), {'__module__': 'typing'})
SupportsInt = type('SupportsInt', (Protocol,), {'__module__': 'typing'})
SupportsRound = type('SupportsRound', (Protocol,), {'__module__': 'typing'})
SupportsComplex = type('SupportsComplex', (Protocol,), {'__module__': 'typing'})
SupportsBytes = type('SupportsBytes', (Protocol,), {'__module__': 'typing'})


def cast(typ, val):
    return val


def assert_type(val, typ, /):
    return val


def assert_never(arg, /):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError(f"Expected code to be unreachable, but got: {value}")


def reveal_type(obj, /):
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. "
            "A series of @typing.overload-decorated functions "
            "outside a stub module should always be followed "
            "by an implementation that is not @typing.overload-ed.")
    return _overload_dummy


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def override(method, /):
    try:
        method.__override__ = True
    except (AttributeError, TypeError):
        pass
    return method


def no_type_check(arg):
    return arg


def get_origin(tp):
    if isinstance(tp, _types.UnionType):
        return _types.UnionType
    if isinstance(tp, _types.GenericAlias):
        return tp.__origin__
    if isinstance(tp, _GenericAlias):
        if tp._name == 'Annotated' and hasattr(tp, '__metadata__'):
            return Annotated
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, (_types.UnionType, _types.GenericAlias)):
        return tp.__args__
    if isinstance(tp, _GenericAlias):
        args = tp.__args__
        if tp._special_repr is _callable_repr and not (len(args) == 2 and args[0] is ...):
            return (list(args[:-1]), args[-1])
        if hasattr(tp, '__metadata__'):
            return (tp.__args__[0],) + tp.__metadata__
        return args
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            for name, value in ann.items():
                hints[name] = _type_check(value, '')
        return hints
    ann = getattr(obj, '__annotations__', None) or {}
    for name, value in ann.items():
        hints[name] = _type_check(value, '')
    return hints


class NewType:
    def __init__(self, name, tp):
        self.__qualname__ = name
        if '.' in name:
            name = name.rpartition('.')[-1]
        self.__name__ = name
        self.__supertype__ = tp
        self.__module__ = '__main__'

    def __repr__(self):
        return f'{self.__module__}.{self.__qualname__}'

    def __call__(self, x):
        return x

    def __or__(self, other):
        return Union[self, other]


def is_typeddict(tp):
    return isinstance(tp, type) and getattr(tp, '__total__', None) is not None and \
        getattr(tp, '_is_typeddict', False)


class _tuplegetter:
    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return obj[self._index]

    def __set__(self, obj, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, obj):
        raise AttributeError("can't delete attribute")

    def __repr__(self):
        return f'_tuplegetter({self._index}, {self.__doc__!r})'


def _make_nmtuple(name, types, defaults, module, namespace=None):
    """A tuple subclass with named fields, as collections.namedtuple builds it."""
    from dataclasses import _bind
    field_names = tuple(types)
    defaults = dict(defaults)
    positional = [(n, n in defaults) for n in field_names]
    qualname = f'{name}.__new__'

    def __new__(cls, *args, **kwargs):
        values = _bind(qualname, positional, [], args, kwargs)
        return tuple.__new__(cls, tuple([values[n] if n in values else defaults[n]
                                         for n in field_names]))

    def __repr__(self):
        return self.__class__.__name__ + '(' + ', '.join(
            [f'{n}={v!r}' for n, v in zip(field_names, self)]) + ')'

    def _asdict(self):
        return dict(zip(field_names, self))

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(n, v) for n, v in zip(field_names, self)])
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return result

    def _make(cls, iterable):
        result = tuple.__new__(cls, tuple(iterable))
        if len(result) != len(field_names):
            raise TypeError(f'Expected {len(field_names)} arguments, got {len(result)}')
        return result

    def __getnewargs__(self):
        return tuple(self)

    ns = {'__new__': __new__, '__repr__': __repr__, '_asdict': _asdict,
          '_replace': _replace, '_make': classmethod(_make), '__getnewargs__': __getnewargs__,
          '__slots__': (), '_fields': field_names,
          '_field_defaults': {n: defaults[n] for n in field_names if n in defaults},
          '__annotations__': dict(types), '__match_args__': field_names,
          '__module__': module}
    if namespace:
        for key, value in namespace.items():
            if key not in ('__annotations__', '__module__', '__qualname__') and key not in types:
                ns[key] = value
    for index, field_name in enumerate(field_names):
        ns[field_name] = _tuplegetter(index, f'Alias for field number {index}')
    return type(name, (tuple,), ns)


def _namedtuple_function(typename, fields=None, /, **kwargs):
    if fields is None:
        fields = list(kwargs.items())
    types = {n: _type_check(t, '') for n, t in fields}
    return _make_nmtuple(typename, types, {}, '__main__')


def _typeddict_function(typename, fields=None, /, *, total=True, **kwargs):
    if fields is None:
        fields = kwargs
    ns = {'__annotations__': dict(fields), '__module__': '__main__'}
    return _TypedDictMeta(typename, (), ns, total=total)


try:
    class NamedTupleMeta(type):
        def __new__(cls, typename, bases, ns):
            if not any(b is _NamedTuple for b in bases):
                return super().__new__(cls, typename, bases, ns)
            types = ns.get('__annotations__', {})
            defaults = {n: ns[n] for n in types if n in ns}
            seen_default = False
            for n in types:
                if n in defaults:
                    seen_default = True
                elif seen_default:
                    raise TypeError(f"Non-default namedtuple field {n} "
                                    f"cannot follow default field"
                                    f"{'s' if len(defaults) > 1 else ''} "
                                    f"{', '.join(defaults)}")
            return _make_nmtuple(typename, types, defaults, ns.get('__module__', '__main__'), ns)

        def __call__(cls, *args, **kwargs):
            if cls is _NamedTuple:
                return _namedtuple_function(*args, **kwargs)
            return super().__call__(*args, **kwargs)

    class _NamedTuple(metaclass=NamedTupleMeta):
        pass

    class _TypedDictMeta(type):
        def __new__(cls, name, bases, ns, total=True):
            own = dict(ns.get('__annotations__', {}))
            annotations = {}
            required = set()
            optional = set()
            for base in bases:
                annotations.update(base.__dict__.get('__annotations__', {}))
                required |= set(getattr(base, '__required_keys__', ()))
                optional |= set(getattr(base, '__optional_keys__', ()))
            annotations.update(own)
            for key in own:
                if total:
                    required.add(key)
                else:
                    optional.add(key)
            body = {'__annotations__': annotations, '__module__': ns.get('__module__', '__main__'),
                    '__required_keys__': frozenset(required),
                    '__optional_keys__': frozenset(optional), '__total__': total,
                    '_is_typeddict': True}
            return super().__new__(cls, name, (dict,), body)

        def __call__(cls, *args, **kwargs):
            if cls is _TypedDict:
                return _typeddict_function(*args, **kwargs)
            return dict(*args, **kwargs)

    class _TypedDict(metaclass=_TypedDictMeta):
        pass

    NamedTuple = _NamedTuple
    TypedDict = _TypedDict
except NotImplementedError:
    # Without metaclasses only the functional forms work.
    NamedTuple = _namedtuple_function

    def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
        raise NotImplementedError("threadplay's typing.TypedDict needs metaclasses")
