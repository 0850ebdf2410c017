class Plugin:
    registry = {}
    def __init_subclass__(cls, /, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry[cls.plugin_name] = cls
        print("registered", cls.plugin_name, cls.__qualname__)

class Csv(Plugin, name="csv"):
    pass
class Json(Plugin):
    pass
class Sub(Csv, name="sub"):
    pass
print(sorted(Plugin.registry), Csv.plugin_name, Sub.plugin_name, Json.plugin_name)
print("plugin_name" in Plugin.__dict__)

class Strict:
    pass
try:
    class Bad(Strict, flag=1):
        pass
except TypeError as e:
    print("TypeError:", e)

class Counted:
    count = 0
    @classmethod
    def __init_subclass__(cls, **kw):
        Counted.count += 1
        cls.kw = kw
class C1(Counted, a=1, b=2):
    pass
class C2(Counted):
    pass
print(Counted.count, C1.kw, C2.kw)

class Chain:
    def __init_subclass__(cls, **kw):
        print("Chain sees", cls.__name__, kw)
        super().__init_subclass__()
class Mixin:
    def __init_subclass__(cls, **kw):
        print("Mixin sees", cls.__name__)
        super().__init_subclass__(**kw)
class Both(Mixin, Chain, x=1):
    pass

class Desc:
    def __set_name__(self, owner, name):
        print("set_name before init_subclass:", owner.__name__, name)
class Parent:
    def __init_subclass__(cls):
        print("init_subclass", cls.__name__)
class Kid(Parent):
    d = Desc()

class Gen:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__}]"
print(Gen[int])
print(type(Plugin.__dict__["__init_subclass__"]).__name__)
print("summary: init_subclass ok")
