# copy: shallow and deep copies, as CPython 3.12's copy module makes them (written in
# Python on the VM): __copy__ / __deepcopy__ first, then the built-in containers, then a
# class instance rebuilt from its class and its __dict__. It must never copy what CPython
# treats as atomic (numbers, strings, functions, classes): those come back as they are.

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error

_FunctionType = type(lambda: None)
_BuiltinType = type(len)
_atomic = (type(None), int, float, bool, str, type, range,
           _FunctionType, _BuiltinType, type(Ellipsis), type(NotImplemented),
           type(property()))
# Types this VM may lack: only those it has join the table.
try:
    _atomic += (complex,)
except NameError:
    pass
try:
    _atomic += (bytes,)
except NameError:
    pass


def _unpicklable(x):
    name = type(x).__name__
    if name == 'lock':
        name = '_thread.lock'
    elif name == 'RLock':
        name = '_thread.RLock'
    return TypeError("cannot pickle '%s' object" % name)


def _is_plain_instance(x):
    cls = type(x)
    if cls.__module__ == 'builtins':
        return False
    try:
        x.__dict__
    except AttributeError:
        return False
    return True


def _new_like(x):
    cls = type(x)
    getnewargs = getattr(cls, '__getnewargs__', None)
    if getnewargs is not None:
        return cls.__new__(cls, *getnewargs(x))
    return cls.__new__(cls)


def _state_of(x):
    getstate = getattr(x, '__getstate__', None)
    if getstate is not None:
        try:
            return getstate(), True
        except TypeError:
            pass
    return x.__dict__, False


def _reduce(x):
    # A class's own __reduce_ex__ / __reduce__ (this VM's object has neither).
    cls = type(x)
    if cls.__module__ == 'builtins':
        return None
    reductor = getattr(cls, '__reduce_ex__', None)
    if reductor is not None:
        return reductor(x, 4)
    reductor = getattr(cls, '__reduce__', None)
    if reductor is not None:
        return reductor(x)
    return None


def copy(x):
    cls = type(x)
    if cls in _atomic or isinstance(x, frozenset) and cls is frozenset:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if cls is tuple:
        return x
    if issubclass(cls, type):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x)
    if isinstance(rv, tuple):
        return _reconstruct(x, None, *rv)
    if not _is_plain_instance(x):
        raise _unpicklable(x)
    y = _new_like(x)
    state, custom = _state_of(x)
    _set_state(y, state, custom, None)
    return y


def _set_state(y, state, custom, memo):
    if memo is not None:
        state = deepcopy(state, memo)
    if hasattr(y, '__setstate__'):
        y.__setstate__(state)
        return
    if isinstance(state, tuple) and len(state) == 2:
        state, slotstate = state
    else:
        slotstate = None
    if state:
        # Attribute by attribute: this VM's __dict__ may be a snapshot, not the dict.
        for key, value in state.items():
            setattr(y, key, value)
    if slotstate:
        for key, value in slotstate.items():
            setattr(y, key, value)


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic or issubclass(cls, type):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        y = [deepcopy(a, memo) for a in x]
        # A tuple that refers to itself through a list is already in the memo.
        try:
            return memo[d]
        except KeyError:
            pass
        for k, j in zip(x, y):
            if k is not j:
                y = tuple(y)
                break
        else:
            y = x
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for a in x:
            y.add(deepcopy(a, memo))
    elif cls is frozenset:
        y = frozenset(deepcopy(a, memo) for a in x)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x)
            if isinstance(rv, tuple):
                y = _reconstruct(x, memo, *rv)
            else:
                if not _is_plain_instance(x):
                    raise _unpicklable(x)
                y = _new_like(x)
                memo[d] = y
                state, custom = _state_of(x)
                _set_state(y, state, custom, memo)
    # The memo keeps x alive, so its id is not reused while the copy runs.
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None,
                 *, deepcopy=deepcopy):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        _set_state(y, state, True, memo)
    if listiter is not None:
        for item in listiter:
            if deep:
                item = deepcopy(item, memo)
            y.append(item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    return y
