//! Whole words typed in pinyin ("wangluolianjieshibai"), read as the thesaurus's Chinese words
//! (网络 连接 失败): a sentence typed in pinyin that no screen text spells letter for letter
//! still means what its words mean.

use rustc_hash::FxHashMap;

use super::pinyin::{letters, readings};
use crate::knowledge::load::is_han;
use crate::knowledge::thesaurus::Thesaurus;

/// How many spellings of one word are kept at most (a word of characters with several
/// readings has their product).
const MOST_SPELLINGS: usize = 16;

/// Single characters a prompt puts between its words (请重新刷卡, 卡已过期, 请再试): read
/// only where no word spells the letters, and costing more than a word.
const FILLERS: [(&str, &str); 9] = [
    ("qing", "请"),
    ("ka", "卡"),
    ("zai", "再"),
    ("yi", "已"),
    ("bu", "不"),
    ("wu", "无"),
    ("de", "的"),
    ("le", "了"),
    ("hou", "后"),
];

/// What a filler costs, against 1 for a word: two words beat a word and a filler.
const FILLER_COST: u32 = 3;

/// The thesaurus's Chinese words by their pinyin letters.
#[derive(Default)]
pub(super) struct SpelledWords {
    /// Letters (a–z, no tones or spaces) → the word, folded as the thesaurus finds it.
    by_letters: FxHashMap<Box<[u8]>, Box<str>>,
    /// The longest spelling, in letters.
    longest: usize,
}

impl SpelledWords {
    /// The spellings of every Chinese word of `thesaurus` (the first word wins a spelling two
    /// words share).
    pub(super) fn new(thesaurus: &Thesaurus) -> SpelledWords {
        let mut out = SpelledWords::default();
        for concept in thesaurus.concepts() {
            if concept.flags.stop {
                continue;
            }
            for word in &concept.words {
                let chars: Vec<char> = word.chars().collect();
                if chars.len() < 2 || !chars.iter().all(|&c| is_han(c)) {
                    continue;
                }
                let mut spellings: Vec<String> = vec![String::new()];
                for &c in &chars {
                    let options = readings(c);
                    if options.is_empty() {
                        spellings.clear();
                        break;
                    }
                    spellings = spellings
                        .iter()
                        .flat_map(|s| options.iter().map(move |r| format!("{s}{r}")))
                        .take(MOST_SPELLINGS)
                        .collect();
                }
                for s in spellings {
                    let letters: Box<[u8]> = s.bytes().filter(u8::is_ascii_lowercase).collect();
                    out.longest = out.longest.max(letters.len());
                    out.by_letters
                        .entry(letters)
                        .or_insert_with(|| word.as_str().into());
                }
            }
        }
        out
    }

    /// `query` read as thesaurus words typed in pinyin, in Chinese: only when every letter
    /// belongs to one of them (spaces between syllables allowed), in as few words as may be.
    pub(super) fn spell(&self, query: &str) -> Option<String> {
        if !query.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') {
            return None;
        }
        let q = letters(query);
        if q.len() < 4 || q.len() > 80 {
            return None;
        }
        let word = |letters: &[u8]| {
            self.by_letters
                .get(letters)
                .map(|w| (1, w.as_ref()))
                .or_else(|| {
                    FILLERS
                        .iter()
                        .find(|(p, _)| p.as_bytes() == letters)
                        .map(|&(_, c)| (FILLER_COST, c))
                })
        };
        // best[i]: the cheapest reading of q[..i], and where its last word began.
        let mut best: Vec<Option<(u32, usize)>> = vec![None; q.len() + 1];
        best[0] = Some((0, 0));
        for start in 0..q.len() {
            let Some((n, _)) = best[start] else { continue };
            for end in start + 2..=(start + self.longest.max(4)).min(q.len()) {
                if let Some((cost, _)) = word(&q[start..end])
                    && best[end].is_none_or(|(m, _)| n + cost < m)
                {
                    best[end] = Some((n + cost, start));
                }
            }
        }
        let mut words = Vec::new();
        let mut end = q.len();
        while end > 0 {
            let (_, start) = best[end]?;
            words.push(word(&q[start..end])?.1);
            end = start;
        }
        // Fillers alone are no prompt.
        if words.iter().all(|w| w.chars().count() < 2) {
            return None;
        }
        words.reverse();
        Some(words.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_typed_in_pinyin_is_read_as_its_words() {
        let spelled = SpelledWords::new(crate::knowledge::thesaurus());
        let zh = spelled.spell("wangluolianjieshibai").expect("spelled");
        assert_eq!(zh.chars().count(), 6, "{zh}");
        assert!(zh.ends_with("失败"), "{zh}");
        assert!(spelled.spell("wangluo lianjie shibai").is_some());
        // The little characters between words are read too.
        let zh = spelled.spell("qingchongxinshuaka").expect("spelled");
        assert!(zh.starts_with('请') && zh.ends_with("刷卡"), "{zh}");
        assert_eq!(spelled.spell("qingka"), None);
        // English, or letters no word spells, are not pinyin.
        assert_eq!(spelled.spell("card declined"), None);
        assert_eq!(spelled.spell("wangluoxyz"), None);
        assert_eq!(spelled.spell("E07 shibai"), None);
    }
}
