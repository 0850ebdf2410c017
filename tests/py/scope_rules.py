# Scoping: LEGB, UnboundLocalError, shadowing builtins, class scope.
x = "global"
def read_global():
    return x
def shadow_local():
    x = "local"
    return x
def broken():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = "assigned later"
    return x
print(read_global(), shadow_local(), x)
print(broken())
def enclosing():
    y = "enclosing"
    def inner():
        return y
    y = "changed before call"
    return inner()
print(enclosing())
def shadow_builtin():
    len = lambda s: -1
    return len("abc")
print(shadow_builtin(), len("abc"))
class Scoped:
    attr = 10
    doubled = attr * 2
    def method(self):
        try:
            return attr
        except NameError as e:
            return f"NameError: {e}"
print(Scoped.doubled, Scoped().method())
for loop_var in range(3):
    pass
print("loop var leaks:", loop_var)
if True:
    block_var = "visible"
print(block_var)
print("summary:", read_global())
