# Worker objects in the style of thread subclasses, run sequentially (no threads).
import time

class Task:
    def __init__(self, name):
        self.name = name
        self.done = False

    def run(self):
        self.done = True

class FetchTask(Task):
    def __init__(self, url):
        super().__init__(f"fetch-{url.rsplit('/', 1)[-1]}")
        self.url = url
        self.result = None

    def run(self):
        super().run()
        self.result = f'Contents of {self.url}'

def greet(name):
    print(f'Hello, {name}!')

def connect(host, port):
    print(f'Connecting to {host}:{port}')

args = ('Alice',)
greet(*args)
kwargs = {'host': 'example.com', 'port': 443}
connect(**kwargs)

tasks = [FetchTask(f'https://example.com/page{i}') for i in range(3)]
start = time.perf_counter()
for t in tasks:
    t.run()
elapsed = time.perf_counter() - start
for t in tasks:
    print(t.name, '->', t.result)
names = {t: f'{t.name} ({"done" if t.done else "pending"})' for t in tasks}
print(sorted(names.values()))
print(f'All {len(tasks)} tasks finished; timing measured: {elapsed >= 0}')
print(f'Average share: {100 / len(tasks):.1f}% each, {1 / 3:.2f} as a fraction')
print('Main finished — all workers ran ♥')
