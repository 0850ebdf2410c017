# A producer/consumer pipeline over a plain list with a None sentinel (no threads, no queue).
buffer = []

def produce(count):
    for i in range(count):
        buffer.append(f'item-{i}')
        print(f'Produced item-{i}')
    buffer.append(None)

def consume():
    handled = 0
    while True:
        item = buffer.pop(0)
        if item is None:
            break
        print(f'Consumed {item}')
        handled += 1
    return handled

produce(4)
n = consume()
print('Buffer empty:', buffer == [], '| handled:', n)

results = []
def square_job(x):
    return x * x
for x in [1, 2, 3]:
    results.append(square_job(x))
print(results)

def heartbeat(limit):
    beats = 0
    while True:
        beats += 1
        print('♥ still running')
        if beats == limit:
            break
    return beats
print('beats:', heartbeat(3))
print('Main thread exiting — nothing left running')
