# raise from / implicit chaining, inspected without crashing.
class ConfigError(Exception):
    pass
def load(cfg):
    try:
        return int(cfg["port"])
    except KeyError as e:
        raise ConfigError("missing port") from e
    except ValueError:
        raise ConfigError("bad port")
for cfg in [{"port": "80"}, {}, {"port": "x"}]:
    try:
        print("port", load(cfg))
    except ConfigError as e:
        cause = e.__cause__
        ctx = e.__context__
        print(e, "| cause:", repr(cause), "| context:", repr(ctx), "| suppress:", e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("converted") from None
except ValueError as e:
    print(e, e.__cause__, repr(e.__context__), e.__suppress_context__)
try:
    raise ConfigError("direct")
except ConfigError as e:
    print(e.__cause__, e.__context__)
print("summary: chaining ok")
