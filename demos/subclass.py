# A Thread subclass: run() holds the work, and the object keeps the result
# for whoever reads it after join().
import threading
import time


class PageFetcher(threading.Thread):
    def __init__(self, address):
        super().__init__()  # Thread must set itself up before start() can work
        self.address = address
        self.body = None  # filled in by run(), in the new thread

    def run(self):  # start() calls this in the new thread
        time.sleep(0.5)  # stands in for the download
        self.body = f"Data from {self.address}"


fetchers = [PageFetcher(f"https://example.com/page{n}") for n in range(3)]
for fetcher in fetchers:
    fetcher.start()
for fetcher in fetchers:
    fetcher.join()  # after this, fetcher.body is safe to read

for fetcher in fetchers:
    print(fetcher.body)
