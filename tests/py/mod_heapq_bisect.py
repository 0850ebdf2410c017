import heapq
import bisect

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h)
print([heapq.heappop(h) for _ in range(3)], h)
data = [9, 4, 7, 1, 8, 2, 2, 6]
heapq.heapify(data)
print(data)
print(heapq.heappushpop(data, 0), heapq.heapreplace(data, 10), data)
print(heapq.nsmallest(3, [5, 1, 4, 1, 9]), heapq.nlargest(2, [5, 1, 4, 1, 9]))
words = ['pear', 'fig', 'banana', 'kiwi', 'apple']
print(heapq.nsmallest(2, words, key=len), heapq.nlargest(2, words, key=len))
print(heapq.nlargest(1, []), heapq.nsmallest(10, [3, 1]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])))
print(list(heapq.merge(['b', 'dd'], ['a', 'ccc'], key=len)))
print(list(heapq.merge([7, 4, 1], [8, 2], reverse=True)))
tasks = []
heapq.heappush(tasks, (2, 'write'))
heapq.heappush(tasks, (1, 'plan'))
heapq.heappush(tasks, (3, 'ship'))
while tasks:
    print(heapq.heappop(tasks))
for bad in (lambda: heapq.heappop([]), lambda: heapq.heapreplace([], 1),
            lambda: heapq.heappush((), 1), lambda: heapq.heapify('abc')):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4))
print(bisect.bisect_left(a, 0), bisect.bisect_right(a, 100), bisect.bisect(a, 4, 0, 2))
bisect.insort(a, 3)
bisect.insort_left(a, 4)
bisect.insort_right(a, 9)
print(a)
people = [('ann', 21), ('bob', 30), ('cid', 42)]
print(bisect.bisect_left(people, 30, key=lambda p: p[1]))
bisect.insort(people, ('dee', 35), key=lambda p: p[1])
print(people)
grades = 'FDCBA'
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in (33, 99, 77, 70, 89, 90, 100)])
try:
    bisect.bisect([1], 1, -1)
except ValueError as e:
    print('ValueError', e)
print('summary: heapq bisect ok')
