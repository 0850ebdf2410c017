//! Folding a step function (a value that holds from one change to the next) into buckets
//! of a fixed time quantum: each bucket takes the value that covered most of it, and runs
//! of equal buckets merge into one entry. The trace store uses it to summarize the old
//! part of a run (thread states per lane, the GIL's holder).
//!
//! Pure arithmetic on plain data: it never allocates more than its output plus one
//! bucket's worth of shares, and never looks at clocks.

/// One entry of a summary: from `at_ns` until the next entry, `value` (with the program
/// `line` it was last seen at, and the strongest hand-off `tick` of its buckets: 0 none,
/// 1 voluntary, 2 forced).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub at_ns: u64,
    pub value: u16,
    pub line: u32,
    pub tick: u8,
}

/// Accumulates spans in time order and emits one entry per run of equal buckets.
pub struct Bucketer {
    origin_ns: u64,
    quantum_ns: u64,
    /// The bucket being accumulated (index from the origin).
    current: Option<u64>,
    /// (value, covered ns, latest line) of the current bucket.
    shares: Vec<(u16, u64, u32)>,
    tick: u8,
    /// Where the step function starts; the first entry keeps this exact time.
    first_ns: Option<u64>,
    out: Vec<Bucket>,
}

impl Bucketer {
    pub fn new(origin_ns: u64, quantum_ns: u64) -> Bucketer {
        Bucketer {
            origin_ns,
            quantum_ns: quantum_ns.max(1),
            current: None,
            shares: Vec::new(),
            tick: 0,
            first_ns: None,
            out: Vec::new(),
        }
    }

    fn bucket_of(&self, at_ns: u64) -> u64 {
        at_ns.saturating_sub(self.origin_ns) / self.quantum_ns
    }

    fn start_of(&self, bucket: u64) -> u64 {
        self.origin_ns + bucket * self.quantum_ns
    }

    /// `value` held over `[from_ns, to_ns)`; spans must come in time order.
    pub fn add(&mut self, from_ns: u64, to_ns: u64, value: u16, line: u32, tick: u8) {
        let mut from = from_ns.max(self.origin_ns);
        if from >= to_ns {
            return;
        }
        self.first_ns.get_or_insert(from);
        while from < to_ns {
            let bucket = self.bucket_of(from);
            if self.current != Some(bucket) {
                self.flush();
                self.current = Some(bucket);
            }
            let end = self.start_of(bucket + 1);
            let until = to_ns.min(end);
            self.share(value, until - from, line);
            self.tick = self.tick.max(tick);
            from = until;
            // Whole buckets of this one value: one entry, however many there are (a
            // thread asleep for an hour costs nothing here).
            if from == end && to_ns - end >= self.quantum_ns {
                self.flush();
                let whole = (to_ns - end) / self.quantum_ns;
                self.emit(end, value, line, tick);
                from = end + whole * self.quantum_ns;
            }
        }
    }

    /// A hand-off of strength `tick` at `at_ns` (after the spans up to it were added).
    pub fn tick(&mut self, at_ns: u64, tick: u8) {
        let bucket = self.bucket_of(at_ns);
        match self.current {
            Some(current) if current >= bucket => {}
            _ => {
                self.flush();
                self.current = Some(bucket);
            }
        }
        self.tick = self.tick.max(tick);
    }

    fn share(&mut self, value: u16, ns: u64, line: u32) {
        match self.shares.iter_mut().find(|(v, _, _)| *v == value) {
            Some(entry) => {
                entry.1 += ns;
                entry.2 = line;
            }
            None => self.shares.push((value, ns, line)),
        }
    }

    fn flush(&mut self) {
        let Some(bucket) = self.current.take() else {
            return;
        };
        let at = self.start_of(bucket).max(self.first_ns.unwrap_or(0));
        let best = self
            .shares
            .iter()
            .copied()
            .fold(None::<(u16, u64, u32)>, |best, share| match best {
                Some(b) if b.1 >= share.1 => Some(b),
                _ => Some(share),
            });
        let tick = std::mem::take(&mut self.tick);
        match best {
            Some((value, _, line)) => self.emit(at, value, line, tick),
            // Only a tick fell in this bucket: it belongs to the value before it.
            None => {
                if let Some(last) = self.out.last().copied() {
                    self.emit(at, last.value, last.line, tick);
                }
            }
        }
        self.shares.clear();
    }

    fn emit(&mut self, at_ns: u64, value: u16, line: u32, tick: u8) {
        if let Some(last) = self.out.last() {
            if last.value == value && last.tick == tick {
                return;
            }
        }
        self.out.push(Bucket {
            at_ns,
            value,
            line,
            tick,
        });
    }

    /// The entries, in time order.
    pub fn finish(mut self) -> Vec<Bucket> {
        self.flush();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bucket_takes_the_value_covering_most_of_it_and_runs_merge() {
        let mut b = Bucketer::new(0, 10);
        b.add(0, 4, 1, 7, 0); // bucket 0: 4 of value 1
        b.add(4, 25, 2, 8, 0); // bucket 0: 6 of 2; bucket 1: all 2; bucket 2: 5 of 2
        b.add(25, 100, 3, 9, 0); // bucket 2: 5 of 3 (tie: first wins); 3..9 all 3
        let out = b.finish();
        assert_eq!(
            out.iter().map(|e| (e.at_ns, e.value)).collect::<Vec<_>>(),
            vec![(0, 2), (30, 3)]
        );
    }

    #[test]
    fn the_first_entry_keeps_its_exact_start_and_long_spans_cost_one_entry() {
        let mut b = Bucketer::new(0, 10);
        b.add(13, 1_000_000_000, 4, 1, 0);
        let out = b.finish();
        assert_eq!(
            out,
            vec![Bucket {
                at_ns: 13,
                value: 4,
                line: 1,
                tick: 0
            }]
        );
    }

    #[test]
    fn ticks_mark_their_buckets() {
        let mut b = Bucketer::new(0, 10);
        b.add(0, 15, 1, 0, 0);
        b.tick(15, 2);
        b.add(15, 40, 2, 0, 0);
        let out = b.finish();
        // Bucket 1 is mostly value 1 (5 vs 5: the first wins) and holds the forced tick.
        assert_eq!(
            out.iter()
                .map(|e| (e.at_ns, e.value, e.tick))
                .collect::<Vec<_>>(),
            vec![(0, 1, 0), (10, 1, 2), (20, 2, 0)]
        );
    }
}
