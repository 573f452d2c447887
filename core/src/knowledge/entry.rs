//! What a knowledge-base entry says about one terminal prompt or code.

use serde::Deserialize;

use crate::i18n::{Lang, T};

/// What kind of problem an entry describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Connection to the host (network, SIM, dial-up, timeouts).
    Network,
    /// Terminal hardware: printer, battery, PIN pad.
    Device,
    /// The card itself (expired, restricted, lost, unreadable).
    Card,
    /// The customer's account (balance, PIN, limits).
    Account,
    /// The terminal's or merchant's set-up at the acquirer.
    TerminalConfig,
    /// The issuing bank or the switch.
    Bank,
    /// Keys and security checks.
    SecurityKey,
    /// How the cashier operated the terminal.
    Operator,
    /// Not a problem: the payment went through.
    Approved,
}

impl Category {
    /// Every category, in the order the browse list shows them.
    pub const ALL: [Category; 9] = [
        Category::Account,
        Category::Card,
        Category::Network,
        Category::Device,
        Category::TerminalConfig,
        Category::SecurityKey,
        Category::Bank,
        Category::Operator,
        Category::Approved,
    ];

    /// The code used in files and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Category::Network => "network",
            Category::Device => "device",
            Category::Card => "card",
            Category::Account => "account",
            Category::TerminalConfig => "terminal_config",
            Category::Bank => "bank",
            Category::SecurityKey => "security_key",
            Category::Operator => "operator",
            Category::Approved => "approved",
        }
    }

    /// The category with this code.
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The category's name in the interface.
    pub fn label(self) -> T {
        match self {
            Category::Network => T::CatNetwork,
            Category::Device => T::CatDevice,
            Category::Card => T::CatCard,
            Category::Account => T::CatAccount,
            Category::TerminalConfig => T::CatTerminalConfig,
            Category::Bank => T::CatBank,
            Category::SecurityKey => T::CatSecurityKey,
            Category::Operator => T::CatOperator,
            Category::Approved => T::CatApproved,
        }
    }

    /// Which side is at fault.
    pub fn fault(self) -> Fault {
        match self {
            Category::Card => Fault::Card,
            Category::Account => Fault::Account,
            Category::Device | Category::TerminalConfig | Category::SecurityKey => Fault::Terminal,
            Category::Network => Fault::Network,
            Category::Bank => Fault::Bank,
            Category::Operator => Fault::Operation,
            Category::Approved => Fault::Nobody,
        }
    }
}

/// The side at fault, as the cashier needs to know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The card.
    Card,
    /// The customer's account.
    Account,
    /// The terminal (hardware, set-up or keys).
    Terminal,
    /// The network.
    Network,
    /// The bank or the payment network.
    Bank,
    /// How the terminal was operated.
    Operation,
    /// Nobody: it went through.
    Nobody,
}

impl Fault {
    /// The side's description in the interface.
    pub fn label(self) -> T {
        match self {
            Fault::Card => T::FaultCard,
            Fault::Account => T::FaultAccount,
            Fault::Terminal => T::FaultTerminal,
            Fault::Network => T::FaultNetwork,
            Fault::Bank => T::FaultBank,
            Fault::Operation => T::FaultOperation,
            Fault::Nobody => T::FaultNobody,
        }
    }
}

/// Whether trying the payment again is safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Retry {
    /// Do not retry with the same card.
    No,
    /// Retrying is fine.
    Yes,
    /// Retry once.
    Once,
    /// Retry only after the fix.
    AfterFix,
    /// The money may already have moved: check before charging again.
    CheckFirst,
    /// Wait a few minutes, then retry.
    Later,
    /// Nothing to retry.
    NotApplicable,
    /// The payment already went through: do not charge again (reprint the slip if need be).
    AlreadyPaid,
}

impl Retry {
    /// Every value.
    pub const ALL: [Retry; 8] = [
        Retry::CheckFirst,
        Retry::AlreadyPaid,
        Retry::No,
        Retry::Once,
        Retry::AfterFix,
        Retry::Later,
        Retry::Yes,
        Retry::NotApplicable,
    ];

    /// The code used in files and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Retry::No => "no",
            Retry::Yes => "yes",
            Retry::Once => "once",
            Retry::AfterFix => "after_fix",
            Retry::CheckFirst => "check_first",
            Retry::Later => "later",
            Retry::NotApplicable => "not_applicable",
            Retry::AlreadyPaid => "already_paid",
        }
    }

    /// The value with this code.
    pub fn from_code(code: &str) -> Option<Retry> {
        Retry::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The advice in the interface, worded for a card payment.
    pub fn label(self) -> T {
        self.label_for(Payment::Card)
    }

    /// The advice in the interface for a `payment` of this kind: a QR payment has no card to
    /// retry with and no slip to reprint.
    pub fn label_for(self, payment: Payment) -> T {
        match (self, payment) {
            (Retry::No, Payment::Card | Payment::Refund) => T::RetryNo,
            (Retry::No, Payment::Qr) => T::RetryNoQr,
            (Retry::AlreadyPaid, Payment::Card | Payment::Refund) => T::RetryAlreadyPaid,
            (Retry::AlreadyPaid, Payment::Qr) => T::RetryAlreadyPaidQr,
            (Retry::Yes, _) => T::RetryYes,
            (Retry::Once, _) => T::RetryOnce,
            (Retry::AfterFix, _) => T::RetryAfterFix,
            (Retry::CheckFirst, Payment::Refund) => T::RetryCheckFirstRefund,
            (Retry::CheckFirst, _) => T::RetryCheckFirst,
            (Retry::Later, _) => T::RetryLater,
            (Retry::NotApplicable, _) => T::RetryNotApplicable,
        }
    }

    /// Whether this advice keeps the cashier from charging again: the money may have moved
    /// (check first) or did (already paid).
    pub fn guards_against_charging_twice(self) -> bool {
        matches!(self, Retry::CheckFirst | Retry::AlreadyPaid)
    }

    /// Whether this advice invites trying the payment again straight away.
    pub fn invites_retry(self) -> bool {
        matches!(self, Retry::Yes | Retry::Once)
    }
}

/// How the customer pays in the situation an entry describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payment {
    /// A bank card on the terminal (swipe, chip or tap).
    #[default]
    Card,
    /// A QR code: the customer's WeChat Pay or Alipay payment code.
    Qr,
    /// Money going back to the customer (a refund): done twice, it pays them twice.
    Refund,
}

/// How sure we are of an entry's meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Found in the sources.
    Confirmed,
    /// Not found in any source: a best guess, shown as such.
    Unconfirmed,
}

impl Confidence {
    /// The code used in files and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Unconfirmed => "unconfirmed",
        }
    }
}

/// Whom to call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contact {
    /// The card-issuing bank (the customer calls the number on the back of the card).
    Issuer,
    /// The acquirer or payment company that provided the terminal.
    Acquirer,
    /// The acquirer's field engineer or the terminal vendor.
    Technician,
}

impl Contact {
    /// The contact's name in the interface.
    pub fn label(self) -> T {
        match self {
            Contact::Issuer => T::ContactIssuer,
            Contact::Acquirer => T::ContactAcquirer,
            Contact::Technician => T::ContactTechnician,
        }
    }
}

/// The text of an entry in one language.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct EntryText {
    /// A short name.
    pub title: String,
    /// What it means, in a sentence or two.
    pub meaning: String,
    /// Likely causes, most likely first.
    #[serde(default)]
    pub causes: Vec<String>,
    /// What the cashier does now, in order.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Whom to call and what to tell them.
    #[serde(default)]
    pub tell: String,
    /// Other meanings of the same code elsewhere.
    #[serde(default)]
    pub variants: Vec<String>,
    /// Extra words people type for it.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Where the facts come from and how sure they are, for the small source line; never
    /// part of what the cashier is told to do.
    #[serde(default)]
    pub provenance: String,
}

/// Where an entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Origin {
    /// Shipped with the app.
    #[default]
    BuiltIn,
    /// Written by the merchant (their database id).
    Merchant(i64),
}

/// One prompt or code and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable id (`RC-51`, `GEN-TRY-LATER`, `LOC-PAPER-OUT`, …; `OWN-n` for the merchant's own).
    pub id: String,
    /// Codes that identify this entry.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Codes a generic text stands for (shown as related, not as the code's meaning).
    #[serde(default)]
    pub related_codes: Vec<String>,
    /// The kind of problem.
    pub category: Category,
    /// Whether retrying is safe.
    pub retry: Retry,
    /// How sure we are.
    pub confidence: Confidence,
    /// Whom to call, most useful first.
    #[serde(default)]
    pub call: Vec<Contact>,
    /// Card or QR payment.
    #[serde(default)]
    pub payment: Payment,
    /// The sources of its facts: tags of `assets/knowledge/sources.toml`.
    #[serde(default)]
    pub sources: Vec<String>,
    /// On-screen texts as terminals show them.
    #[serde(default)]
    pub screen: Vec<String>,
    /// Chinese text.
    pub zh: EntryText,
    /// English text.
    pub en: EntryText,
    /// Built in, or the merchant's own.
    #[serde(skip)]
    pub origin: Origin,
}

impl Entry {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> &EntryText {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The side at fault.
    pub fn fault(&self) -> Fault {
        self.category.fault()
    }

    /// Where the problem is, as an answer says it: the side at fault, and for the terminal's
    /// own kinds more closely than "the terminal (device, set-up or keys)" (paper out is its
    /// hardware).
    pub fn fault_label(&self) -> T {
        match self.category {
            Category::Device | Category::TerminalConfig | Category::SecurityKey => {
                self.category.label()
            }
            _ => self.fault().label(),
        }
    }

    /// The retry advice as the banner shows it. A refusal of the shop's or the terminal's
    /// set-up ("invalid merchant") is no card's: another card fails the same way.
    pub fn retry_label(&self) -> T {
        if self.retry == Retry::No
            && self.payment != Payment::Qr
            && matches!(
                self.category,
                Category::TerminalConfig | Category::SecurityKey
            )
        {
            return T::RetryNoSetUp;
        }
        self.retry.label_for(self.payment)
    }
}
