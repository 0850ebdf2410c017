//! The Mersenne Twister (MT19937) as CPython's `_random` C module runs it: seeding
//! from an int, str, bytes, float or caller-supplied entropy (`init_by_array`), the
//! tempered 32-bit words, `random()` (53 bits) and `getrandbits(k)`.
//!
//! What it must never do: read a clock or the OS entropy source (the caller supplies
//! the bits for `seed(None)`), or consume a different number of words than CPython
//! does for the same call: every later result depends on it.

use crate::types::ExcType;
use num_bigint::{BigInt, BigUint};

use super::hashes::{float_hash, sha512};
use super::{MersenneTwister, RandomError};

// MT19937 parameters (Matsumoto & Nishimura), as in CPython's _randommodule.c.
pub(super) const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

impl MersenneTwister {
    // ----------------------------------------------------------------
    // Construction and seeding
    // ----------------------------------------------------------------

    /// A generator seeded like `random.seed(n)` for a Python int `n` (only the tests
    /// build one this way).
    #[cfg(test)]
    pub(crate) fn from_seed_int(n: &BigInt) -> Self {
        let mut g = Self::unseeded();
        g.seed_int(n);
        g
    }

    /// A generator seeded like `random.seed(None)`, from entropy the caller
    /// supplies (e.g. the time); see [`MersenneTwister::seed_entropy`].
    pub(crate) fn from_entropy(entropy: u64) -> Self {
        let mut g = Self::unseeded();
        g.seed_entropy(entropy);
        g
    }

    fn unseeded() -> Self {
        MersenneTwister {
            mt: Box::new([0; N]),
            index: N + 1,
            gauss_next: None,
        }
    }

    /// `seed(n)` for an int (bool included, as 0/1): CPython uses `abs(n)`,
    /// split into 32-bit words least significant first; 0 gives key `[0]`.
    pub(crate) fn seed_int(&mut self, n: &BigInt) {
        self.seed_biguint(n.magnitude());
    }

    /// `seed(None)`: CPython fills the key from `os.urandom` (or the time),
    /// which is unreproducible anyway, so any key works; we use the caller's
    /// 64 bits as two words. Never reads a clock itself.
    pub(crate) fn seed_entropy(&mut self, entropy: u64) {
        self.init_by_array(&[entropy as u32, (entropy >> 32) as u32]);
        self.gauss_next = None;
    }

    /// `seed(b)` for `bytes`/`bytearray`, version 2:
    /// `int.from_bytes(b + sha512(b).digest(), 'big')`.
    pub(crate) fn seed_bytes(&mut self, bytes: &[u8]) {
        let mut buf = bytes.to_vec();
        buf.extend_from_slice(&sha512(bytes));
        self.seed_biguint(&BigUint::from_bytes_be(&buf));
    }

    /// `seed(s)` for a `str`, version 2: the UTF-8 encoding goes through
    /// [`MersenneTwister::seed_bytes`] (a Rust `str` cannot hold the lone
    /// surrogates that would make CPython's `s.encode()` fail).
    pub(crate) fn seed_str(&mut self, s: &str) {
        self.seed_bytes(s.as_bytes());
    }

    /// `seed(x)` for a `float`: CPython seeds from `hash(x)` reinterpreted as
    /// an unsigned machine word (not its absolute value). For NaN CPython's
    /// hash depends on the object's address, so no value is "right"; we use 0.
    pub(crate) fn seed_float(&mut self, x: f64) {
        self.seed_biguint(&BigUint::from(float_hash(x) as u64));
    }

    fn seed_biguint(&mut self, n: &BigUint) {
        let mut key = n.to_u32_digits();
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
        self.gauss_next = None;
    }

    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.mt;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000; // MSB is 1, assuring a non-zero initial array
    }

    // ----------------------------------------------------------------
    // Core generator
    // ----------------------------------------------------------------

    /// One tempered 32-bit output of MT19937 (`genrand_uint32`).
    pub(crate) fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn twist(&mut self) {
        let mt = &mut self.mt;
        let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
        for kk in 0..N {
            let y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
            mt[kk] = mt[(kk + M) % N] ^ (y >> 1) ^ mag(y);
        }
        self.index = 0;
    }

    /// `random.random()`: 53-bit float in [0.0, 1.0) (`genrand_res53`).
    pub(crate) fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(k)`. `k` is the Python int; callers holding a
    /// bigger int may saturate it into `i64`, which still yields CPython's
    /// error (CPython converts `k` to a C `int` first).
    pub(crate) fn getrandbits(&mut self, k: i64) -> Result<BigInt, RandomError> {
        let k = check_bit_count(k)?;
        Ok(BigInt::from(self.getrandbits_big(k)))
    }

    /// `random.randbytes(n)`: `getrandbits(n * 8).to_bytes(n, 'little')` (the
    /// `random` module does not bind it yet; only the tests call it).
    #[cfg(test)]
    pub(crate) fn randbytes(&mut self, n: i64) -> Result<Vec<u8>, RandomError> {
        let bits = check_bit_count(n.saturating_mul(8))?;
        let mut bytes = self.getrandbits_big(bits).to_bytes_le();
        // to_bytes_le drops high zero bytes; to_bytes(n) keeps them.
        bytes.resize(bits as usize / 8, 0);
        Ok(bytes)
    }

    /// getrandbits for k <= 64 without allocating; consumes the same words
    /// as the big version.
    pub(super) fn getrandbits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.next_u32() >> (32 - k)),
            _ => {
                // Least significant word first; the top word loses its low bits.
                let lo = u64::from(self.next_u32());
                let hi = u64::from(self.next_u32() >> (64 - k));
                (hi << 32) | lo
            }
        }
    }

    pub(super) fn getrandbits_big(&mut self, k: u64) -> BigUint {
        if k <= 64 {
            return BigUint::from(self.getrandbits_u64(k as u32));
        }
        // CPython fills 32-bit words from least to most significant (on
        // little-endian hosts); the last, partial word is shifted right.
        let words = (k - 1) / 32 + 1;
        let mut out = Vec::with_capacity(words as usize);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left = left.saturating_sub(32);
        }
        BigUint::new(out)
    }
}

/// CPython's `int` conversion for getrandbits's `k`, then its sign check.
/// Returns the bit count as u64.
fn check_bit_count(k: i64) -> Result<u64, RandomError> {
    if k > i64::from(i32::MAX) || k < i64::from(i32::MIN) {
        return Err(RandomError::new(
            ExcType::OverflowError,
            "Python int too large to convert to C int",
        ));
    }
    u64::try_from(k).map_err(|_| RandomError::value("number of bits must be non-negative"))
}
