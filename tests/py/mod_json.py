# json: dumps with its options, loads, and the decode errors CPython reports.
import json
import sys

data = {"name": "queue", "sizes": [1, 2.5, -3], "ok": True, "none": None, "nested": {"b": [], "a": {}}}
print(json.dumps(data))
print(json.dumps(data, sort_keys=True))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, [2, [3]]], indent=0))
print(json.dumps({"a": 1, "b": 2}, separators=(",", ":")))
print(json.dumps((1, 2), indent="--"))
print(json.dumps("caf\u00e9 \u2603 \U0001f600 tab\t quote\" back\\ \x01"))
print(json.dumps("caf\u00e9 \u2603", ensure_ascii=False))
print(json.dumps({1: "int", 2.5: "float", False: "bool", None: "none"}))
print(json.dumps([float("inf"), float("-inf"), float("nan"), 1e100, 0.1]))
print(json.dumps({"s": {1, 2}}, default=sorted))
print(json.dumps({(1, 2): 3, "k": 4}, skipkeys=True))
for bad in [lambda: json.dumps(object()), lambda: json.dumps({(1,): 2}),
            lambda: json.dumps(float("nan"), allow_nan=False)]:
    try:
        bad()
    except (TypeError, ValueError) as err:
        print(type(err).__name__, err)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as err:
    print("ValueError", err)

text = '{"users": [{"id": 1, "tags": ["a", "b"]}, {"id": 2, "score": 9.5e1}], "esc": "\\u00e9\\n\\ud83d\\ude00"}'
obj = json.loads(text)
print(obj)
print(json.loads(" [1, -0, 1E3, 2.50, null, true, false, NaN, -Infinity] "))
print(json.loads('{"a": 1, "a": 2}'), json.loads('"\\/\\b\\f\\r\\t"'))
print(json.loads('{"x": 1}', object_hook=lambda d: sorted(d.items())))
print(json.loads('[1.5, 2]', parse_float=str, parse_int=float))
print(json.loads(json.dumps(data)) == data)
for doc in ['', '[1,]', '{"a":1,}', '{"a" 1}', "{'a': 1}", '[1 2]', '"abc', '"a\\x"',
            '"\\u12x"', '"a\tb"', '[1] x', 'nul', '1.', '01', '\n\n  [1,\n  x]', '{"a"']:
    try:
        json.loads(doc)
    except json.JSONDecodeError as err:
        print(repr(doc), "->", err, (err.msg, err.pos, err.lineno, err.colno))
try:
    json.loads(5)
except TypeError as err:
    print("TypeError", err)
print(issubclass(json.JSONDecodeError, ValueError), json.JSONDecodeError.__module__)
print(repr(json.JSONDecodeError("Oops", "ab\ncd", 4)))
json.dump({"to": "stdout", "n": [1, 2]}, sys.stdout, indent=1)
print()
print("summary: json ok")
