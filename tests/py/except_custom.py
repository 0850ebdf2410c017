# Custom exception classes, args, str(), attributes.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, key, where="db"):
        super().__init__(f"{key} not found in {where}")
        self.key = key
        self.where = where
class Fancy(Exception):
    def __str__(self):
        return "fancy: " + ", ".join(map(str, self.args))
try:
    raise NotFound("user42")
except AppError as e:
    print(type(e).__name__, e, e.args, e.key, e.where)
    print(repr(e), isinstance(e, Exception))
try:
    raise AppError("a", 1, None)
except AppError as e:
    print(e, e.args, repr(e), len(e.args))
try:
    raise AppError()
except AppError as e:
    print(repr(str(e)), e.args, repr(e))
try:
    raise Fancy(1, 2)
except Fancy as e:
    print(e, repr(e))
e = ValueError("made", "not raised")
print(e.args, str(e), str(ValueError("one")), repr(KeyError("k")), str(KeyError("k")))
print(str(KeyError()), repr(IndexError()), str(Exception(3)))
print(issubclass(NotFound, AppError), issubclass(AppError, Exception), NotFound.__mro__[2].__name__)
errors = []
for k in ["a", "b"]:
    try:
        raise NotFound(k, where="cache")
    except NotFound as err:
        errors.append(err.key)
print(errors)
try:
    raise ValueError
except ValueError as e:
    print("class raised:", repr(e), e.args)
print("summary:", len(errors))
