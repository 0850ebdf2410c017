//! Long strings (ASCII and not) and lists through the operations issue 16 made linear:
//! indexing, slicing with every kind of step, `len`, `find`/`rfind`/`index`/`count`/
//! `startswith`/`endswith` with bounds, and `del l[a:b:c]`. Each result is compared
//! with a reference computed another way (Python-side from the characters collected by
//! iteration, Rust-side from `chars()`), so a wrong character position fails. These
//! tests assert results only, never timings.

mod common;

use common::run_captured as run;
use engine::{self, Outcome, SchedulerKind};

/// The program's output, the same on both schedulers (the virtual one runs on this
/// test's thread, so its per-thread position cache outlives each run).
fn run_ok(source: &str) -> String {
    let mut outputs = Vec::new();
    for scheduler in [SchedulerKind::Threads, SchedulerKind::Virtual] {
        let (outcome, out, err) = run(source, scheduler);
        assert!(
            matches!(outcome, Outcome::Exited(0)),
            "{outcome:?}\nstdout:\n{out}\nstderr:\n{err}"
        );
        outputs.push(out);
    }
    assert_eq!(outputs[0], outputs[1], "the schedulers disagree");
    outputs.remove(0)
}

/// Every index and a grid of slices of long strings equal the same selection from the
/// list of characters that iteration yields.
const SLICES_AGREE: &str = "\
def chars_of(s):
    out = []
    for c in s:
        out.append(c)
    return out

cases = ['xyz' * 1000, 'éxy€𝄞' * 400, 'a' * 500 + 'é' + 'b' * 500, '€' * 2000, 'é' * 33]
bad = []
for k, s in enumerate(cases):
    ref = chars_of(s)
    n = len(ref)
    if len(s) != n:
        bad.append((k, 'len'))
    for i in range(-n, n):
        if s[i] != ref[i]:
            bad.append((k, 'index', i))
    for bad_index in (n, -n - 1):
        try:
            s[bad_index]
            bad.append((k, 'no IndexError', bad_index))
        except IndexError as e:
            if str(e) != 'string index out of range':
                bad.append((k, str(e)))
    for step in (None, 1, 2, 3, 7, 31, 32, 33, 64, 65, 100, 1000, -1, -2, -7, -33, -65, -1000):
        for a in (None, 0, 1, 5, n // 3, -1, -5, -n - 3, n + 3):
            for b in (None, 0, 2, n // 2, -1, -3, n, n + 10, -n - 10):
                if s[a:b:step] != ''.join(ref[a:b:step]):
                    bad.append((k, 'slice', a, b, step))
    for i in range(0, n, 7):
        if s[i:i + 3] != ''.join(ref[i:i + 3]):
            bad.append((k, 'window', i))
print('slices', len(cases), bad[:5])
";

#[test]
fn indexing_and_slicing_long_strings_matches_the_characters() {
    assert_eq!(run_ok(SLICES_AGREE), "slices 5 []\n");
}

/// The searches with start/end bounds return character positions, not byte positions,
/// and agree with a scan of the characters.
const SEARCHES_AGREE: &str = "\
def chars_of(s):
    out = []
    for c in s:
        out.append(c)
    return out

bad = []
for s in ['ab,' * 700, 'éb,' * 700, '€𝄞,x' * 500 + 'tail']:
    ref = chars_of(s)
    n = len(ref)
    commas = [i for i, c in enumerate(ref) if c == ',']
    found = []
    i = s.find(',')
    while i >= 0:
        found.append(i)
        i = s.find(',', i + 1)
    if found != commas:
        bad.append(('find loop', s[:3]))
    back = []
    j = s.rfind(',')
    while j >= 0:
        back.append(j)
        j = s.rfind(',', 0, j)
    if back != commas[::-1]:
        bad.append(('rfind loop', s[:3]))
    for start in range(0, n, 97):
        end = min(n, start + 50)
        expect = sum(1 for c in ref[start:end] if c == ',')
        if s.count(',', start, end) != expect:
            bad.append(('count', start))
        if s.startswith(ref[start], start) is not True:
            bad.append(('startswith', start))
        if s.endswith(ref[end - 1], 0, end) is not True:
            bad.append(('endswith', end))
        later = [c for c in commas if c >= start]
        if later and s.index(',', start) != later[0]:
            bad.append(('index', start))
    if s.find('nowhere', 5) != -1 or s.find(',', n + 5) != -1:
        bad.append(('missing', s[:3]))
print('searches', bad[:5])
";

#[test]
fn bounded_searches_on_long_strings_report_character_positions() {
    assert_eq!(run_ok(SEARCHES_AGREE), "searches []\n");
}

/// Figures computed here in Rust from `chars()`, independently of the interpreter.
#[test]
fn long_non_ascii_slices_equal_a_rust_reference() {
    let text: String = "éxy€𝄞".repeat(2000);
    let chars: Vec<char> = text.chars().collect();
    let program = "\
s = 'éxy€𝄞' * 2000
r = s[::-7]
print(len(s), len(r), r[:20])
print(s[1001:1500:13])
print(s[9999], s[-4321], s[4096:4100])
print(s.find('𝄞', 5000), s.rfind('é', 0, 7777), s.count('€', 100, 9000))
";
    let r: String = chars.iter().rev().step_by(7).collect();
    let mid: String = chars[1001..1500].iter().step_by(13).collect();
    let window: String = chars[4096..4100].iter().collect();
    let find = (5000..).find(|&i| chars[i] == '𝄞').unwrap();
    let rfind = (0..7777).rev().find(|&i| chars[i] == 'é').unwrap();
    let count = chars[100..9000].iter().filter(|&&c| c == '€').count();
    let expected = format!(
        "{} {} {}\n{mid}\n{} {} {window}\n{find} {rfind} {count}\n",
        chars.len(),
        r.chars().count(),
        r.chars().take(20).collect::<String>(),
        chars[9999],
        chars[chars.len() - 4321],
    );
    assert_eq!(run_ok(program), expected);
}

/// More long strings than the per-thread position cache holds, used in turns, dropped
/// and rebuilt with the same length (so freed memory may be reused at the same address).
const MANY_STRINGS: &str = "\
bad = 0
for round in range(6):
    texts = [('é' if (k + round) % 2 else 'ab') * (400 + k) + str(k) for k in range(9)]
    for _ in range(3):
        for k, t in enumerate(texts):
            if t[-1] != str(k) or len(t) != len(t[:-1]) + 1 or t[-1::-1][0] != str(k):
                bad += 1
    texts = None
print('many', bad)
";

#[test]
fn many_long_strings_in_turns_never_mix_up_positions() {
    assert_eq!(run_ok(MANY_STRINGS), "many 0\n");
}

/// `del l[a:b:c]` removes exactly the selected items, whatever the step's sign.
const DELETE_SLICES: &str = "\
bad = []
for n in (0, 1, 7, 100, 1001):
    for step in (None, 1, 2, 3, -1, -2, -5, 50):
        for a in (None, 0, 3, -4, n + 2):
            for b in (None, 1, -2, n // 2, -n - 5):
                l = list(range(n))
                gone = set(list(range(n))[a:b:step])
                del l[a:b:step]
                if l != [x for x in range(n) if x not in gone]:
                    bad.append((n, a, b, step))
print('deletes', bad[:5])
l = list(range(20))
del l[::3]
print(l)
l = list(range(20))
del l[-1:2:-4]
print(l)
";

#[test]
fn deleting_extended_slices_removes_exactly_the_selection() {
    assert_eq!(
        run_ok(DELETE_SLICES),
        "deletes []\n\
         [1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19]\n\
         [0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 16, 17, 18]\n"
    );
}

/// A dict that loses its oldest keys while gaining new ones keeps CPython's order,
/// through the compactions of its table; iteration stops on a size change.
const DICT_CHURN: &str = "\
d = {}
model = []
for i in range(3000):
    d[i] = i * i
    model.append(i)
    if i % 3 == 2:
        oldest = model.pop(0)
        del d[oldest]
    if i % 7 == 0 and model:
        victim = model.pop(len(model) // 2)
        assert d.pop(victim) == victim * victim
for k in model[::5]:
    d[k] = -k
print('dict', list(d) == model, len(d) == len(model), all(d[k] == -k for k in model[::5]))
expect = (model[-1], d[model[-1]])
print(d.popitem() == expect, model[-1] in d, model[0] in d, d.get(1, 'gone'))
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print(e)
d.clear()
d['x'] = 1
print(d, len(d))
";

#[test]
fn dicts_that_lose_old_keys_keep_insertion_order() {
    assert_eq!(
        run_ok(DICT_CHURN),
        "dict True True True\n\
         True False True gone\n\
         dictionary changed size during iteration\n\
         {'x': 1} 1\n"
    );
}

/// queue.Queue hands items out in order across many puts and gets (and the compaction
/// of its storage); a pool runs every submitted call once.
const QUEUE_AND_POOL: &str = "\
import queue
from concurrent.futures import ThreadPoolExecutor
q = queue.Queue()
got = []
for i in range(5000):
    q.put(i)
    if i % 3 == 0:
        got.append(q.get())
while not q.empty():
    got.append(q.get())
print('queue', got == list(range(5000)), q.qsize(), len(q.queue))
with ThreadPoolExecutor(3) as ex:
    futures = [ex.submit(pow, i, 2) for i in range(3000)]
print('pool', [f.result() for f in futures] == [i * i for i in range(3000)])
";

#[test]
fn queues_and_pools_keep_order_over_many_items() {
    assert_eq!(run_ok(QUEUE_AND_POOL), "queue True 0 0\npool True\n");
}
