"""threadplay's types: the names of the built-in types a program can meet (FunctionType,
GeneratorType, ModuleType, ...) and SimpleNamespace, as CPython 3.12's types module has
them. Types threadplay has no objects for (code, frame, traceback, mappingproxy) are absent."""

import sys


def _f():
    pass


def _g():
    yield 1


async def _c():
    pass


class _C:
    def _m(self):
        pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
GeneratorType = type(_g())
_coroutine = _c()
CoroutineType = type(_coroutine)
_coroutine.close()
MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)

del _f, _g, _c, _C, _coroutine


class SimpleNamespace:
    __module__ = 'types'

    def __init__(self, /, *args, **kwargs):
        if args:
            raise TypeError("no positional arguments expected")
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __repr__(self):
        if _repr_running.get(id(self)):
            return f'{_ns_name(self)}(...)'
        _repr_running[id(self)] = True
        try:
            items = [f'{k}={v!r}' for k, v in self.__dict__.items()]
        finally:
            del _repr_running[id(self)]
        return f'{_ns_name(self)}({", ".join(items)})'

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    __hash__ = None


_repr_running = {}


def _ns_name(ns):
    return 'namespace' if type(ns) is SimpleNamespace else type(ns).__name__


def _arg_repr(obj):
    if obj is type(None) or obj is None:
        return 'None'
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    return repr(obj)


class GenericAlias:
    """`list[int]`: a built-in class subscripted, as in CPython."""

    def __init__(self, origin, args):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = ()

    def __repr__(self):
        if self.__args__ == ():
            args = '()'
        else:
            args = ', '.join([_arg_repr(a) for a in self.__args__])
        return f'{_arg_repr(self.__origin__)}[{args}]'

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __or__(self, other):
        return _union_type(self, other)

    def __ror__(self, other):
        return _union_type(other, self)

    def __getitem__(self, item):
        raise TypeError(f"{self!r} is not a generic class")


class UnionType:
    """`int | None`: the union of classes written with `|` (PEP 604)."""

    def __init__(self, args):
        self.__args__ = args

    def __repr__(self):
        return ' | '.join([_arg_repr(a) for a in self.__args__])

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        return _union_type(self, other)

    def __ror__(self, other):
        return _union_type(other, self)


def _union_type(left, right):
    for operand in (left, right):
        if not (operand is None or isinstance(operand, (type, GenericAlias, UnionType))):
            return NotImplemented
    args = []
    for operand in (left, right):
        if isinstance(operand, UnionType):
            parts = operand.__args__
        else:
            parts = (type(None) if operand is None else operand,)
        for part in parts:
            if part not in args:
                args.append(part)
    if len(args) == 1:
        return args[0]
    return UnionType(tuple(args))
