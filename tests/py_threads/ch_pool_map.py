# Chapter listing "executor.map": results come back in input order.
import concurrent.futures
import time

def cube(n):
    time.sleep(0.005)
    return n * n * n

with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    cubes = list(pool.map(cube, range(8)))
print(cubes)
print("same as sequential:", cubes == [cube(n) for n in range(8)])
print("summary: ch_pool_map ok")
