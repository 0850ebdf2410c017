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
