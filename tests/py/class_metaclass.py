class Registry(type):
    classes = []
    def __new__(mcls, name, bases, ns, **kw):
        print("Registry.__new__", name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        mcls.classes.append(name)
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("Registry.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kw):
        print("Registry.__call__", cls.__name__, args)
        return super().__call__(*args, **kw)
    def __iter__(cls):
        return iter(cls._members)
    def __len__(cls):
        return len(cls._members)
    def __contains__(cls, item):
        return item in cls._members
    def __getitem__(cls, key):
        return cls._members[key]
    def __repr__(cls):
        return f"<registered {cls.__name__}>"
    def describe(cls):
        return "described " + cls.__name__
    @property
    def count(cls):
        return len(cls._members)

class Base(metaclass=Registry):
    _members = [1, 2, 3]
    def __init__(self, v=0):
        self.v = v

class Child(Base, tag="x"):
    _members = ["a"]

print(type(Base).__name__, isinstance(Base, Registry), isinstance(Base, type), Registry.classes)
b = Base(5)
print(b.v, type(b).__name__, list(Base), len(Base), 2 in Base, Base[0], Base, repr(Child), Base.describe(), Base.count)
print(list(Child), len(Child), Child["0"[0:0] or 0], type(Child) is Registry)

print("summary: metaclass ok")
