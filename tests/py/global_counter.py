# global statement with a shared counter, plain functions called in sequence.
counter = 0
def increment(times):
    global counter
    for _ in range(times):
        counter += 1
def reset():
    global counter
    counter = 0
def read():
    return counter
increment(100_000); increment(50_000)
print('Counter after two calls:', counter)
reset()
print('After reset:', read())
def worker(name, n):
    global counter
    for _ in range(n):
        counter += 1
    print(f'{name} finished')
jobs = [('Alice', 1000), ('Bob', 2500)]
for name, n in jobs:
    worker(*(name, n))
def create_global():
    global created
    created = "made inside"
create_global()
print(created)
def shadow():
    counter = -1
    return counter
print(shadow(), counter)
print('Final counter:', counter)
