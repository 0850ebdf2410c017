# Chapter listing "ThreadPoolExecutor": submit, then read results with
# as_completed. Completion order varies, so the results are sorted.
import concurrent.futures
import time

def request(endpoint):
    time.sleep(0.05)
    return "reply from " + endpoint

endpoints = ["/orders", "/invoices", "/refunds"]
with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
    pending = {pool.submit(request, e): e for e in endpoints}
    replies = []
    for fut in concurrent.futures.as_completed(pending):
        replies.append((pending[fut], fut.result()))
for endpoint, reply in sorted(replies):
    print(endpoint, "->", reply)
print("summary: ch_pool_as_completed ok")
