# Keyword arguments reach the thread's function through kwargs, a dict.
import threading


def open_link(host, port=80):
    print(f"Connecting to {host}:{port}")


# The dict's keys must match the parameter names; port=443 replaces the default.
options = {"host": "example.com", "port": 443}
link = threading.Thread(target=open_link, kwargs=options)
link.start()
link.join()
