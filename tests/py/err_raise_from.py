# Uncaught exception with an explicit cause.
class ConfigError(Exception):
    pass

def read_port(settings):
    try:
        return int(settings["port"])
    except KeyError as exc:
        raise ConfigError("port is required") from exc

print(read_port({"port": "8080"}))
print(read_port({}))
