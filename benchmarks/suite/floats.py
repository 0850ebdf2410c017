# Floating point: a small n-body-like step loop.
import time

began = time.perf_counter()
xs = [float(i) for i in range(5)]
vs = [0.0] * 5
for step in range(20_000):
    for i in range(5):
        force = 0.0
        for j in range(5):
            if i != j:
                d = xs[j] - xs[i]
                force += d / (abs(d) ** 3 + 0.01)
        vs[i] += force * 0.001
    for i in range(5):
        xs[i] += vs[i] * 0.001
print(f"{time.perf_counter() - began:.4f}")
