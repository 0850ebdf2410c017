# Float arithmetic: an n-body simulation step (five bodies, pairwise gravity, velocity
# and position updates) and the system's energy at the end.
import math
import time

SMALL = False  # the checksum check runs a copy with True (small sizes)
STEPS = 300 if SMALL else 100_000


def make_bodies():
    # [x, y, z, vx, vy, vz, mass]: a heavy centre and four lighter bodies.
    bodies = [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 40.0]]
    for k in range(1, 5):
        radius = 2.0 * k + 0.5
        speed = math.sqrt(40.0 / radius)
        bodies.append([radius, 0.1 * k, -0.05 * k, 0.02 * k, speed, 0.01, 0.1 * k])
    return bodies


def advance(bodies, dt):
    count = len(bodies)
    for i in range(count):
        a = bodies[i]
        for j in range(i + 1, count):
            b = bodies[j]
            dx = a[0] - b[0]
            dy = a[1] - b[1]
            dz = a[2] - b[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * math.sqrt(d2))
            am = a[6] * mag
            bm = b[6] * mag
            a[3] -= dx * bm
            a[4] -= dy * bm
            a[5] -= dz * bm
            b[3] += dx * am
            b[4] += dy * am
            b[5] += dz * am
    for body in bodies:
        body[0] += dt * body[3]
        body[1] += dt * body[4]
        body[2] += dt * body[5]


def energy(bodies):
    total = 0.0
    for i, a in enumerate(bodies):
        total += 0.5 * a[6] * (a[3] * a[3] + a[4] * a[4] + a[5] * a[5])
        for b in bodies[i + 1 :]:
            dx, dy, dz = a[0] - b[0], a[1] - b[1], a[2] - b[2]
            total -= a[6] * b[6] / math.sqrt(dx * dx + dy * dy + dz * dz)
    return total


def workload():
    bodies = make_bodies()
    for _ in range(STEPS):
        advance(bodies, 0.001)
    return energy(bodies), sum(body[0] for body in bodies)


began = time.perf_counter()
e, x = workload()
print(f"{time.perf_counter() - began:.4f}")
print(f"{e:.10f} {x:.10f}")
