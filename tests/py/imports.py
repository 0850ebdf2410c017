# Import forms for the supported modules.
import math
import math as m
import sys, time
import random as rnd
from math import sqrt, floor as fl
from random import randint, seed
from time import perf_counter
print(math.sqrt(9), m.sqrt(9), sqrt(9), fl(2.7))
print(m is math, sqrt is math.sqrt, type(math).__name__)
print(math.__name__, m.__name__, rnd.__name__, sys.__name__, time.__name__)
seed(3)
a = randint(1, 100)
rnd.seed(3)
b = rnd.randint(1, 100)
print(a == b, a)
def uses_import():
    import math
    return math.floor(-0.5)
print(uses_import())
print(isinstance(perf_counter(), float), "math" in sys.modules)
try:
    import nonexistent_module_xyz
except ImportError as e:
    print(type(e).__name__, e)
try:
    from math import nothing_here
except ImportError as e:
    print(type(e).__name__, str(e).startswith("cannot import name 'nothing_here' from 'math'"))
print("summary: imports ok")
