//! Edit distances, each bounded so that a hopeless comparison stops early.

/// Runs `f` on `len` zeroed cells: on the stack when that is enough, as it is for prompts.
fn with_cells<R>(len: usize, f: impl FnOnce(&mut [usize]) -> R) -> R {
    const ON_STACK: usize = 128;
    if len <= ON_STACK {
        f(&mut [0; ON_STACK][..len])
    } else {
        f(&mut vec![0; len])
    }
}

/// Levenshtein distance of `a` and `b` if it is at most `max`.
pub(super) fn levenshtein_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    with_cells(2 * (b.len() + 1), |cells| {
        let (mut prev, mut cur) = cells.split_at_mut(b.len() + 1);
        for (j, p) in prev.iter_mut().enumerate() {
            *p = j;
        }
        for (i, &ca) in a.iter().enumerate() {
            cur[0] = i + 1;
            if next_row(prev, cur, ca, b) > max {
                return None;
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        (prev[b.len()] <= max).then_some(prev[b.len()])
    })
}

/// Fills in the row `cur` of an edit-distance table (its first cell set) for the character `c`
/// against `k`, from the row before, `prev`; returns its least value.
#[inline]
fn next_row(prev: &[usize], cur: &mut [usize], c: char, k: &[char]) -> usize {
    let mut row_min = cur[0];
    for (j, &ck) in k.iter().enumerate() {
        let cost = usize::from(c != ck);
        cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        row_min = row_min.min(cur[j + 1]);
    }
    row_min
}

/// The fewest edits that turn `q` into some substring of `k` (Sellers' algorithm), if at most
/// `max`.
pub(super) fn substring_within(q: &[char], k: &[char], max: usize) -> Option<usize> {
    with_cells(2 * (k.len() + 1), |cells| {
        // The first row is all zeros: the substring may start anywhere.
        let (mut prev, mut cur) = cells.split_at_mut(k.len() + 1);
        for (i, &cq) in q.iter().enumerate() {
            cur[0] = i + 1;
            // No row's least value is below the row before's, so the answer is beyond `max`.
            if next_row(prev, cur, cq, k) > max {
                return None;
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        let least = prev.iter().copied().min().unwrap_or(q.len());
        (least <= max).then_some(least)
    })
}

/// The fewest edits that turn `q` into some substring of `k`.
#[cfg(test)]
pub(super) fn substring_distance(q: &[char], k: &[char]) -> usize {
    // The empty substring is `q.len()` edits away, so the bound never cuts the search short.
    substring_within(q, k, q.len()).unwrap_or(q.len())
}

/// Whether `a` and `b` are at most one insertion, deletion or substitution apart.
pub(super) fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let same = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if same == short.len() {
        return true;
    }
    // After the first difference: one character replaced, or one extra in the longer.
    let skip = usize::from(short.len() == long.len());
    short[same + skip..] == long[same + 1..]
}

/// Whether `a` is `b` with two letters side by side swapped ("tiemout", "timeout").
pub(super) fn swapped_once(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(
            levenshtein_within(&c("余额布足"), &c("余额不足"), 1),
            Some(1)
        );
        assert_eq!(
            levenshtein_within(&c("打印机缺"), &c("打印机缺纸"), 1),
            Some(1)
        );
        assert_eq!(levenshtein_within(&c("abc"), &c("xyz"), 1), None);
        assert_eq!(substring_distance(&c("通迅失败"), &c("通讯失败请重试")), 1);
        assert!(swapped_once(b"tiemout", b"timeout"));
        assert!(swapped_once(b"timeotu", b"timeout"));
        assert!(!swapped_once(b"timeout", b"timeout"));
        assert!(!swapped_once(b"tmieuot", b"timeout"), "two swaps");
        assert!(!swapped_once(b"timeoux", b"timeout"));
    }
}
