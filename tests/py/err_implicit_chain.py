# Uncaught exception raised while handling another one.
def cleanup(resource):
    return resource.close()

def use(resource):
    try:
        return 1 / 0
    except ZeroDivisionError:
        cleanup(resource)

print("starting")
use(None)
