//! Query normalising: width, case, punctuation, traditional characters, and codes in any dress.

use std::borrow::Cow;

use super::load::is_han;

/// `text` without terminal escape sequences (colours, `ESC [ … m`; titles, `ESC ] … BEL`) and
/// with other control characters as spaces: what a prompt copied out of a terminal window or a
/// log carries besides its words. Most text has none: then it is returned as it is.
pub fn without_escapes(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                // OSC: up to BEL or ESC \.
                Some(']') => {
                    chars.next();
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                // Any other escape: the escape and the one character after it.
                _ => {
                    chars.next();
                }
            },
            '\u{9b}' => skip_csi(&mut chars),
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Skips a control sequence's parameters and intermediates up to its final byte ('@'..='~').
fn skip_csi(chars: &mut impl Iterator<Item = char>) {
    for c in chars {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// Full-width ASCII → half-width, ideographic space → space.
fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Text with full-width forms folded to ASCII, traditional characters converted to simplified,
/// and ASCII letters lower-cased.
pub fn fold(text: &str) -> String {
    // Most text has no full-width forms: then it is used as it is, not copied.
    let half: Cow<str> = if text.chars().any(|c| half_width(c) != c) {
        Cow::Owned(text.chars().map(half_width).collect())
    } else {
        Cow::Borrowed(text)
    };
    let simplified = if half.chars().any(is_han) {
        Cow::Owned(mainland_words(fast2s::convert(&half)))
    } else {
        half
    };
    passive_negation(lowercase(&simplified))
}

/// "could not be found" as "could not found", "can't be read" as "can't read": a negation
/// said in the passive keeps the words it negates beside it, as the thesaurus has them ("not
/// found", "cannot read").
fn passive_negation(text: String) -> String {
    if !text.contains(" be ") {
        return text;
    }
    text.replace("not be ", "not ").replace("n't be ", "n't ")
}

/// Taiwan and Hong Kong words for the mainland ones the knowledge base uses, in simplified
/// characters (the character conversion runs first): 晶片 → 芯片, 列印 → 打印, 網路 → 网络, ….
/// Longer words first where one contains another.
const MAINLAND_WORDS: &[(&str, &str)] = &[
    ("印表机", "打印机"),
    ("晶片", "芯片"),
    ("列印", "打印"),
    ("网路", "网络"),
    ("连线", "连接"),
    ("伺服器", "服务器"),
    ("逾时", "超时"),
    ("讯号", "信号"),
    ("讯息", "信息"),
    ("资讯", "信息"),
    ("萤幕", "屏幕"),
    ("登入", "登录"),
    ("刷卡机", "POS机"),
    ("帐", "账"),
    ("咭", "卡"),
    ("阅读", "读取"),
    // "请稍候再试" is "try again later" (稍候 written for 稍后); "请稍候" alone is "please
    // wait", a sale under way, and stays.
    ("稍候再", "稍后再"),
    // A synonym, not a regional word: 日志储存超限额 is 日志存储超限额.
    ("储存", "存储"),
];

/// `text` with the words of [`MAINLAND_WORDS`] replaced.
fn mainland_words(text: String) -> String {
    // Most text has none of them: then it is returned as it is.
    if !MAINLAND_WORDS.iter().any(|(from, _)| text.contains(from)) {
        return text;
    }
    MAINLAND_WORDS
        .iter()
        .fold(text, |t, (from, to)| t.replace(from, to))
}

/// `str::to_lowercase`, without looking Han characters up in the case tables: they have no
/// case (see the tests).
fn lowercase(text: &str) -> String {
    if text.contains('Σ') {
        // Its lower case depends on the letters around it.
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_han(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `c` is a letter or digit, as `char::is_alphanumeric`, answering the commonest Han
/// characters without a table search: every one of them is a letter (see the tests).
fn is_alphanumeric(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}') || c.is_alphanumeric()
}

/// The comparable core of a text: [`fold`]ed, with punctuation, symbols and spaces removed.
pub fn compact(text: &str) -> Vec<char> {
    compact_folded(&fold(text))
}

/// [`compact`] of a text already [`fold`]ed.
pub fn compact_folded(folded: &str) -> Vec<char> {
    // Sized once: collecting a filter would grow the vector step by step.
    let mut out = Vec::with_capacity(folded.chars().count());
    out.extend(folded.chars().filter(|&c| is_alphanumeric(c)));
    out
}

/// The ASCII words of a text, lower-cased (for English and pinyin matching).
pub fn words(text: &str) -> Vec<String> {
    words_folded(&fold(text))
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// [`words`] of a text already [`fold`]ed, borrowed from it.
pub fn words_folded(folded: &str) -> Vec<&str> {
    // Byte by byte: a word is a run of ASCII letters and digits, and no byte of any other
    // character is one.
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in folded.bytes().enumerate() {
        match (b.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&folded[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&folded[s..]);
    }
    out
}

/// Whether a folded text is only ASCII letters, digits, spaces and punctuation.
pub fn is_ascii_query(text: &str) -> bool {
    text.is_ascii()
}

/// A code found in a query, with how plainly it was written as one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeMention {
    /// The code, upper-cased (`05`, `A0`, `USERPAYING`).
    pub code: String,
    /// Written unmistakably as a code: alone, in brackets, after 错误码/code, before a dash or
    /// at the start before the prompt text. Only such a code is reported when no entry has it.
    pub explicit: bool,
    /// Where it is in the query, in characters of the half-width text, with the word that
    /// introduces it (`错误码：`, `code:`) if there is one.
    pub span: (usize, usize),
    /// Where the code itself begins: after the introducing word, if there is one.
    pub code_start: usize,
}

/// Words after which a token is a code: `错误码 96`, `code: A0`.
const CODE_MARKERS: &[&str] = &[
    "错误码",
    "错误代码",
    "错误编号",
    "故障码",
    "出错码",
    "状态码",
    "提示码",
    "应答码",
    "返回码",
    "响应码",
    "代码",
    "错误号",
    "code",
    "errcode",
    "err",
    "error",
    "rc",
];

/// Characters that turn what follows into its opposite (不成功, 请勿拔卡, 未完成, 没有, 無效):
/// the one list the matchers share.
pub(crate) const NEGATIONS: [char; 11] = [
    '不', '勿', '未', '没', '沒', '无', '無', '非', '别', '別', '否',
];

/// Units and counters: a number followed by one is a quantity, never a code (`1分钟`, `3次`).
const UNITS: &[&str] = &[
    "分钟", "小时", "星期", "分", "秒", "次", "元", "块", "角", "天", "日", "时", "个", "位", "笔",
    "张", "月", "年", "周", "倍", "万", "千", "百", "号", "台", "人", "条", "折", "岁", "点", "期",
    "遍", "%", "％",
];

/// The same in English, as a whole word after the number (`1 minute`, `3 times`).
const ENGLISH_UNITS: &[&str] = &[
    "min", "mins", "minute", "minutes", "sec", "secs", "second", "seconds", "s", "time", "times",
    "x", "yuan", "rmb", "cny", "day", "days", "hour", "hours", "h", "hr", "hrs", "digit", "digits",
    "st", "nd", "rd", "th", "percent",
];

/// Words after which the screen's text begins: a code right after one is at the prompt's start.
const SHOWN: &[&str] = &["显示", "提示", "报错", "出现", "弹出", "返回"];

/// Words before a number that make it a count or an amount (`第2次`, `共3笔`, `¥51`).
const COUNTERS: &[&str] = &["第", "共", "约", "每", "满", "近", "¥", "￥", "$"];

/// The codes a query contains, in the order found.
///
/// A token is a code only in code dress: alone, bracketed (`[05]`, `(05)`, `【54】`), after
/// 错误码/应答码/返回码/code, before a dash (`05-交易失败`), at the start before the prompt text
/// (`05 持卡人认证失败`, `A0校验错`), at the end after it (`交易失败 05`), or set apart by
/// spaces. A number with a unit or counter (`1分钟`, `60秒`, `第2次`, `3 times`), a date or a
/// time, or one inside a sentence (`已在1分钟内`) is not. Two letters are a code when typed in
/// capitals (`ZY`, `FE`) and not followed by an English word (`NO PAPER`); lower-case `zy` may be
/// pinyin initials. Longer words (`USERPAYING`, `ACQ.SYSTEM_ERROR`, `10003`) are always looked up.
pub fn code_mentions(query: &str) -> Vec<CodeMention> {
    let chars: Vec<char> = query.chars().map(half_width).collect();
    let mut out: Vec<CodeMention> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_token_char(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_token_char(chars[i]) {
            i += 1;
        }
        // `.` and `_` join the parts of a code, never begin or end one.
        let (mut s, mut e) = (start, i);
        while s < e && matches!(chars[s], '.' | '_') {
            s += 1;
        }
        while e > s && matches!(chars[e - 1], '.' | '_') {
            e -= 1;
        }
        if s == e {
            continue;
        }
        if let Some(mention) = mention_at(&chars, s, e)
            && !out.iter().any(|m| m.code == mention.code)
        {
            out.push(mention);
        }
    }
    out
}

/// The codes of [`code_mentions`], upper-cased: `51`, `5` (→ `05`), `[05]`, `(05)`, `05-`,
/// `05 持卡人认证失败`, `交易失败(05)`, `A0 校验错`, `USERPAYING`, `ACQ.SYSTEM_ERROR`.
pub fn code_candidates(query: &str) -> Vec<String> {
    code_mentions(query).into_iter().map(|m| m.code).collect()
}

/// The query without the codes that `known` recognises and without unknown two-letter codes
/// (each replaced by a space), for the text comparisons: `FE` must not match "fee". Words of
/// three letters or more stay, since they may be English (`PIN`, `PAPER`); so do unknown codes
/// with digits, which a merchant's own entry may show as its text (`E07`).
pub fn words_around(query: &str, mentions: &[CodeMention], known: impl Fn(&str) -> bool) -> String {
    let taken_out = |m: &&CodeMention| {
        let letters = m.code.chars().all(|c| c.is_ascii_uppercase());
        if known(&m.code) {
            !(letters && m.code.len() >= 3)
        } else {
            letters && m.code.len() == 2
        }
    };
    let mut spans: Vec<(usize, usize)> =
        mentions.iter().filter(taken_out).map(|m| m.span).collect();
    // The word introducing a code ("出错码88", "code: 99") is no prompt text, even when the
    // code itself stays; before a plain word ("code used") it is one.
    spans.extend(
        mentions
            .iter()
            .filter(|m| m.explicit && m.code_start > m.span.0)
            .map(|m| (m.span.0, m.code_start)),
    );
    if spans.is_empty() {
        return query.to_owned();
    }
    query
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if spans.iter().any(|&(s, e)| (s..e).contains(&i)) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '_'
}

/// How the token `chars[s..e]` sits in the query.
struct Dress<'a> {
    chars: &'a [char],
    s: usize,
    e: usize,
}

impl Dress<'_> {
    /// The text before the token, without the spaces next to it.
    fn before(&self) -> String {
        let before: String = self.chars[..self.s].iter().collect();
        before.trim_end().to_lowercase()
    }

    /// The first character after the token and the spaces after it.
    fn next(&self) -> Option<char> {
        self.chars[self.e..]
            .iter()
            .copied()
            .find(|c| !c.is_whitespace())
    }

    /// The last character before the token and the spaces before it.
    fn prev(&self) -> Option<char> {
        self.chars[..self.s]
            .iter()
            .rev()
            .copied()
            .find(|c| !c.is_whitespace())
    }

    /// The character right after the token, and the one after that.
    fn glued_after(&self) -> (Option<char>, Option<char>) {
        (
            self.chars.get(self.e).copied(),
            self.chars.get(self.e + 1).copied(),
        )
    }

    /// The character right before the token, and the one before that.
    fn glued_before(&self) -> (Option<char>, Option<char>) {
        let at = |n: usize| self.s.checked_sub(n).map(|i| self.chars[i]);
        (at(1), at(2))
    }

    /// The ASCII word after the token and the spaces after it, lower-cased.
    fn next_word(&self) -> String {
        self.chars[self.e..]
            .iter()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    }

    /// Whether another number stands next to the token, only spaces between: "ERROR CODE
    /// 12 7775" is a device's two-part error number, not response code 12.
    fn beside_number(&self) -> bool {
        let digits = |w: &mut dyn Iterator<Item = char>| {
            let w: String = w.take_while(|c| c.is_ascii_alphanumeric()).collect();
            !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
        };
        let spaced = |c: Option<&char>| c.is_some_and(|c| *c == ' ');
        (spaced(self.chars.get(self.e))
            && digits(
                &mut self.chars[self.e..]
                    .iter()
                    .copied()
                    .skip_while(|c| *c == ' '),
            ))
            || (self.s > 0
                && spaced(self.chars.get(self.s - 1))
                && digits(
                    &mut self.chars[..self.s]
                        .iter()
                        .rev()
                        .copied()
                        .skip_while(|c| *c == ' '),
                ))
    }

    /// The text after the token, spaces after it skipped.
    fn after(&self) -> String {
        let after: String = self.chars[self.e..].iter().collect();
        after.trim_start().to_owned()
    }

    /// Whether the query has nothing else worth reading.
    fn alone(&self) -> bool {
        let other = |c: &char| c.is_alphanumeric();
        !self.chars[..self.s].iter().any(other) && !self.chars[self.e..].iter().any(other)
    }

    fn bracketed(&self) -> bool {
        matches!(
            self.prev(),
            Some('[' | '(' | '【' | '<' | '《' | '{' | '「' | '〔')
        ) && matches!(
            self.next(),
            Some(']' | ')' | '】' | '>' | '》' | '}' | '」' | '〕')
        )
    }

    fn after_marker(&self) -> bool {
        self.marker_start().is_some()
    }

    /// Where the word introducing the code begins (`错误码：96` → the index of 错): one of
    /// [`CODE_MARKERS`], or a Chinese word of two or three characters ending in 码 ("状态码03",
    /// "出错码88").
    fn marker_start(&self) -> Option<usize> {
        let mut i = self.s;
        let separator =
            |c: char| c.is_whitespace() || matches!(c, ':' | '：' | '=' | '#' | '是' | '为');
        while i > 0 && separator(self.chars[i - 1]) {
            i -= 1;
        }
        let before: String = self.chars[..i].iter().collect::<String>().to_lowercase();
        if let Some(m) = CODE_MARKERS.iter().find(|m| before.ends_with(*m)) {
            return Some(i - m.chars().count());
        }
        if i >= 2 && matches!(self.chars[i - 1], '码' | '碼') {
            let han = self.chars[..i - 1]
                .iter()
                .rev()
                .take_while(|c| is_han(**c))
                .take(2)
                .count();
            return (han >= 1).then(|| i - 1 - han);
        }
        None
    }

    fn dash_after(&self) -> bool {
        matches!(self.next(), Some('-' | '－' | '—' | '–'))
    }

    /// Part of a date, a time or a decimal: `2024-05-18`, `12:30`, `1.5`.
    fn in_number(&self) -> bool {
        let joins = |c: Option<char>| matches!(c, Some('-' | '/' | ':' | '：' | '.' | ','));
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let (a1, a2) = self.glued_after();
        let (b1, b2) = self.glued_before();
        (joins(a1) && digit(a2)) || (joins(b1) && digit(b2))
    }

    /// A negative number (`-55 退款失败`): a terminal program's own error number, never a
    /// response code, which has no sign.
    fn negative(&self) -> bool {
        let (b1, b2) = self.glued_before();
        matches!(b1, Some('-' | '－' | '−')) && !b2.is_some_and(char::is_alphanumeric)
    }

    /// Numbered by the word "error" after it and nothing else ("4-Err", "12 ERROR"): a device's
    /// own error number (a canteen card machine's "4-Err" is its card state 4), not a response
    /// code, which comes with the words of its meaning ("05-交易失败", "25 ERROR-TERM. INACTIVE").
    fn numbers_an_error(&self) -> bool {
        let after = self.after().to_lowercase();
        let rest = after
            .trim_start_matches(['-', '－', '—', '–', ' '])
            .trim_end_matches(['!', '！', '.', '。', ' ']);
        matches!(rest, "err" | "error" | "错误" | "錯誤" | "故障")
    }

    /// A quantity: a unit after it, or a counter before it.
    fn counted(&self) -> bool {
        let after = self.after();
        if UNITS.iter().any(|u| after.starts_with(u)) {
            return true;
        }
        let word = self.next_word();
        if ENGLISH_UNITS.contains(&word.as_str()) {
            return true;
        }
        let before = self.before();
        COUNTERS.iter().any(|c| before.ends_with(c))
    }

    /// Inside a sentence, glued to its words on both sides: `已在1分钟内`, `联迪A8终端`.
    fn inside_words(&self) -> bool {
        if self.after_shown() {
            return false;
        }
        let (b, _) = self.glued_before();
        let (a, _) = self.glued_after();
        b.is_some_and(char::is_alphanumeric) && a.is_some_and(char::is_alphanumeric)
    }

    fn at_start(&self) -> bool {
        self.prev().is_none_or(|c| "[(【<《{「〔".contains(c)) || self.after_shown()
    }

    /// Right after the word saying what the screen shows ("POS机显示A0校验错误", "刷卡提示51"):
    /// the prompt's text begins there, code first.
    fn after_shown(&self) -> bool {
        let before = self.before();
        let before = before.trim_end_matches([':', '：', '"', '“', '「', '\'']);
        SHOWN.iter().any(|w| before.ends_with(w))
    }

    fn at_end(&self) -> bool {
        self.next()
            .is_none_or(|c| "])】>》}」〕。.!！?？".contains(c))
    }

    /// Not glued to a word on either side.
    fn set_apart(&self) -> bool {
        let (b, _) = self.glued_before();
        let (a, _) = self.glued_after();
        !b.is_some_and(char::is_alphanumeric) && !a.is_some_and(char::is_alphanumeric)
    }

    /// Followed by an English word (`NO PAPER`, `OK button`), not by the prompt's text.
    fn before_english(&self) -> bool {
        self.next().is_some_and(|c| c.is_ascii_alphabetic())
    }

    /// After an English word (`PRINT NO`), not after the prompt's text.
    fn after_english(&self) -> bool {
        self.prev().is_some_and(|c| c.is_ascii_alphabetic())
    }
}

/// Two-letter English words that follow "code" in a sentence, never codes written in lower case.
fn is_english_word(token: &str) -> bool {
    const WORDS: &[&str] = &[
        "is", "in", "on", "at", "to", "of", "or", "as", "by", "if", "it", "be", "no", "an", "so",
        "up",
    ];
    WORDS.contains(&token)
}

fn mention_at(chars: &[char], s: usize, e: usize) -> Option<CodeMention> {
    let token: String = chars[s..e].iter().collect();
    let d = Dress { chars, s, e };
    let len = token.len();
    let digits = token.chars().all(|c| c.is_ascii_digit());
    let letters = token.chars().all(|c| c.is_ascii_alphabetic());
    let upper = token.chars().all(|c| !c.is_ascii_lowercase());
    let explicit = d.alone() || d.bracketed() || d.after_marker() || d.dash_after();
    let start = d.marker_start().unwrap_or(s);
    let mention = |code: String, explicit: bool| {
        Some(CodeMention {
            code,
            explicit,
            span: (start, e),
            code_start: s,
        })
    };
    if digits {
        if len > 6
            || d.in_number()
            || d.counted()
            || d.negative()
            || d.beside_number()
            || d.numbers_an_error()
        {
            return None;
        }
        let code = if len == 1 {
            format!("0{token}")
        } else {
            token.clone()
        };
        if explicit {
            return mention(code, true);
        }
        // One digit beside words is another table's numbering ("1 交易失败", "2 交易取消"): the
        // UnionPay codes are shown with two ("01 查发卡方").
        if len == 1 || d.inside_words() {
            return None;
        }
        // At the start before the prompt text: "05 持卡人认证失败", "55密码错".
        // "05 DO NOT HONOUR", "51 INSUFFICIENT FUNDS": an English table's row, written as
        // code then text; one digit ("3 attempts left") or four ("2024 …") is no such code.
        let start = d.at_start() && (!d.before_english() || len == 2);
        // At the end after it: "交易失败 05", "余额不足51" (two digits at most when glued).
        let end = d.at_end() && !d.after_english() && (len <= 2 || d.set_apart());
        let spaced = d.set_apart() && !d.before_english() && !d.after_english();
        // After the outcome and a dash, before its text: "DECLINED – 05 SYSTEM ERROR", the
        // English EFTPOS screen's row (two digits, as the UnionPay codes are shown).
        let after_dash = len == 2 && d.set_apart() && matches!(d.prev(), Some('–' | '—' | '-'));
        return (start || end || spaced || after_dash).then(|| mention(code, start && len <= 3))?;
    }
    if token.contains(['.', '_']) {
        // ACQ.SYSTEM_ERROR, TRADE_ERROR: always a code.
        return token
            .chars()
            .any(|c| c.is_ascii_alphabetic())
            .then(|| mention(token.to_ascii_uppercase(), explicit || d.set_apart()))?;
    }
    if len == 2 {
        // Mobile network generations and words written in Latin letters are not codes:
        // "4G信号弱", "IC卡", "QR码", "ID号".
        let word = matches!(
            token.to_ascii_uppercase().as_str(),
            "2G" | "3G" | "4G" | "5G" | "IC" | "ID" | "QR" | "OK" | "PC"
        );
        if word && !(d.bracketed() || d.after_marker()) {
            return None;
        }
        // `zy`, `fe`: pinyin initials or English, unless plainly a code; after the word "code"
        // a little English word is still one ("the payment code is expired").
        if letters && !upper && !(d.bracketed() || (d.after_marker() && !is_english_word(&token))) {
            return None;
        }
        if explicit {
            return mention(token.to_ascii_uppercase(), true);
        }
        if d.inside_words() || d.before_english() || d.after_english() {
            return None;
        }
        return mention(token.to_ascii_uppercase(), d.at_start());
    }
    if len == 1 {
        return None;
    }
    // Three or more: QR codes (USERPAYING), acquirer codes (W11, ZZ1). Looked up always, and
    // reported as missing only when written as a code and not an English word.
    let code_like = !letters || upper;
    // (At the start before the prompt's text, as "ZZ9 请联系收单行", it is written as a code.)
    let written_as_code = explicit || (d.at_start() && !d.before_english());
    mention(
        token.to_ascii_uppercase(),
        written_as_code && code_like && !letters,
    )
}

#[cfg(test)]
mod tests {
    /// Colours and titles of a terminal window, and other control characters, are no part of a
    /// prompt pasted from one; text without them is left alone.
    #[test]
    fn terminal_escapes_are_taken_out() {
        assert_eq!(
            without_escapes("\u{1b}[31m51 余额不足\u{1b}[0m"),
            "51 余额不足"
        );
        assert_eq!(without_escapes("\u{1b}[1;33mDECLINED\u{1b}[m"), "DECLINED");
        assert_eq!(without_escapes("\u{1b}]0;title\u{7}超时"), "超时");
        assert_eq!(without_escapes("\u{1b}]0;title\u{1b}\\超时"), "超时");
        assert_eq!(without_escapes("A0\u{0}校验错\u{8}"), "A0 校验错 ");
        assert_eq!(without_escapes("\u{9b}2K余额不足"), "余额不足");
        assert!(matches!(without_escapes("51 余额不足\n"), Cow::Borrowed(_)));
        // A lone escape at the end, or an unfinished sequence, ends the text.
        assert_eq!(without_escapes("51\u{1b}"), "51");
        assert_eq!(without_escapes("51\u{1b}[31"), "51");
    }

    use super::*;

    /// A negation in the passive keeps the word it negates beside it: "could not be found" is
    /// "not found" to the thesaurus; "be" elsewhere is left alone.
    #[test]
    fn a_passive_negation_is_read_as_the_plain_one() {
        assert_eq!(
            fold("Transaction could not be found."),
            "transaction could not found."
        );
        assert_eq!(fold("Card CAN'T BE READ"), "card can't read");
        assert_eq!(fold("cannot be processed"), "cannot processed");
        assert_eq!(fold("may be declined"), "may be declined");
    }

    #[test]
    fn width_case_and_traditional_are_folded() {
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("餘額不足"), "余额不足");
        assert_eq!(fold("印表機缺紙請裝紙"), "打印机缺纸请装纸");
        assert_eq!(compact("请稍后再试！"), compact("请稍后再试"));
        assert_eq!(
            compact(" 交易失败，请联系发卡行 "),
            "交易失败请联系发卡行".chars().collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_quick_paths_agree_with_std() {
        let all = (0..=0x10ffff).filter_map(char::from_u32);
        for c in all.clone().filter(|&c| is_han(c)) {
            assert!(c.to_lowercase().eq([c]), "{c:?} has a lower case");
        }
        for c in all.filter(|c| matches!(c, '\u{4e00}'..='\u{9fff}')) {
            assert!(c.is_alphanumeric(), "{c:?} is not a letter");
        }
        for s in ["ΣΑΣ Σ", "ABC 余额不足 ÀÉ İ", "ＡＢＣ", "ǅ ᾈ"] {
            assert_eq!(lowercase(s), s.to_lowercase());
        }
        for s in [
            "",
            "a",
            "余额 no-money ab1 x",
            " card  déclinée 5 ",
            "Ｃａｒｄ",
        ] {
            let by_chars: Vec<&str> = s
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words_folded(s), by_chars, "{s}");
        }
    }

    #[test]
    fn codes_are_found_in_every_dress() {
        let one = |q: &str| code_candidates(q).first().cloned();
        for (q, want) in [
            ("51", "51"),
            ("5", "05"),
            ("3", "03"),
            ("[05]", "05"),
            ("(55)", "55"),
            ("（５１）", "51"),
            ("05-", "05"),
            ("05 持卡人认证失败", "05"),
            ("交易失败(05)", "05"),
            ("交易失败，请联系发卡行(05)", "05"),
            ("a0 校验错", "A0"),
            ("A0校验错", "A0"),
            ("【54】过期卡", "54"),
            ("错误码：96", "96"),
            ("userpaying", "USERPAYING"),
            ("ACQ.SYSTEM_ERROR", "ACQ.SYSTEM_ERROR"),
            ("ZY", "ZY"),
            ("05 DO NOT HONOUR", "05"),
        ] {
            assert_eq!(one(q).as_deref(), Some(want), "{q}");
        }
        assert!(code_candidates("error code fe").contains(&"FE".to_string()));
        // After the outcome and a dash: an English EFTPOS screen's code and text.
        assert!(code_candidates("DECLINED – 41 PHONE AUTH CENTRE").contains(&"41".to_string()));
        assert!(code_candidates("DECLINED - 51 INSUFFICIENT FUNDS").contains(&"51".to_string()));
        assert_eq!(code_candidates("zy"), Vec::<String>::new());
        assert_eq!(code_candidates("余额不足"), Vec::<String>::new());
        // Right after the word saying what the screen shows, the prompt's text begins: code
        // first, glued to the words on both sides.
        for (q, want) in [
            ("POS机显示A0校验错误", "A0"),
            ("刷卡提示51余额不足", "51"),
            ("终端报错：96系统故障", "96"),
        ] {
            let found = code_mentions(q);
            assert!(found.iter().any(|m| m.code == want), "{q}: {found:?}");
        }
        assert!(!code_candidates("屏幕显示4G信号弱").contains(&"4G".to_string()));
        assert!(!code_candidates("提示3次密码错误").contains(&"03".to_string()));
    }

    #[test]
    fn numbers_with_units_or_inside_sentences_are_not_codes() {
        for q in [
            "用户已在1分钟内支付过金额相同的订单，需用户确认后继续支付",
            "付款码1分钟内有效",
            "请在60秒内完成支付",
            "第2次刷卡还是失败",
            "密码错误3次",
            "刷了 3 次",
            "tried 3 times",
            "wait 1 minute",
            "金额 51 元",
            "¥51",
            "2024-05-18 交易失败",
            "12:30 交易失败",
            "金额1.5",
            "4G信号弱",
            "联迪A8终端开不了机",
            "NO PAPER",
            "订单号 2024051812345678",
            "-55 退款/撤销失败,交易已撤销",
            "错误 -3",
            "ERROR CODE 12 7775",
            "4-Err",
            "1-ERR!",
            "12 ERROR",
            "3 故障",
            "错误码 05 1002",
            "1 交易失败",
            "3 attempts left",
            "The payment code is expired.",
            "the code in the message",
        ] {
            // English words of three letters or more are looked up as QR codes; nothing else.
            let found = code_candidates(q);
            assert!(
                found
                    .iter()
                    .all(|c| c.len() > 2 && c.chars().all(|c| c.is_ascii_alphabetic())),
                "{q}: {found:?}"
            );
        }
    }

    #[test]
    fn explicit_codes_are_told_apart_from_stray_ones() {
        let explicit = |q: &str| {
            code_mentions(q)
                .into_iter()
                .filter(|m| m.explicit)
                .map(|m| m.code)
                .collect::<Vec<_>>()
        };
        for (q, want) in [
            ("FE", "FE"),
            ("[FE]", "FE"),
            ("错误码 fe", "FE"),
            ("错误码：96", "96"),
            ("code: a0", "A0"),
            ("05-交易失败请联系发卡行", "05"),
            ("05 持卡人认证失败", "05"),
            ("25 ERROR-TERM. INACTIVE", "25"),
            ("05-错误码", "05"),
            ("N0", "N0"),
            ("W11", "W11"),
            ("101 每个二维码仅限使用一次，请刷新再试", "101"),
            ("ACQ.INVALID_STORE_ID", "ACQ.INVALID_STORE_ID"),
        ] {
            assert_eq!(explicit(q), vec![want.to_owned()], "{q}");
        }
        // Looked up, but a miss is not reported as a missing code.
        for q in ["USERPAYING", "PAPER", "交易失败 05 请重试"] {
            assert!(!code_candidates(q).is_empty(), "{q}");
            assert_eq!(explicit(q), Vec::<String>::new(), "{q}");
        }
    }

    #[test]
    fn taiwan_and_hong_kong_words_fold_to_mainland_ones() {
        assert_eq!(fold("請改讀晶片卡"), "请改读芯片卡");
        assert_eq!(fold("印表機錯誤"), "打印机错误");
        assert_eq!(fold("網路連線失敗"), "网络连接失败");
        assert_eq!(fold("伺服器連線逾時"), "服务器连接超时");
        assert_eq!(fold("對帳不平"), fold("对账不平"));
        assert_eq!(fold("信用咭"), "信用卡");
        // "Wait a moment and try again" is "try later"; "please wait" alone is a sale under way.
        assert_eq!(fold("請稍候再試"), "请稍后再试");
        assert_eq!(fold("交易处理中，请稍候"), "交易处理中,请稍候");
        // Text without such words is unchanged.
        assert_eq!(fold("打印机缺纸"), "打印机缺纸");
    }
}
