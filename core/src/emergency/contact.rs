//! The shop's contacts: acquirer hotline, bank, technician, … as the merchant enters them.

use super::check::{Problem, text};
use crate::i18n::T;

/// The most characters of a contact's name.
pub const MAX_NAME: usize = 80;
/// The most characters of a phone number.
pub const MAX_PHONE: usize = 30;
/// The most characters of a contact's note.
pub const MAX_NOTE: usize = 200;

/// Whom a contact is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum ContactRole {
    /// The acquirer or payment company (收单机构) that runs the terminal.
    #[default]
    Acquirer,
    /// The shop's bank.
    Bank,
    /// A technician or repair service.
    Technician,
    /// The internet provider.
    Internet,
    /// The power company or building management.
    Power,
    /// Anyone else.
    Other,
}

impl ContactRole {
    /// Every role, in the order lists show them.
    pub const ALL: [ContactRole; 6] = [
        ContactRole::Acquirer,
        ContactRole::Bank,
        ContactRole::Technician,
        ContactRole::Internet,
        ContactRole::Power,
        ContactRole::Other,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            ContactRole::Acquirer => "acquirer",
            ContactRole::Bank => "bank",
            ContactRole::Technician => "technician",
            ContactRole::Internet => "internet",
            ContactRole::Power => "power",
            ContactRole::Other => "other",
        }
    }

    /// The role with this code.
    pub fn from_code(code: &str) -> Option<ContactRole> {
        ContactRole::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Its name in the string table.
    pub fn label(self) -> T {
        match self {
            ContactRole::Acquirer => T::EmRoleAcquirer,
            ContactRole::Bank => T::EmRoleBank,
            ContactRole::Technician => T::EmRoleTechnician,
            ContactRole::Internet => T::EmRoleInternet,
            ContactRole::Power => T::EmRolePower,
            ContactRole::Other => T::EmRoleOther,
        }
    }
}

/// The fields of a contact.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ContactFields {
    /// Whom it is for.
    pub role: ContactRole,
    /// A name ("银联商务客服", "王师傅").
    pub name: String,
    /// The phone number, as typed.
    pub phone: String,
    /// A note (merchant ID to quote, opening hours, …).
    pub note: String,
}

/// A stored contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// Database id.
    pub id: i64,
    /// Its fields.
    pub fields: ContactFields,
    /// Archived: no longer shown on plans.
    pub archived: bool,
}

impl ContactFields {
    /// Checks and cleans the fields: name required (≤ 80); phone ≤ 30 characters of digits,
    /// spaces and `+ - ( )` (full-width ones become ASCII); note ≤ 200.
    pub fn validate(self) -> Result<ContactFields, Problem> {
        let name = text(&self.name, MAX_NAME, T::EmContactName, true, false)?;
        let phone = text(
            &half_width(&self.phone),
            MAX_PHONE,
            T::EmContactPhone,
            false,
            false,
        )?;
        if !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        {
            return Err(Problem::BadPhone);
        }
        let note = text(&self.note, MAX_NOTE, T::EmContactNote, false, false)?;
        Ok(ContactFields {
            role: self.role,
            name,
            phone,
            note,
        })
    }
}

/// Full-width digits, brackets, plus, minus and spaces (typed with a Chinese IME) as ASCII.
fn half_width(phone: &str) -> String {
    phone
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '（' => '(',
            '）' => ')',
            '＋' => '+',
            '－' | '—' => '-',
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str, phone: &str) -> ContactFields {
        ContactFields {
            role: ContactRole::Technician,
            name: name.into(),
            phone: phone.into(),
            note: String::new(),
        }
    }

    #[test]
    fn phones_take_digits_spaces_and_plus_minus_brackets() {
        let ok = contact(" 王师傅 ", " +86 (21) 1234-5678 ")
            .validate()
            .unwrap();
        assert_eq!(ok.name, "王师傅");
        assert_eq!(ok.phone, "+86 (21) 1234-5678");
        assert!(contact("王师傅", "").validate().is_ok());
        let wide = contact("王师傅", "（０２１）１２３４－５６７８")
            .validate()
            .unwrap();
        assert_eq!(wide.phone, "(021)1234-5678", "typed with a Chinese IME");
        for bad in ["call me", "一二三", "123#4", "123;DROP"] {
            assert_eq!(
                contact("王师傅", bad).validate(),
                Err(Problem::BadPhone),
                "{bad}"
            );
        }
        assert_eq!(
            contact("王师傅", &"1".repeat(31)).validate(),
            Err(Problem::TooLong(T::EmContactPhone, 30, 31))
        );
    }

    #[test]
    fn a_contact_needs_a_name_of_reasonable_length() {
        assert_eq!(
            contact(" ", "123").validate(),
            Err(Problem::Required(T::EmContactName))
        );
        assert!(matches!(
            contact(&"名".repeat(81), "123").validate(),
            Err(Problem::TooLong(T::EmContactName, 80, 81))
        ));
    }

    #[test]
    fn role_codes_round_trip() {
        for role in ContactRole::ALL {
            assert_eq!(ContactRole::from_code(role.code()), Some(role));
        }
        assert_eq!(ContactRole::from_code("police"), None);
    }
}
