class Registry(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Registry.__new__", name, kw)
        return super().__new__(mcls, name, bases, ns)
    def __call__(cls, *args, **kw):
        print("Registry.__call__", cls.__name__, args)
        return super().__call__(*args, **kw)
class Base(metaclass=Registry):
    pass
Dyn = type("Dyn", (Base,), {"x": 1, "hello": lambda self: "hi"})
print(Dyn.x, Dyn().hello(), type(Dyn).__name__, Dyn.__name__, Dyn.__bases__)
Plain = type("Plain", (), {"y": 2})
print(Plain.y, Plain.__mro__, type(Plain))

class Sing(type):
    _instances = {}
    def __call__(cls, *args):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args)
        return cls._instances[cls]
class Config(metaclass=Sing):
    def __init__(self):
        print("Config init")
print(Config() is Config())

class Frozen(type):
    def __setattr__(cls, name, value):
        raise AttributeError(f"cannot reassign {name}")
class F(metaclass=Frozen):
    a = 1
try:
    F.a = 2
except AttributeError as e:
    print("AttributeError:", e)
print(F.a)

def func_meta(name, bases, ns):
    print("func_meta", name, sorted(k for k in ns if not k.startswith("__")))
    return 42
class Weird(metaclass=func_meta):
    z = 1
print(Weird)

class M1(type): pass
class M2(type): pass
class A1(metaclass=M1): pass
class A2(metaclass=M2): pass
try:
    class AB(A1, A2): pass
except TypeError as e:
    print("TypeError:", e)
class P(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return {"seeded": True}
class WithPrep(metaclass=P):
    pass
print(WithPrep.seeded)
print("summary: more metaclass ok")
