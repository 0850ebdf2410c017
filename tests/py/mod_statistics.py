# statistics: averages, spreads and quantiles with exact arithmetic, and StatisticsError messages.
import statistics as st
import random
random.seed(5)
sets = [[1, 2, 3, 4], [1, 2, 3], [0.1, 0.2, 0.3], [2.5, 3.25, 5.5, 11.25, 11.75], [True, False, True],
        [1, 2.5, 3], [10**20, 1, 3], [random.random() for _ in range(20)], [random.randint(1, 9) for _ in range(15)],
        [3, 3, 1, 1, 2], [-4.0, 1e-300, 7.25]]
for d in sets:
    out = []
    for f in (st.mean, st.fmean, st.median, st.median_low, st.median_high, st.median_grouped, st.mode, st.multimode,
              st.variance, st.pvariance, st.stdev, st.pstdev, st.harmonic_mean, st.geometric_mean):
        try:
            out.append(repr(f(d)))
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
    print(d if len(d) < 6 else len(d), out)
    for m in ('exclusive', 'inclusive'):
        try: print(st.quantiles(d, n=4, method=m), st.quantiles(d, n=10, method=m))
        except Exception as e: print(type(e).__name__, e)
print(st.variance([1.5, 2.5, 2.5, 2.75, 3.25, 4.75], 2.875), st.pstdev([1, 2, 3], 2))
for f in (st.mean, st.fmean, st.median, st.median_low, st.median_high, st.mode, st.variance, st.pvariance, st.stdev, st.pstdev, st.harmonic_mean, st.geometric_mean):
    for d in ([], [1]):
        try: print(f.__name__, d, repr(f(d)))
        except st.StatisticsError as e: print(f.__name__, d, "StatisticsError:", e)
try: st.quantiles([1, 2], n=0)
except st.StatisticsError as e: print(e)
try: st.quantiles([1, 2], method='x')
except ValueError as e: print(e)
try: st.mean(['a', 'b'])
except TypeError as e: print(e)
try: st.harmonic_mean([1, -1])
except st.StatisticsError as e: print(e)
print(st.multimode('aabbbcccd'), st.mode(['x', 'y', 'y']), st.multimode([]))
x = [1, 2, 3, 4, 5]; y = [2, 4, 5, 4, 5]
print(st.covariance(x, y), st.correlation(x, y), st.correlation(x, y, method='ranked'), st.linear_regression(x, y))
slope, intercept = st.linear_regression(x, y, proportional=True); print(slope, intercept)
print(st.fmean([1, 2, 3], weights=[3, 1, 1]), st.harmonic_mean([40, 60], weights=[5, 30]))
print(issubclass(st.StatisticsError, ValueError), repr(st.StatisticsError('x')))
try: st.correlation([1, 1], [2, 3])
except st.StatisticsError as e: print(e)
print("summary: statistics ok")
