# Function decorators without functools.
def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper() + "!"
    return wrapper
def repeat(times):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return deco
calls = []
def logged(fn):
    def wrapper(*args):
        calls.append(fn.__name__)
        result = fn(*args)
        print(f"{fn.__name__}{args} -> {result}")
        return result
    return wrapper
@shout
def hello(name):
    return f"hello {name}"
@repeat(3)
def ping():
    return "ping"
@logged
def add(a, b):
    return a + b
@logged
@shout
def both(x):
    return x
print(hello("world"))
print(ping())
add(2, 3)
both("stacked")
print(calls, hello.__name__)
registry = {}
def register(fn):
    registry[fn.__name__] = fn
    return fn
@register
def one():
    return 1
@register
def two():
    return 2
print(sorted(registry), registry["two"]())
def count_calls(fn):
    def wrapper(*a):
        wrapper.calls += 1
        return fn(*a)
    wrapper.calls = 0
    return wrapper
@count_calls
def noop():
    pass
noop(); noop()
print("summary:", noop.calls, len(calls))
