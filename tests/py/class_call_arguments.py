# A class without __init__ called with arguments: "C() takes no arguments", as object's
# own __init__ / __new__ decide in CPython; with an __init__ or __new__ somewhere, not.


class NoInit:
    pass


class Child(NoInit):
    pass


class WithInit:
    def __init__(self, x):
        self.x = x


class WithNew:
    def __new__(cls, *args):
        return super().__new__(cls)


class Sub(WithInit):
    pass


for make in (lambda: NoInit(1), lambda: NoInit(a=1), lambda: Child(1, 2),
             lambda: NoInit(), lambda: Sub(5).x, lambda: WithNew(1, 2).__class__.__name__,
             lambda: WithInit(), lambda: object(1)):
    try:
        print("ok", make() if not isinstance(make(), NoInit) else "instance")
    except TypeError as e:
        print("TypeError:", e)

NoInit(3)
