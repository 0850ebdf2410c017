"""threadplay's dataclasses: @dataclass (init, repr, eq, order, frozen, unsafe_hash,
kw_only, match_args), field(), fields(), asdict(), astuple(), replace(), is_dataclass(),
behaving as CPython 3.12's do, including their error messages. CPython writes the
generated methods as source text and exec()s it; threadplay has no exec, so the methods
here are closures that bind their arguments by hand with CPython's TypeError messages.
slots=True and make_dataclass are not supported."""

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY',
           'MISSING', 'fields', 'asdict', 'astuple', 'make_dataclass', 'replace',
           'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    pass


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    pass


KW_ONLY = _KW_ONLY_TYPE()


class _FIELD_BASE:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FIELD_BASE('_FIELD')
_FIELD_CLASSVAR = _FIELD_BASE('_FIELD_CLASSVAR')
_FIELD_INITVAR = _FIELD_BASE('_FIELD_INITVAR')

_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'


class InitVar:
    def __init__(self, type):
        self.type = type

    def __repr__(self):
        if isinstance(self.type, type):
            type_name = self.type.__name__
        else:
            type_name = repr(self.type)
        return f'dataclasses.InitVar[{type_name}]'

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata,
                 kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field('
                f'name={self.name!r},'
                f'type={self.type!r},'
                f'default={self.default!r},'
                f'default_factory={self.default_factory!r},'
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'hash={self.hash!r},'
                f'compare={self.compare!r},'
                f'metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},'
                f'_field_type={self._field_type}'
                ')')

    def __set_name__(self, owner, name):
        func = getattr(type(self.default), '__set_name__', None)
        if func:
            func(self.default, owner, name)


class _DataclassParams:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ('_DataclassParams('
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'eq={self.eq!r},'
                f'order={self.order!r},'
                f'unsafe_hash={self.unsafe_hash!r},'
                f'frozen={self.frozen!r}'
                ')')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(a_type):
    if isinstance(a_type, str):
        return a_type.startswith('ClassVar') or a_type.startswith('typing.ClassVar')
    name = getattr(a_type, '_name', None) or getattr(a_type, '__name__', None)
    origin = getattr(a_type, '__origin__', None)
    return name == 'ClassVar' or getattr(origin, '_name', None) == 'ClassVar'


def _is_initvar(a_type):
    if isinstance(a_type, str):
        return a_type.startswith('InitVar') or a_type.startswith('dataclasses.InitVar')
    return a_type is InitVar or isinstance(a_type, InitVar)


def _get_field(cls, a_name, a_type, default_kw_only):
    default = cls.__dict__.get(a_name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = a_name
    f.type = a_type
    f._field_type = _FIELD
    if _is_classvar(a_type):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(a_type):
        f._field_type = _FIELD_INITVAR
    if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR):
        if f.default_factory is not MISSING:
            raise TypeError(f'field {f.name} cannot have a default factory')
    if f._field_type in (_FIELD, _FIELD_INITVAR):
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        if f.kw_only is not MISSING:
            raise TypeError(f'field {f.name} is a ClassVar but specifies kw_only')
    if f._field_type is _FIELD and f.default is not MISSING and _unhashable(f.default):
        raise ValueError(f'mutable default {type(f.default)} for field '
                         f'{f.name} is not allowed: use default_factory')
    return f


def _unhashable(value):
    if isinstance(value, (list, dict, set)):
        return True
    try:
        hash(value)
    except TypeError:
        return True
    return False


def _names(names):
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f'{quoted[0]} and {quoted[1]}'
    return ', '.join(quoted[:-1]) + ', and ' + quoted[-1]


def _plural(n, word):
    return f'{n} {word}' + ('' if n == 1 else 's')


def _bind(qualname, positional, keyword_only, args, kwargs):
    """Binds the arguments of a generated __init__ as CPython's call machinery would:
    `positional`/`keyword_only` are lists of (name, has_default)."""
    values = {}
    if len(args) > len(positional):
        required = sum(1 for _, has_default in positional if not has_default)
        total = len(positional)
        if required == total:
            takes = _plural(total + 1, 'positional argument')
        else:
            takes = f'from {required + 1} to {total + 1} positional arguments'
        given = len(args) + 1
        raise TypeError(f'{qualname}() takes {takes} but {given} '
                        f'{"was" if given == 1 else "were"} given')
    for (name, _), value in zip(positional, args):
        values[name] = value
    known = set(name for name, _ in positional) | set(name for name, _ in keyword_only)
    for name, value in kwargs.items():
        if name not in known:
            raise TypeError(f"{qualname}() got an unexpected keyword argument '{name}'")
        if name in values:
            raise TypeError(f"{qualname}() got multiple values for argument '{name}'")
        values[name] = value
    missing = [name for name, has_default in positional
               if not has_default and name not in values]
    if missing:
        raise TypeError(f'{qualname}() missing {_plural(len(missing), "required positional argument")}: '
                        f'{_names(missing)}')
    missing = [name for name, has_default in keyword_only
               if not has_default and name not in values]
    if missing:
        raise TypeError(f'{qualname}() missing {_plural(len(missing), "required keyword-only argument")}: '
                        f'{_names(missing)}')
    return values


def _set_qualname(cls, func, name):
    func.__name__ = name
    func.__qualname__ = f'{cls.__qualname__}.{name}'
    return func


def _make_init(cls, all_fields, frozen, has_post_init):
    init_fields = [f for f in all_fields if f._field_type in (_FIELD, _FIELD_INITVAR)]
    positional = []
    keyword_only = []
    seen_default = None
    for f in init_fields:
        if not f.init:
            continue
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if f.kw_only:
            keyword_only.append((f.name, has_default))
            continue
        if has_default:
            seen_default = f.name
        elif seen_default is not None:
            raise TypeError(f'non-default argument {f.name!r} follows default argument')
        positional.append((f.name, has_default))
    initvar_names = [f.name for f in init_fields if f._field_type is _FIELD_INITVAR]
    qualname = f'{cls.__qualname__}.__init__'

    def __init__(self, *args, **kwargs):
        values = _bind(qualname, positional, keyword_only, args, kwargs)
        for f in init_fields:
            if f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                if not f.init or f._field_type is _FIELD_INITVAR:
                    if f._field_type is _FIELD_INITVAR:
                        values[f.name] = f.default
                    continue
                value = f.default
            else:
                continue
            if f._field_type is _FIELD_INITVAR:
                values[f.name] = value
                continue
            if frozen:
                object.__setattr__(self, f.name, value)
            else:
                setattr(self, f.name, value)
        if has_post_init:
            self.__post_init__(*[values.get(name) for name in initvar_names])

    return _set_qualname(cls, __init__, '__init__')


_repr_running = set()


def _make_repr(cls, repr_fields):
    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return '...'
        _repr_running.add(key)
        try:
            parts = [f'{f.name}={getattr(self, f.name)!r}' for f in repr_fields]
        finally:
            _repr_running.discard(key)
        return f'{type(self).__qualname__}({", ".join(parts)})'
    return _set_qualname(cls, __repr__, '__repr__')


def _tuple_of(self, compare_fields):
    return tuple([getattr(self, f.name) for f in compare_fields])


def _make_eq(cls, compare_fields):
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return _tuple_of(self, compare_fields) == _tuple_of(other, compare_fields)
        return NotImplemented
    return _set_qualname(cls, __eq__, '__eq__')


def _make_order(cls, compare_fields, name):
    def compare(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        a = _tuple_of(self, compare_fields)
        b = _tuple_of(other, compare_fields)
        if name == '__lt__':
            return a < b
        if name == '__le__':
            return a <= b
        if name == '__gt__':
            return a > b
        return a >= b
    return _set_qualname(cls, compare, name)


def _make_hash(cls, hash_fields):
    def __hash__(self):
        return hash(_tuple_of(self, hash_fields))
    return _set_qualname(cls, __hash__, '__hash__')


def _make_frozen(cls, field_names):
    def __setattr__(self, name, value):
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError(f'cannot assign to field {name!r}')
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError(f'cannot delete field {name!r}')
        super(cls, self).__delattr__(name)
    return (_set_qualname(cls, __setattr__, '__setattr__'),
            _set_qualname(cls, __delattr__, '__delattr__'))


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args,
                   kw_only, slots):
    if slots:
        raise NotImplementedError("threadplay's dataclasses do not support slots=True")
    fields = {}
    setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order, unsafe_hash, frozen))
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        base_fields = getattr(b, _FIELDS, None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if getattr(b, _PARAMS).frozen:
                any_frozen_base = True
    cls_annotations = cls.__dict__.get('__annotations__', {})
    cls_fields = []
    kw_only_now = kw_only
    for name, a_type in cls_annotations.items():
        if a_type is KW_ONLY or (isinstance(a_type, str) and a_type in ('KW_ONLY', 'dataclasses.KW_ONLY')):
            kw_only_now = True
            continue
        cls_fields.append(_get_field(cls, name, a_type, kw_only_now))
    for f in cls_fields:
        fields[f.name] = f
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in cls_annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')
    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')
    setattr(cls, _FIELDS, fields)

    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or
                             (class_hash is None and '__eq__' in cls.__dict__))
    if order and not eq:
        raise ValueError('eq must be true if order is true')

    all_fields = list(fields.values())
    std_fields = [f for f in all_fields if f._field_type is _FIELD]
    if init:
        has_post_init = hasattr(cls, '__post_init__')
        cls.__init__ = _make_init(cls, all_fields, frozen, has_post_init)
    if repr:
        if '__repr__' not in cls.__dict__:
            cls.__repr__ = _make_repr(cls, [f for f in std_fields if f.repr])
    compare_fields = [f for f in std_fields if f.compare]
    if eq:
        if '__eq__' not in cls.__dict__:
            cls.__eq__ = _make_eq(cls, compare_fields)
    if order:
        for name in ('__lt__', '__le__', '__gt__', '__ge__'):
            if name in cls.__dict__:
                raise TypeError(f'Cannot overwrite attribute {name} in class {cls.__name__}. '
                                f'Consider using functools.total_ordering')
            setattr(cls, name, _make_order(cls, compare_fields, name))
    if frozen:
        for name in ('__setattr__', '__delattr__'):
            if name in cls.__dict__:
                raise TypeError(f'Cannot overwrite attribute {name} in class {cls.__name__}')
        setter, deleter = _make_frozen(cls, set(f.name for f in std_fields))
        cls.__setattr__ = setter
        cls.__delattr__ = deleter
    hash_fields = [f for f in std_fields if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError(f'Cannot overwrite attribute __hash__ in class {cls.__name__}')
        cls.__hash__ = _make_hash(cls, hash_fields)
    elif eq and frozen:
        if not has_explicit_hash:
            cls.__hash__ = _make_hash(cls, hash_fields)
    elif eq:
        if not has_explicit_hash:
            cls.__hash__ = None
    if not getattr(cls, '__doc__', None):
        cls.__doc__ = cls.__name__ + '(' + ', '.join(
            [f.name + ': ' + _type_name(f.type) for f in std_fields if f.init]) + ')'
    if match_args and '__match_args__' not in cls.__dict__:
        cls.__match_args__ = tuple([f.name for f in std_fields if f.init and not f.kw_only])
    return cls


def _type_name(t):
    if isinstance(t, type):
        return t.__name__
    return repr(t) if not isinstance(t, str) else t


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
              slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                              match_args, kw_only, slots)
    if cls is None:
        return wrap
    return wrap(cls)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def fields(class_or_instance):
    try:
        fields = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple([f for f in fields.values() if f._field_type is _FIELD])


def asdict(obj, *, dict_factory=dict):
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory))
                          for k, v in obj.items()])
    return obj


def astuple(obj, *, tuple_factory=tuple):
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                          for k, v in obj.items()])
    return obj


def replace(obj, /, **changes):
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in getattr(obj, _FIELDS).values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with '
                                 f'init=False, it cannot be specified with '
                                 f'replace()')
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} "
                                 f'must be specified with replace()')
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(*args, **kwargs):
    raise NotImplementedError("threadplay's dataclasses do not support make_dataclass()")
