//! Who is on shift: the person whose name goes on every check, backup and outage recorded
//! ("经手人"). With one active member of staff, that person; with several, the one chosen for
//! the day, so a new day asks again.

use chrono::NaiveDate;

use super::task::Staff;

/// The choice of who is on shift, as stored: the person and the day it was made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShiftChoice {
    /// The member of staff.
    pub staff_id: i64,
    /// The day it was chosen for.
    pub day: NaiveDate,
}

impl ShiftChoice {
    /// The stored form: `2026-11-25 3`.
    pub fn code(self) -> String {
        format!("{} {}", self.day.format("%Y-%m-%d"), self.staff_id)
    }

    /// From its stored form. Anything else (the bare id an older version kept, with no day) is
    /// no choice: the person is asked for again.
    pub fn from_code(code: &str) -> Option<ShiftChoice> {
        let (day, id) = code.trim().split_once(' ')?;
        Some(ShiftChoice {
            staff_id: id.trim().parse().ok()?,
            day: NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?,
        })
    }
}

/// Who is on shift on `today`: the only member of staff at work ([`Staff::at_work`]), or the
/// one at work chosen for `today`; `None` while several work here and nobody was chosen today
/// (or nobody does).
pub fn on_shift(staff: &[Staff], choice: Option<ShiftChoice>, today: NaiveDate) -> Option<i64> {
    let mut at_work = staff.iter().filter(|s| s.at_work(today));
    match (at_work.next(), at_work.next()) {
        (Some(only), None) => Some(only.id),
        (None, _) => None,
        _ => choice
            .filter(|c| {
                c.day == today && staff.iter().any(|s| s.at_work(today) && s.id == c.staff_id)
            })
            .map(|c| c.staff_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    fn person(id: i64, active: bool) -> Staff {
        Staff {
            id,
            name: format!("p{id}"),
            role: String::new(),
            phone: String::new(),
            started_on: None,
            active,
            added_on: None,
        }
    }

    #[test]
    fn a_person_who_has_not_started_yet_is_not_on_shift() {
        let mut later = person(2, true);
        later.started_on = Some(d(28));
        let staff = [person(1, true), later];
        assert_eq!(
            on_shift(&staff, None, d(25)),
            Some(1),
            "the only one at work"
        );
        let chose_later = Some(ShiftChoice {
            staff_id: 2,
            day: d(25),
        });
        assert_eq!(on_shift(&staff[1..], chose_later, d(25)), None);
        assert_eq!(
            on_shift(&staff[1..], None, d(28)),
            Some(2),
            "from the first day"
        );
    }

    #[test]
    fn the_only_member_of_staff_is_on_shift_without_being_chosen() {
        let staff = [person(1, true), person(2, false)];
        assert_eq!(on_shift(&staff, None, d(25)), Some(1));
        assert_eq!(on_shift(&[], None, d(25)), None);
    }

    #[test]
    fn with_several_the_choice_holds_for_its_day_only() {
        let staff = [person(1, true), person(2, true), person(3, false)];
        let chosen = |id| {
            Some(ShiftChoice {
                staff_id: id,
                day: d(25),
            })
        };
        assert_eq!(on_shift(&staff, None, d(25)), None);
        assert_eq!(on_shift(&staff, chosen(2), d(25)), Some(2));
        assert_eq!(
            on_shift(&staff, chosen(2), d(26)),
            None,
            "a new day asks again"
        );
        assert_eq!(on_shift(&staff, chosen(3), d(25)), None, "former staff");
        assert_eq!(on_shift(&staff, chosen(9), d(25)), None, "no such person");
    }

    #[test]
    fn the_stored_form_reads_back_and_an_old_bare_id_is_no_choice() {
        let choice = ShiftChoice {
            staff_id: 12,
            day: d(25),
        };
        assert_eq!(choice.code(), "2026-11-25 12");
        assert_eq!(ShiftChoice::from_code(&choice.code()), Some(choice));
        assert_eq!(ShiftChoice::from_code("12"), None);
        assert_eq!(ShiftChoice::from_code(""), None);
        assert_eq!(ShiftChoice::from_code("2026-13-01 1"), None);
    }
}
