# A ThreadPoolExecutor keeps a few worker threads and hands them tasks.
# submit() returns a Future at once; as_completed() yields each Future as
# soon as its task is done, whatever order they were submitted in.
import concurrent.futures
import time


def call_api(endpoint):
    time.sleep(0.5)  # stand-in for waiting on the network
    return f"Response from {endpoint}"


WORKERS = 3  # threads in the pool

endpoints = [
    "https://api.example.com/users",
    "https://api.example.com/posts",
    "https://api.example.com/comments",
]

with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
    pending = [pool.submit(call_api, endpoint) for endpoint in endpoints]
    # All three wait at the same time, so they finish at about the same moment.
    for done in concurrent.futures.as_completed(pending):
        print(done.result())
