"""threadplay's statistics: the averages and spreads of CPython 3.12's statistics module,
with the same exact arithmetic (sums are kept as exact integer ratios and rounded once) and
the same StatisticsError messages. Fractions and Decimals are not supported (threadplay has
neither); int, bool and float data are."""

from math import exp, fsum, log, sqrt
from math import frexp as _frexp, gcd as _gcd, isqrt as _isqrt, ldexp as _ldexp

__all__ = [
    'StatisticsError', 'correlation', 'covariance', 'fmean',
    'geometric_mean', 'harmonic_mean', 'linear_regression', 'mean', 'median',
    'median_grouped', 'median_high', 'median_low', 'mode', 'multimode', 'pstdev',
    'pvariance', 'quantiles', 'stdev', 'variance',
]


class StatisticsError(ValueError):
    pass


# ---- exact ratios: (numerator, denominator) with denominator > 0, in lowest terms

def _exact_ratio(x):
    if isinstance(x, float):
        if x != x or x in (float('inf'), float('-inf')):
            return x, None
        if x == 0.0:
            return 0, 1
        m, e = _frexp(x)
        n = int(m * 9007199254740992.0)
        e -= 53
        if e >= 0:
            return n << e, 1
        d = 1 << -e
        g = _gcd(n, d)
        return n // g, d // g
    if isinstance(x, int):
        return int(x), 1
    msg = f"can't convert type '{type(x).__name__}' to numerator/denominator"
    raise TypeError(msg)


def _make(n, d):
    if d < 0:
        n, d = -n, -d
    g = _gcd(n, d)
    if g > 1:
        n, d = n // g, d // g
    return n, d


def _to_float(n, d):
    """n/d as a float, correctly rounded (round-half-even)."""
    if n == 0:
        return 0.0
    negative = n < 0
    if negative:
        n = -n
    shift = 55 - (n.bit_length() - d.bit_length())
    if shift > 0:
        q, r = divmod(n << shift, d)
    else:
        q, r = divmod(n, d << -shift)
    if r:
        q |= 1
    result = _ldexp(float(q), -shift)
    return -result if negative else result


def _coerce(T, S):
    if T is S:
        return T
    if S is int or S is bool:
        return T
    if T is int:
        return S
    if issubclass(S, T):
        return S
    if issubclass(T, S):
        return T
    if issubclass(T, int):
        return S
    if issubclass(S, int):
        return T
    raise TypeError("don't know how to coerce %s and %s" % (T.__name__, S.__name__))


def _sum(data):
    """(T, total, count): total is an exact ratio, or a float when a NaN or INF was seen."""
    count = 0
    types = []
    partials = {}
    for x in data:
        typ = type(x)
        if typ not in types:
            types.append(typ)
        n, d = _exact_ratio(x)
        count += 1
        partials[d] = partials.get(d, 0) + n
    T = int
    if None in partials:
        total = partials[None]
    else:
        tn, td = 0, 1
        for d, n in partials.items():
            tn, td = _make(tn * d + n * td, td * d)
        total = (tn, td)
    for typ in types:
        T = _coerce(T, typ)
    return T, total, count


def _convert(value, T):
    if isinstance(value, float):
        return value
    n, d = value
    if issubclass(T, int) and d != 1:
        T = float
    if T is float or issubclass(T, float):
        return T(_to_float(n, d))
    return T(n // d)


def _ss(data, c=None):
    if c is not None:
        squares = []
        for x in data:
            diff = x - c
            squares.append(diff * diff)
        T, ssd, count = _sum(squares)
        return T, ssd, c, count
    count = 0
    types = []
    sx_partials = {}
    sxx_partials = {}
    for x in data:
        typ = type(x)
        if typ not in types:
            types.append(typ)
        n, d = _exact_ratio(x)
        count += 1
        sx_partials[d] = sx_partials.get(d, 0) + n
        if d is not None:
            sxx_partials[d] = sxx_partials.get(d, 0) + n * n
    if not count:
        ssd = c = (0, 1)
    elif None in sx_partials:
        ssd = c = sx_partials[None]
    else:
        sn, sd = 0, 1
        for d, n in sx_partials.items():
            sn, sd = _make(sn * d + n * sd, sd * d)
        qn, qd = 0, 1
        for d, n in sxx_partials.items():
            qn, qd = _make(qn * d * d + n * qd, qd * d * d)
        # (count * sxx - sx * sx) / count, exactly
        ssd = _make(count * qn * sd * sd - sn * sn * qd, qd * sd * sd * count)
        c = _make(sn, sd * count)
    T = int
    for typ in types:
        T = _coerce(T, typ)
    return T, ssd, c, count


def _div_int(value, k):
    if isinstance(value, float):
        return value / k
    return _make(value[0], value[1] * k)


def _integer_sqrt_of_frac_rto(n, m):
    a = _isqrt(n // m)
    return a | (a * a * m != n)


def _float_sqrt_of_frac(n, m):
    q, r = divmod(n.bit_length() - m.bit_length() - 109, 2)
    if q >= 0:
        numerator = _integer_sqrt_of_frac_rto(n, m << 2 * q) << q
        denominator = 1
    else:
        numerator = _integer_sqrt_of_frac_rto(n << -2 * q, m)
        denominator = 1 << -q
    return _to_float(numerator, denominator)


def _sumprod(p, q):
    p = list(p)
    q = list(q)
    if len(p) != len(q):
        raise ValueError('Inputs are not the same length')
    if all(isinstance(v, int) for v in p) and all(isinstance(v, int) for v in q):
        return sum([a * b for a, b in zip(p, q)])
    tn, td = 0, 1
    for a, b in zip(p, q):
        an, ad = _exact_ratio(a)
        bn, bd = _exact_ratio(b)
        if ad is None or bd is None:
            return fsum([a * b for a, b in zip(p, q)])
        tn, td = _make(tn * ad * bd + an * bn * td, td * ad * bd)
    return _to_float(tn, td)


# ---- averages

def mean(data):
    T, total, n = _sum(data)
    if n < 1:
        raise StatisticsError('mean requires at least one data point')
    return _convert(_div_int(total, n), T)


def fmean(data, weights=None):
    if weights is None:
        data = list(data)
        n = len(data)
        total = fsum(data)
        if not n:
            raise StatisticsError('fmean requires at least one data point')
        return total / n
    data = list(data)
    weights = list(weights)
    if len(data) != len(weights):
        raise StatisticsError('data and weights must be the same length')
    num = _sumprod(data, weights)
    den = fsum(weights)
    if not den:
        raise StatisticsError('sum of weights must be non-zero')
    return num / den


def geometric_mean(data):
    try:
        return exp(fmean([log(x) for x in data]))
    except ValueError:
        raise StatisticsError('geometric mean requires a non-empty dataset '
                              'containing positive numbers') from None


def harmonic_mean(data, weights=None):
    data = list(data)
    errmsg = 'harmonic mean does not support negative values'
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    elif n == 1 and weights is None:
        x = data[0]
        if isinstance(x, (int, float)):
            if x < 0:
                raise StatisticsError(errmsg)
            return x
        raise TypeError('unsupported type')
    if weights is None:
        weights = [1] * n
        sum_weights = (n, 1)
    else:
        weights = list(weights)
        if len(weights) != n:
            raise StatisticsError('Number of weights does not match data size')
        for w in weights:
            if w < 0:
                raise StatisticsError(errmsg)
        _, sum_weights, _ = _sum(weights)
    for x in data:
        if x < 0:
            raise StatisticsError(errmsg)
    try:
        T, total, count = _sum([w / x if w else 0 for w, x in zip(weights, data)])
    except ZeroDivisionError:
        return 0
    if isinstance(total, float) or isinstance(sum_weights, float):
        if isinstance(sum_weights, tuple):
            sum_weights = _to_float(sum_weights[0], sum_weights[1])
        if isinstance(total, tuple):
            total = _to_float(total[0], total[1])
        if total <= 0:
            raise StatisticsError('Weighted sum must be positive')
        return sum_weights / total
    if total[0] <= 0:
        raise StatisticsError('Weighted sum must be positive')
    return _convert(_make(sum_weights[0] * total[1], sum_weights[1] * total[0]), T)


def _neg(errmsg):
    raise StatisticsError(errmsg)


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    return data[n // 2]


def median_grouped(data, interval=1.0):
    data = sorted(data)
    n = len(data)
    if not n:
        raise StatisticsError("no median for empty data")
    x = data[n // 2]
    i = 0
    while data[i] < x:
        i += 1
    j = i
    while j < n and data[j] == x:
        j += 1
    try:
        interval = float(interval)
        x = float(x)
    except ValueError:
        raise TypeError('Value cannot be converted to a float')
    L = x - interval / 2.0
    cf = i
    f = j - i
    return L + interval * (n / 2 - cf) / f


def _counts(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    return counts


def mode(data):
    counts = _counts(data)
    best = None
    best_count = 0
    for value, count in counts.items():
        if count > best_count:
            best, best_count = value, count
    if not best_count:
        raise StatisticsError('no mode for empty data') from None
    return best


def multimode(data):
    counts = _counts(data)
    if not counts:
        return []
    maxcount = max(counts.values())
    return [value for value, count in counts.items() if count == maxcount]


def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    if method == 'inclusive':
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            interpolated = (data[j] * (n - delta) + data[j + 1] * delta) / n
            result.append(interpolated)
        return result
    if method == 'exclusive':
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            interpolated = (data[j - 1] * (n - delta) + data[j] * delta) / n
            result.append(interpolated)
        return result
    raise ValueError(f'Unknown method: {method!r}')


# ---- spread

def variance(data, xbar=None):
    T, ss, c, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('variance requires at least two data points')
    return _convert(_div_int(ss, n - 1), T)


def pvariance(data, mu=None):
    T, ss, c, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pvariance requires at least one data point')
    return _convert(_div_int(ss, n), T)


def stdev(data, xbar=None):
    T, ss, c, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('stdev requires at least two data points')
    mss = _div_int(ss, n - 1)
    if isinstance(mss, float):
        # CPython reaches for mss.numerator here and fails the same way.
        raise AttributeError("'float' object has no attribute 'numerator'")
    return _float_sqrt_of_frac(mss[0], mss[1])


def pstdev(data, mu=None):
    T, ss, c, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pstdev requires at least one data point')
    mss = _div_int(ss, n)
    if isinstance(mss, float):
        # CPython reaches for mss.numerator here and fails the same way.
        raise AttributeError("'float' object has no attribute 'numerator'")
    return _float_sqrt_of_frac(mss[0], mss[1])


def covariance(x, y, /):
    n = len(x)
    if len(y) != n:
        raise StatisticsError('covariance requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError('covariance requires at least two data points')
    xbar = fsum(x) / n
    ybar = fsum(y) / n
    sxy = _sumprod([xi - xbar for xi in x], [yi - ybar for yi in y])
    return sxy / (n - 1)


def correlation(x, y, /, *, method='linear'):
    n = len(x)
    if len(y) != n:
        raise StatisticsError('correlation requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError('correlation requires at least two data points')
    if method not in ('linear', 'ranked'):
        raise ValueError(f'Unknown method: {method!r}')
    if method == 'ranked':
        start = (n - 1) / -2
        x = _rank(x, start)
        y = _rank(y, start)
    else:
        xbar = fsum(x) / n
        ybar = fsum(y) / n
        x = [xi - xbar for xi in x]
        y = [yi - ybar for yi in y]
    sxy = _sumprod(x, y)
    sxx = _sumprod(x, x)
    syy = _sumprod(y, y)
    try:
        return sxy / sqrt(sxx * syy)
    except ZeroDivisionError:
        raise StatisticsError('at least one of the inputs is constant')


def _rank(data, start):
    order = sorted(range(len(data)), key=lambda i: data[i])
    result = [0] * len(data)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and data[order[j + 1]] == data[order[i]]:
            j += 1
        rank = start + (i + j) / 2
        for k in range(i, j + 1):
            result[order[k]] = rank
        i = j + 1
    return result


class _LR:
    def __init__(self, slope, intercept):
        self.slope = slope
        self.intercept = intercept

    def __iter__(self):
        return iter((self.slope, self.intercept))

    def __getitem__(self, i):
        return (self.slope, self.intercept)[i]

    def __len__(self):
        return 2

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return f'LinearRegression(slope={self.slope!r}, intercept={self.intercept!r})'


def linear_regression(x, y, /, *, proportional=False):
    n = len(x)
    if len(y) != n:
        raise StatisticsError('linear regression requires that both inputs have same number of data points')
    if n < 2:
        raise StatisticsError('linear regression requires at least two data points')
    xbar = ybar = 0.0
    if not proportional:
        xbar = fsum(x) / n
        ybar = fsum(y) / n
        x = [xi - xbar for xi in x]
        y = [yi - ybar for yi in y]
    sxy = _sumprod(x, y) + 0.0
    sxx = _sumprod(x, x)
    try:
        slope = sxy / sxx
    except ZeroDivisionError:
        raise StatisticsError('x is constant')
    intercept = 0.0 if proportional else ybar - slope * xbar
    return _LR(slope, intercept)
