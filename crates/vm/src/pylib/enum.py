"""threadplay's enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, member access
by value and by name, iteration, the functional API and 3.12's reprs and messages. Built
on a metaclass (EnumType) as CPython's is; members are made after the class body ran,
from the plain names it bound (class bodies here are ordinary dicts, so a name bound twice
is not reported as CPython's _EnumDict reports it)."""

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag',
           'ReprEnum', 'auto', 'unique', 'member', 'nonmember', 'property']

import builtins as _builtins


class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""

    def __init__(self, value=None):
        self.value = value if value is not None else _auto_null

    def __repr__(self):
        return "auto(%r)" % (self.value,)


class _AutoNull:
    def __repr__(self):
        return '_auto_null'


_auto_null = _AutoNull()


class member:
    def __init__(self, value):
        self.value = value


class nonmember:
    def __init__(self, value):
        self.value = value


property = _builtins.property


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1] != '_' and name[-2] != '_'


def _is_private(cls_name, name):
    pattern = '_%s__' % (cls_name.lstrip('_'),)
    return len(name) > len(pattern) and name.startswith(pattern) and not name.endswith('__')


def _is_descriptor(obj):
    return (hasattr(obj, '__get__') or hasattr(obj, '__set__') or hasattr(obj, '__delete__')
            or callable(obj) or isinstance(obj, (staticmethod, classmethod, _builtins.property)))


def _is_single_bit(num):
    if num == 0:
        return False
    num &= num - 1
    return num == 0


def _iter_bits_lsb(num):
    while num:
        b = num & (~num + 1)
        yield b
        num ^= b


_enum_ready = False


class EnumType(type):
    """Metaclass for Enum."""

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        if not _enum_ready:
            return super().__new__(metacls, cls, bases, classdict, **kwds)
        member_type, first_enum = metacls._get_mixins_(cls, bases)
        members = []
        body = {}
        for key, value in classdict.items():
            if isinstance(value, nonmember):
                body[key] = value.value
            elif isinstance(value, member):
                members.append((key, value.value))
            elif (_is_dunder(key) or _is_sunder(key) or _is_private(cls, key)
                  or _is_descriptor(value)):
                body[key] = value
            else:
                members.append((key, value))
        if '_generate_next_value_' in classdict:
            generate = classdict['_generate_next_value_']
            if isinstance(generate, staticmethod):
                generate = generate.__func__
        else:
            generate = first_enum._generate_next_value_
        if first_enum._member_names_:
            raise TypeError(f"<enum {cls!r}> cannot extend {first_enum!r}")
        body['_member_names_'] = []
        body['_member_map_'] = {}
        body['_value2member_map_'] = {}
        body['_member_type_'] = member_type
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        type.__setattr__(enum_class, '__members__', enum_class._member_map_)
        last_values = []
        for name, value in members:
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = generate(name, 1, len(last_values), last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                value = tuple([generate(name, 1, len(last_values), last_values[:])
                               if isinstance(v, auto) else v for v in value])
            last_values.append(value)
            enum_class._add_member_(name, value)
        if issubclass(enum_class, Flag):
            all_bits = 0
            for m in enum_class._member_map_.values():
                all_bits |= m._value_
            type.__setattr__(enum_class, '_flag_mask_', all_bits)
        return enum_class

    def _add_member_(cls, name, value):
        member_type = cls._member_type_
        args = value if isinstance(value, tuple) else (value,)
        if member_type is object:
            enum_member = object.__new__(cls)
            if not hasattr(enum_member, '_value_'):
                enum_member._value_ = value
        else:
            if member_type is tuple:
                args = (args,)
            enum_member = member_type.__new__(cls, *args)
            enum_member._value_ = member_type(*args) if isinstance(value, tuple) else value
        enum_member._name_ = name
        enum_member.__objclass__ = cls
        # A user's __init__ (Planet(mass, radius)) gets the value's items, as in CPython.
        for klass in cls.__mro__:
            if klass in _library_classes:
                break
            init = klass.__dict__.get('__init__')
            if init is not None:
                init(enum_member, *args)
                break
        value = enum_member._value_
        canonical = None
        for existing in cls._member_map_.values():
            if existing._value_ == value:
                canonical = existing
                break
        if canonical is not None:
            enum_member = canonical
        else:
            cls._member_names_.append(name)
        cls._member_map_[name] = enum_member
        try:
            cls._value2member_map_.setdefault(value, enum_member)
        except TypeError:
            pass
        type.__setattr__(cls, name, enum_member)

    @classmethod
    def _get_mixins_(metacls, class_name, bases):
        if not bases:
            return object, Enum
        last = bases[-1]
        if not isinstance(last, EnumType):
            raise TypeError("new enumerations should be created as "
                            "`EnumName([mixin_type, ...] [data_type,] enum_type)`")
        member_type = object
        for base in bases:
            for klass in base.__mro__:
                if klass is object or isinstance(klass, EnumType):
                    continue
                member_type = klass
                break
            if member_type is not object:
                break
        if member_type is object:
            member_type = getattr(last, '_member_type_', object)
        return member_type, last

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None,
                 start=1, boundary=None):
        if names is None:
            return Enum.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type,
                            start=start)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        bases = (cls,) if type is None else (type, cls)
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        classdict = {}
        if names and isinstance(names, (tuple, list)) and isinstance(names[0], str):
            original = names
            names = []
            last_values = []
            for count, name in enumerate(original):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        if isinstance(names, dict):
            names = list(names.items())
        for item in names:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        classdict['__module__'] = module or '__main__'
        if qualname is not None:
            classdict['__qualname__'] = qualname
        return EnumType.__new__(EnumType, class_name, bases, classdict)

    def __contains__(cls, value):
        if isinstance(value, cls):
            return True
        try:
            return value in cls._value2member_map_
        except TypeError:
            return any(value == m._value_ for m in cls._member_map_.values())

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError(f"{cls.__name__!r} cannot delete member {attr!r}.")
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return iter([cls._member_map_[name] for name in cls._member_names_])

    def __reversed__(cls):
        return iter([cls._member_map_[name] for name in reversed(cls._member_names_)])

    def __len__(cls):
        return len(cls._member_names_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __bool__(cls):
        return True

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get('_member_map_', {})
        if name in member_map:
            raise AttributeError(f'cannot reassign member {name!r}')
        super().__setattr__(name, value)


EnumMeta = EnumType
Flag = None


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for m in cls._member_map_.values():
            if m._value_ == value:
                return m
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        raise TypeError(f"error in {cls.__name__}._missing_: returned {result!r} "
                        f"instead of None or a valid member")

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start
        last_value = last_values[-1]
        try:
            return last_value + 1
        except TypeError:
            raise TypeError('unable to sort non-numeric values') from None

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return "<%s.%s: %s>" % (self.__class__.__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__', 'name', 'value']

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    @_builtins.property
    def name(self):
        return self._name_

    @_builtins.property
    def value(self):
        return self._value_

    _value_repr_ = None


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


class IntEnum(int, ReprEnum):
    __repr__ = Enum.__repr__

    def __str__(self):
        return repr(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return int(self) == other

    def __lt__(self, other):
        return int(self) < other

    def __le__(self, other):
        return int(self) <= other

    def __gt__(self, other):
        return int(self) > other

    def __ge__(self, other):
        return int(self) >= other


class StrEnum(str, ReprEnum):
    __repr__ = Enum.__repr__
    def __str__(self):
        return self._value_

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return str(self) == other

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


def _iter_members(cls, value):
    # A module function: a classmethod called from a classmethod of a class with a
    # metaclass is bound twice by threadplay today.
    return [m for m in [cls._member_map_[name] for name in cls._member_names_]
            if _is_single_bit(m._value_) and m._value_ & value == m._value_]


def _high_bit(value):
    return value.bit_length() - 1


class Flag(Enum):
    """Support for bit flags."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high_bit = _high_bit(last_value)
        except Exception:
            raise TypeError('invalid flag value %r' % last_value) from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        mask = cls._flag_mask_
        if cls._member_type_ is object and (value < 0 or value & ~mask):
            if value < 0:
                value = value & mask
            else:
                raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        pseudo._value_ = value
        names = [m._name_ for m in _iter_members(cls, value)]
        extra = value & ~mask if value >= 0 else 0
        if names:
            pseudo._name_ = '|'.join(names)
            if extra:
                pseudo._name_ += '|' + str(extra)
        elif extra:
            pseudo._name_ = None
        else:
            pseudo._name_ = None
        return cls._value2member_map_.setdefault(value, pseudo)

    def __iter__(self):
        return iter(list(_iter_members(self.__class__, self._value_)))

    def __len__(self):
        return bin(self._value_).count('1')

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(
                "unsupported operand type(s) for 'in': %r and %r" % (
                    type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return "<%s: %s>" % (cls_name, v_repr(self._value_))
        return "<%s.%s: %s>" % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return '%s(%r)' % (cls_name, self._value_)
        return "%s.%s" % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def _other_value(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if self._member_type_ is not object and isinstance(other, self._member_type_):
            return other
        return NotImplemented

    def __or__(self, other):
        value = self._other_value(other)
        if value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ | value)

    def __and__(self, other):
        value = self._other_value(other)
        if value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ & value)

    def __xor__(self, other):
        value = self._other_value(other)
        if value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ ^ value)

    def __invert__(self):
        return self.__class__(self._flag_mask_ ^ self._value_)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag):
    """Support for integer-based Flags."""

    def __str__(self):
        return repr(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return int(self) == other

    def __invert__(self):
        return self.__class__(self._flag_mask_ ^ self._value_)

    def __repr__(self):
        return Flag.__repr__(self)

    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__ror__
    __rand__ = Flag.__rand__
    __rxor__ = Flag.__rxor__
    __iter__ = Flag.__iter__
    __len__ = Flag.__len__
    __contains__ = Flag.__contains__
    __bool__ = Flag.__bool__


_library_classes = (Enum, ReprEnum, IntEnum, StrEnum, Flag, IntFlag)
for _base, _member_type in ((Enum, object), (ReprEnum, object), (IntEnum, int), (StrEnum, str),
                            (Flag, object), (IntFlag, int)):
    type.__setattr__(_base, '_member_names_', [])
    type.__setattr__(_base, '_member_map_', {})
    type.__setattr__(_base, '_value2member_map_', {})
    type.__setattr__(_base, '_member_type_', _member_type)
    type.__setattr__(_base, '__members__', {})
type.__setattr__(Flag, '_flag_mask_', 0)
type.__setattr__(IntFlag, '_flag_mask_', 0)
del _base, _member_type
_enum_ready = True


def unique(enumeration):
    duplicates = []
    for name, enum_member in enumeration.__members__.items():
        if name != enum_member.name:
            duplicates.append((name, enum_member.name))
    if duplicates:
        alias_details = ', '.join(
            ["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' %
                         (enumeration, alias_details))
    return enumeration
