//! What the lookup benchmarks share: the queries, and a large synthetic knowledge base.

use poscare::knowledge::{Entry, builtin};

/// A representative mix: codes, Chinese (exact, typo, traditional, a whole screen line), pinyin
/// (full and initials), English, a QR status, and a printer prompt.
pub const QUERIES: [&str; 11] = [
    "51",
    "余额不足",
    "余额布足",
    "yuebuzu",
    "ybz",
    "insufficient funds",
    // A typo read as the word one edit away (the entries' words and the thesaurus's).
    "terminal not respnding",
    "請稍後再試",
    "交易失败，请联系发卡行(05)",
    "打印机缺纸",
    "USERPAYING",
];

/// How many entries the large base has in all.
pub const LARGE: usize = 20_000;

/// Places and counters a merchant's own copy of a prompt might name (2–3 characters each).
const ZH_PLACES: [&str; 20] = [
    "收银台",
    "前台",
    "一楼",
    "二楼",
    "总店",
    "分店",
    "门店",
    "超市",
    "药房",
    "餐厅",
    "便利店",
    "水果店",
    "面包房",
    "加油站",
    "停车场",
    "服务台",
    "专柜",
    "烟酒店",
    "母婴店",
    "五金店",
];
const ZH_NUMBERS: [&str; 10] = [
    "一号", "二号", "三号", "四号", "五号", "六号", "七号", "八号", "九号", "十号",
];
const EN_PLACES: [&str; 20] = [
    "counter",
    "front desk",
    "ground floor",
    "upstairs",
    "main shop",
    "branch",
    "store",
    "supermarket",
    "pharmacy",
    "restaurant",
    "corner shop",
    "fruit stall",
    "bakery",
    "petrol station",
    "car park",
    "service desk",
    "kiosk",
    "off licence",
    "baby shop",
    "hardware",
];
const EN_NUMBERS: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// The built-in entries followed by perturbed copies of them, `total` entries in all. Every copy
/// has a new id, no codes (so no code is more shared than in the built-in base), and each screen
/// text, title and keyword ends in a place and a number word distinct for that copy.
pub fn synthetic(total: usize) -> Vec<Entry> {
    let base = builtin();
    let mut out = base.to_vec();
    let mut copy = 0usize;
    while out.len() < total {
        // Copy number `round` of every built-in entry gets the same (distinct) suffix.
        let round = copy / base.len();
        let e = &base[copy % base.len()];
        assert!(
            round < ZH_PLACES.len() * ZH_NUMBERS.len(),
            "too few suffixes"
        );
        let zh = format!(
            "{}{}",
            ZH_PLACES[round % ZH_PLACES.len()],
            ZH_NUMBERS[round / ZH_PLACES.len()]
        );
        let en = format!(
            " {} {}",
            EN_PLACES[round % EN_PLACES.len()],
            EN_NUMBERS[round / EN_PLACES.len()]
        );
        let mut c = e.clone();
        c.id = format!("SYN-{copy}");
        c.codes.clear();
        c.related_codes.clear();
        for s in &mut c.screen {
            s.push_str(&zh);
        }
        c.zh.title.push_str(&zh);
        c.zh.keywords.iter_mut().for_each(|k| k.push_str(&zh));
        c.en.title.push_str(&en);
        c.en.keywords.iter_mut().for_each(|k| k.push_str(&en));
        out.push(c);
        copy += 1;
    }
    out
}
