//! The methods `Lib/random.py` builds on the generator, ported step for step:
//! `randrange`, `randint`, `choice`, `shuffle`, `sample`, `choices`, `uniform`,
//! `triangular`, `gauss`, `normalvariate`, `expovariate`. The VM does the indexing
//! of sequences; these return indices.
//!
//! What it must never do: draw a different number of words than CPython's code
//! would (any deviation changes every later result), or panic or loop forever on
//! any argument (bad arguments give CPython's exception and message).

use crate::types::ExcType;
use std::collections::HashSet;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive};

use super::{MersenneTwister, RandomError};

/// `4 * exp(-0.5) / sqrt(2.0)` exactly as CPython's `NV_MAGICCONST` evaluates.
const NV_MAGICCONST: f64 = 1.715_527_769_921_413_5;
const TWOPI: f64 = 2.0 * std::f64::consts::PI;

impl MersenneTwister {
    // ----------------------------------------------------------------
    // Integer methods (Lib/random.py)
    // ----------------------------------------------------------------

    /// `Random._randbelow_with_getrandbits(n)`: `k = n.bit_length()`, then
    /// draw `getrandbits(k)` until it is below `n`. CPython never calls it
    /// with `n <= 0` (it would loop forever on 0); we return a ValueError.
    pub(crate) fn randbelow(&mut self, n: &BigInt) -> Result<BigInt, RandomError> {
        if !n.is_positive() {
            return Err(RandomError::value("randbelow() requires n > 0"));
        }
        if let Some(small) = n.to_u64() {
            return Ok(BigInt::from(self.randbelow_u64(small)));
        }
        let n = n.magnitude();
        let k = n.bits();
        loop {
            let r = self.getrandbits_big(k);
            if &r < n {
                return Ok(BigInt::from(r));
            }
        }
    }

    /// randbelow for `0 < n`; `n == 0` returns 0 rather than hanging.
    fn randbelow_u64(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    fn randbelow_usize(&mut self, n: usize) -> usize {
        // usize -> u64 is lossless on every supported target, and the result
        // is below n, so the way back is lossless too.
        self.randbelow_u64(n as u64) as usize
    }

    /// `random.randrange(start, stop=None, step=1)`. `step: None` means the
    /// argument was omitted. With `stop` omitted, any step other than 1 is
    /// CPython's TypeError (it tests `step is not 1`).
    pub(crate) fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: Option<&BigInt>,
    ) -> Result<BigInt, RandomError> {
        let Some(stop) = stop else {
            if step.is_some_and(|s| !s.is_one()) {
                return Err(RandomError::new(
                    ExcType::TypeError,
                    "Missing a non-None stop argument",
                ));
            }
            if start.is_positive() {
                return self.randbelow(start);
            }
            return Err(RandomError::value("empty range for randrange()"));
        };
        let width = stop - start;
        let one = BigInt::one();
        let step = step.unwrap_or(&one);
        if step.is_one() {
            if width.is_positive() {
                return Ok(start + self.randbelow(&width)?);
            }
            return Err(RandomError::value(format!(
                "empty range in randrange({start}, {stop})"
            )));
        }
        // Python's // floors, hence div_floor rather than `/`.
        let n = if step.is_positive() {
            (width + step - 1u32).div_floor(step)
        } else if step.is_negative() {
            (width + step + 1u32).div_floor(step)
        } else {
            return Err(RandomError::value("zero step for randrange()"));
        };
        if !n.is_positive() {
            return Err(RandomError::value(format!(
                "empty range in randrange({start}, {stop}, {step})"
            )));
        }
        Ok(start + step * self.randbelow(&n)?)
    }

    /// `random.randint(a, b)` = `randrange(a, b + 1)` (so an empty range
    /// reports `randrange(a, b+1)`, as CPython does).
    pub(crate) fn randint(&mut self, a: &BigInt, b: &BigInt) -> Result<BigInt, RandomError> {
        let stop = b + 1u32;
        self.randrange(a, Some(&stop), None)
    }

    // ----------------------------------------------------------------
    // Sequence methods (the VM does the indexing)
    // ----------------------------------------------------------------

    /// `random.choice(seq)` for a sequence of length `len`: the index to take.
    pub(crate) fn choice_index(&mut self, len: usize) -> Result<usize, RandomError> {
        if len == 0 {
            return Err(RandomError::new(
                ExcType::IndexError,
                "Cannot choose from an empty sequence",
            ));
        }
        Ok(self.randbelow_usize(len))
    }

    /// `random.shuffle(x)` in place: for i from len-1 down to 1, swap x[i]
    /// with x[randbelow(i + 1)].
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.randbelow_usize(i + 1);
            items.swap(i, j);
        }
    }

    /// `shuffle(list(range(len)))`: element `i` of the result is the original
    /// index that ends up at position `i`. Only the tests use it.
    #[cfg(test)]
    pub(crate) fn shuffle_indices(&mut self, len: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..len).collect();
        self.shuffle(&mut v);
        v
    }

    /// `random.sample(population, k)` (without `counts`) for a population of
    /// length `population_len`: the indices of the chosen elements, in
    /// selection order. Uses CPython's pool-based branch when an n-length
    /// list is no bigger than a k-length set, else the set-based branch.
    pub(crate) fn sample_indices(
        &mut self,
        population_len: usize,
        k: &BigInt,
    ) -> Result<Vec<usize>, RandomError> {
        let n = population_len;
        let k = match k.to_usize() {
            Some(k) if k <= n => k,
            _ => {
                return Err(RandomError::value(
                    "Sample larger than population or is negative",
                ))
            }
        };
        let mut result = Vec::with_capacity(k);
        if n as u128 <= sample_setsize(k) {
            // Invariant: the not-yet-selected indices are pool[0 .. n - i].
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = self.randbelow_usize(n - i);
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = HashSet::with_capacity(k);
            for _ in 0..k {
                let mut j = self.randbelow_usize(n);
                while selected.contains(&j) {
                    j = self.randbelow_usize(n);
                }
                selected.insert(j);
                result.push(j);
            }
        }
        Ok(result)
    }

    /// `random.choices(population, k=k)` without weights: indices
    /// `floor(random() * n)`. A negative `k` gives an empty list, as
    /// CPython's `repeat(None, k)` does. For an empty population CPython
    /// draws one `random()` and then fails indexing; we do the same and
    /// return the IndexError worded for a list (a tuple or range says
    /// "tuple index out of range" / "range object index out of range").
    pub(crate) fn choices_indices(&mut self, n: usize, k: i64) -> Result<Vec<usize>, RandomError> {
        let nf = n as f64;
        let count = usize::try_from(k).unwrap_or(0);
        let mut out = Vec::with_capacity(count.min(1 << 20));
        for _ in 0..count {
            let idx = (self.random() * nf).floor() as usize;
            if idx >= n {
                // Only reachable for n == 0 (or n beyond 2**53 with rounding).
                return Err(RandomError::new(
                    ExcType::IndexError,
                    "list index out of range",
                ));
            }
            out.push(idx);
        }
        Ok(out)
    }

    /// `random.choices(population, cum_weights=cw, k=k)`; for `weights=w`
    /// pass the running sums of `w` (`itertools.accumulate`). The caller
    /// checks `len(cum_weights) == len(population)` (ValueError "The number
    /// of weights does not match the population"). Integer weights beyond
    /// 2**53 lose exactness here; CPython compares them exactly.
    pub(crate) fn choices_cum_weights(
        &mut self,
        cum_weights: &[f64],
        k: i64,
    ) -> Result<Vec<usize>, RandomError> {
        let Some(&last) = cum_weights.last() else {
            // cum_weights[-1] on an empty list.
            return Err(RandomError::new(
                ExcType::IndexError,
                "list index out of range",
            ));
        };
        let total = last + 0.0;
        // Same order as CPython: NaN passes the first test, fails the second.
        if total <= 0.0 {
            return Err(RandomError::value(
                "Total of weights must be greater than zero",
            ));
        }
        if !total.is_finite() {
            return Err(RandomError::value("Total of weights must be finite"));
        }
        let hi = cum_weights.len() - 1;
        let count = usize::try_from(k).unwrap_or(0);
        let mut out = Vec::with_capacity(count.min(1 << 20));
        for _ in 0..count {
            let x = self.random() * total;
            out.push(bisect_right(cum_weights, x, hi));
        }
        Ok(out)
    }

    // ----------------------------------------------------------------
    // Real-valued distributions
    // ----------------------------------------------------------------

    /// `random.uniform(a, b)` = `a + (b - a) * random()`.
    pub(crate) fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// `random.triangular(low, high, mode)`; `mode: None` means omitted.
    pub(crate) fn triangular(&mut self, low: f64, high: f64, mode: Option<f64>) -> f64 {
        let mut u = self.random();
        let mut c = match mode {
            None => 0.5,
            // CPython catches the ZeroDivisionError of (mode-low)/(high-low).
            Some(_) if high - low == 0.0 => return low,
            Some(m) => (m - low) / (high - low),
        };
        let (mut low, mut high) = (low, high);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut low, &mut high);
        }
        low + (high - low) * (u * c).sqrt()
    }

    /// `random.gauss(mu, sigma)` (Box-Muller, caching the second deviate
    /// until the next call or `seed()`).
    pub(crate) fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * TWOPI;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `random.normalvariate(mu, sigma)` (Kinderman-Monahan).
    pub(crate) fn normalvariate(&mut self, mu: f64, sigma: f64) -> f64 {
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = NV_MAGICCONST * (u1 - 0.5) / u2;
            let zz = z * z / 4.0;
            if zz <= -u2.ln() {
                return mu + z * sigma;
            }
        }
    }

    /// `random.expovariate(lambd)`; `lambd == 0` is CPython's
    /// ZeroDivisionError "float division by zero" (the draw still happens).
    pub(crate) fn expovariate(&mut self, lambd: f64) -> Result<f64, RandomError> {
        let x = -(1.0 - self.random()).ln();
        if lambd == 0.0 {
            return Err(RandomError::new(
                ExcType::ZeroDivisionError,
                "float division by zero",
            ));
        }
        Ok(x / lambd)
    }
}

/// sample()'s threshold: `21 + 4 ** ceil(log(k * 3, 4))` for k > 5, else 21,
/// computed through floats like CPython's `math.log` so the branch choice is
/// identical; saturates instead of overflowing.
pub(super) fn sample_setsize(k: usize) -> u128 {
    let mut setsize: u128 = 21;
    if k > 5 {
        let x = (k as u128 * 3) as f64;
        let e = (x.ln() / 4.0f64.ln()).ceil();
        // From a usize k, e is at most 33; the cap only guards the pow.
        let pow = if e >= 63.0 {
            u128::MAX
        } else {
            4u128.pow(e as u32)
        };
        setsize = setsize.saturating_add(pow);
    }
    setsize
}

/// `bisect.bisect_right(a, x, 0, hi)`.
fn bisect_right(a: &[f64], x: f64, hi: usize) -> usize {
    let (mut lo, mut hi) = (0usize, hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}
