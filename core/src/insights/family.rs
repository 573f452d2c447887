//! Fault families: what kind of trouble an incident was, from its knowledge entry or, for a
//! prompt typed without one, from its words.

use crate::i18n::T;
use crate::knowledge::{Category, builtin};

/// The kind of trouble an incident was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// The terminal could not read the card (chip or magnetic stripe).
    CardRead,
    /// No connection to the acquirer (network, SIM, cable, timeouts).
    Communication,
    /// Sign-on (签到) or keys (MAC check errors, key downloads).
    SignOnKey,
    /// The receipt printer (paper, jams, the print head).
    Printer,
    /// Reversals (冲正): a payment whose answer never came back.
    Reversal,
    /// Everything else (the card, the account, the bank, how the terminal was used).
    Other,
}

impl Family {
    /// Every family, in the order charts stack them.
    pub const ALL: [Family; 6] = [
        Family::CardRead,
        Family::Communication,
        Family::SignOnKey,
        Family::Printer,
        Family::Reversal,
        Family::Other,
    ];

    /// The families a repeat means the terminal needs attention (not "Other": a declined card
    /// seen often says nothing about the terminal).
    pub const WARNED: [Family; 5] = [
        Family::CardRead,
        Family::Communication,
        Family::SignOnKey,
        Family::Printer,
        Family::Reversal,
    ];

    /// The families that are the terminal's own parts wearing (its card reader, its printer):
    /// what a terminal past its warranty failing more often is judged by. A network down, a
    /// reversal or a key to download again says nothing of its age (a shop owner was told to
    /// replace a terminal for two network faults, one fixed by restarting the router).
    pub const WEAR: [Family; 2] = [Family::CardRead, Family::Printer];

    /// The code used in settings and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Family::CardRead => "card_read",
            Family::Communication => "communication",
            Family::SignOnKey => "sign_on_key",
            Family::Printer => "printer",
            Family::Reversal => "reversal",
            Family::Other => "other",
        }
    }

    /// The family stored as `code`.
    pub fn from_code(code: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.code() == code)
    }

    /// Its place in [`Family::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The family's name in the interface.
    pub fn label(self) -> T {
        match self {
            Family::CardRead => T::FamilyCardRead,
            Family::Communication => T::FamilyCommunication,
            Family::SignOnKey => T::FamilySignOnKey,
            Family::Printer => T::FamilyPrinter,
            Family::Reversal => T::FamilyReversal,
            Family::Other => T::FamilyOther,
        }
    }

    /// What to do when it keeps happening on one terminal.
    pub fn advice(self) -> T {
        match self {
            Family::CardRead => T::AdviceCardRead,
            Family::Communication => T::AdviceCommunication,
            Family::SignOnKey => T::AdviceSignOnKey,
            Family::Printer => T::AdvicePrinter,
            Family::Reversal => T::AdviceReversal,
            Family::Other => T::AdviceOther,
        }
    }

    /// The family of an incident recorded against `entry_id` (a knowledge entry), or typed as
    /// `prompt` (used when the entry says nothing more precise).
    pub fn of(entry_id: Option<&str>, prompt: &str) -> Family {
        entry_id
            .and_then(Family::of_entry)
            .unwrap_or_else(|| Family::of_words(prompt))
    }

    /// Whether an incident of this built-in entry is a customer's refusal, settled at once
    /// (insufficient funds, a wrong PIN, a plain decline): no fault of the shop's, and not
    /// counted among its faults (a shop owner's two "余额不足" made one terminal look the worst).
    pub fn is_customers(entry_id: Option<&str>) -> bool {
        entry_id
            .and_then(|id| builtin().iter().find(|e| e.id == id))
            .is_some_and(crate::incident::is_customers_refusal)
    }

    /// The family of a built-in entry: named entries first, then the entry's category.
    fn of_entry(id: &str) -> Option<Family> {
        let named = match id {
            "LOC-READ-FAIL" | "LOC-FALLBACK" | "LOC-CARD-DATA-INVALID" => Some(Family::CardRead),
            "LOC-REVERSAL" | "LOC-REVERSAL-FAIL" => Some(Family::Reversal),
            "LOC-SIGNON-REQUIRED" | "LOC-SIGNON-FAIL" | "RC-77" => Some(Family::SignOnKey),
            "LOC-SIM" => Some(Family::Communication),
            _ if id.starts_with("LOC-PAPER") || id.starts_with("LOC-PRINTER") => {
                Some(Family::Printer)
            }
            _ => None,
        };
        named.or_else(|| {
            let entry = builtin().iter().find(|e| e.id == id)?;
            match entry.category {
                Category::Network => Some(Family::Communication),
                Category::SecurityKey => Some(Family::SignOnKey),
                // Other hardware (battery, PIN pad, SAM): the words may still say "printer".
                Category::Device => None,
                _ => Some(Family::Other),
            }
        })
    }

    /// The family a prompt's words point to (a prompt typed without a knowledge entry).
    fn of_words(prompt: &str) -> Family {
        let text = prompt.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        if has(&["冲正", "reversal"]) {
            Family::Reversal
        } else if has(&[
            "签到",
            "密钥",
            "校验错",
            "mac",
            "sign on",
            "sign-on",
            "signon",
        ]) {
            Family::SignOnKey
        } else if has(&["打印", "缺纸", "卡纸", "printer", "paper"]) {
            Family::Printer
        } else if has(&[
            "读卡",
            "刷卡失败",
            "磁条",
            "芯片",
            "card read",
            "read card",
            "chip",
        ]) {
            Family::CardRead
        } else if has(&[
            "通讯",
            "通信",
            "网络",
            "超时",
            "连接",
            "信号",
            "拨号",
            "timeout",
            "network",
            "communication",
            "connect",
        ]) {
            Family::Communication
        } else {
            Family::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_words_find_their_family() {
        assert_eq!(Family::of(Some("LOC-READ-FAIL"), "x"), Family::CardRead);
        assert_eq!(Family::of(Some("RC-A0"), "x"), Family::SignOnKey);
        assert_eq!(Family::of(Some("RC-68"), "x"), Family::Communication);
        assert_eq!(Family::of(Some("LOC-PAPER-OUT"), "x"), Family::Printer);
        assert_eq!(Family::of(Some("LOC-REVERSAL-FAIL"), "x"), Family::Reversal);
        assert_eq!(Family::of(Some("RC-51"), "51 余额不足"), Family::Other);
        assert_eq!(Family::of(None, "打印机缺纸"), Family::Printer);
        assert_eq!(Family::of(None, "A0 校验错"), Family::SignOnKey);
        assert_eq!(Family::of(None, "68 交易超时"), Family::Communication);
        assert_eq!(Family::of(None, "读卡失败"), Family::CardRead);
        assert_eq!(Family::of(None, "请稍后再试"), Family::Other);
        // An unknown entry id falls back to the words.
        assert_eq!(Family::of(Some("OWN-3"), "通讯失败"), Family::Communication);
    }

    #[test]
    fn codes_round_trip() {
        for f in Family::ALL {
            assert_eq!(Family::from_code(f.code()), Some(f));
            assert_eq!(Family::ALL[f.index()], f);
        }
    }
}
