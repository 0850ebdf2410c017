# An uncaught JSONDecodeError: its class path and message as CPython prints them.
import json

config = '{\n  "workers": 4,\n  "queue": [1, 2,]\n}'
try:
    json.loads(config)
except json.JSONDecodeError as err:
    caught = err
print("caught at", caught.lineno, caught.colno)
raise json.JSONDecodeError(caught.msg, caught.doc, caught.pos)
