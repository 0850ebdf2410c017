# More random: string seeds, choices, gauss, getstate/setstate, Random instances.
import random
random.seed("text seed")
print(random.random())
random.seed(7)
print(random.choices(["r", "g", "b"], k=5))
print(random.choices(range(10), weights=[1] * 9 + [100], k=4))
print(round(random.gauss(0, 1), 6), round(random.normalvariate(10, 2), 6))
state = random.getstate()
first = [random.random() for _ in range(3)]
random.setstate(state)
second = [random.random() for _ in range(3)]
print(first == second)
r1 = random.Random(99)
r2 = random.Random(99)
print([r1.randint(1, 100) for _ in range(5)], [r2.randint(1, 100) for _ in range(5)])
random.seed(2024)
words = ["alpha", "beta", "gamma", "delta"]
random.shuffle(words)
print(words)
print(random.random() < 1.0, 0 <= random.randrange(3) < 3)
random.seed(1)
print([round(random.uniform(0, 10), 3) for _ in range(4)])
random.seed(-5)
print(random.randint(0, 1000))
print("summary:", r1.random() == r2.random())
