//! The customer notice: a full-screen sign with a Chinese line and an English line.

use serde::{Deserialize, Serialize};

use super::check::{Problem, text};
use crate::i18n::{Lang, T};

/// The most characters of one line of the notice.
pub const MAX_LINE: usize = 80;

/// The two lines of a notice. Either may be empty, not both.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NoticeText {
    /// The Chinese line.
    pub zh: String,
    /// The English line.
    pub en: String,
}

impl NoticeText {
    /// Checks and cleans the lines: each at most 80 characters, not both empty.
    pub fn validate(self) -> Result<NoticeText, Problem> {
        let zh = text(&self.zh, MAX_LINE, T::EmNoticeZh, false, false)?;
        let en = text(&self.en, MAX_LINE, T::EmNoticeEn, false, false)?;
        if zh.is_empty() && en.is_empty() {
            return Err(Problem::NoticeEmpty);
        }
        Ok(NoticeText { zh, en })
    }

    /// As stored in the settings.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// From the settings (`None` if unreadable).
    pub fn from_json(json: &str) -> Option<NoticeText> {
        serde_json::from_str(json).ok()
    }
}

/// The ready-made notices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadyNotice {
    /// Card payments are down: QR code or cash.
    CardDown,
    /// The network is down: cash only (or QR code over mobile data).
    NetworkDown,
    /// Cash only today.
    CashOnly,
    /// Please wait: the terminal is restarting.
    Restarting,
}

impl ReadyNotice {
    /// Every ready notice, in the order offered.
    pub const ALL: [ReadyNotice; 4] = [
        ReadyNotice::CardDown,
        ReadyNotice::NetworkDown,
        ReadyNotice::CashOnly,
        ReadyNotice::Restarting,
    ];

    fn key(self) -> T {
        match self {
            ReadyNotice::CardDown => T::EmNoticeCardDown,
            ReadyNotice::NetworkDown => T::EmNoticeNetworkDown,
            ReadyNotice::CashOnly => T::EmNoticeCashOnly,
            ReadyNotice::Restarting => T::EmNoticeRestarting,
        }
    }

    /// Its two lines.
    pub fn text(self) -> NoticeText {
        NoticeText {
            zh: Lang::Zh.t(self.key()).to_owned(),
            en: Lang::En.t(self.key()).to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_notices_are_bilingual_and_valid() {
        let card = ReadyNotice::CardDown.text();
        assert_eq!(card.zh, "刷卡暂停，请使用扫码或现金支付");
        assert_eq!(
            card.en,
            "Card payments are down — please pay by QR code or cash"
        );
        for notice in ReadyNotice::ALL {
            let t = notice.text();
            assert_eq!(t.clone().validate(), Ok(t.clone()), "{notice:?}");
            assert!(t.zh.chars().any(crate::knowledge::load::is_han));
            assert!(t.en.is_ascii() || t.en.contains('—'));
        }
    }

    #[test]
    fn own_notices_need_one_line() {
        assert_eq!(NoticeText::default().validate(), Err(Problem::NoticeEmpty));
        let zh_only = NoticeText {
            zh: " 今天只收现金 ".into(),
            en: String::new(),
        }
        .validate()
        .unwrap();
        assert_eq!(zh_only.zh, "今天只收现金");
        assert_eq!(NoticeText::from_json(&zh_only.to_json()), Some(zh_only));
        assert!(
            NoticeText {
                zh: "长".repeat(81),
                en: String::new()
            }
            .validate()
            .is_err()
        );
        assert_eq!(NoticeText::from_json("not json"), None);
    }
}
