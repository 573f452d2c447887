//! A checklist being ticked on Today, kept as it is ticked: closing the window, an upgrade that
//! closes it, or a power cut loses no tick. The store keeps one [`ChecklistDraft`] per task and
//! due date until the check is recorded (done, problem or skipped), which removes it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::task::{MAX_ITEMS, MAX_NOTE};

/// One checklist item's state while ticking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// Not ticked yet.
    #[default]
    Unchecked,
    /// Fine.
    Ok,
    /// A problem.
    Problem,
}

impl Mark {
    /// Marks the item `to`, or unchecks it when it already was.
    pub fn toggle(&mut self, to: Mark) {
        *self = if *self == to { Mark::Unchecked } else { to };
    }
}

/// Where a problem was found, on a check that covers several devices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// On this device.
    Device(i64),
    /// On none of them.
    NoDevice,
}

/// What has been ticked and typed on one card.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftBody {
    /// Each item's text (as it was when ticked) and its mark.
    #[serde(default)]
    pub items: Vec<(String, Mark)>,
    /// The note typed so far.
    #[serde(default)]
    pub note: String,
    /// Where the problem is, once asked and answered.
    #[serde(default)]
    pub place: Option<Place>,
}

/// A card being ticked, as the store keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecklistDraft {
    /// The task.
    pub task_id: i64,
    /// The occurrence's due date.
    pub due: NaiveDate,
    /// What was ticked and typed.
    pub body: DraftBody,
}

impl DraftBody {
    /// The draft of a card: `items` are the task's checklist, `marks` their marks (by position).
    /// The note is kept to [`MAX_NOTE`] characters and the items to [`MAX_ITEMS`], the most a
    /// task may have, so a draft can never grow past what the card itself allows.
    pub fn of_card(items: &[String], marks: &[Mark], note: &str, place: Option<Place>) -> Self {
        DraftBody {
            items: items
                .iter()
                .cloned()
                .zip(marks.iter().copied())
                .take(MAX_ITEMS)
                .collect(),
            note: note.chars().take(MAX_NOTE).collect(),
            place,
        }
    }

    /// Whether nothing was ticked, typed or chosen (then nothing needs keeping).
    pub fn is_empty(&self) -> bool {
        self.items.iter().all(|(_, m)| *m == Mark::Unchecked)
            && self.note.trim().is_empty()
            && self.place.is_none()
    }

    /// The marks for `items`, the task's checklist now: each item takes the mark kept under its
    /// text (the first not yet taken, for two items worded alike), so a checklist edited since
    /// keeps the ticks of the items still on it and an item reworded or added starts unticked.
    pub fn marks_for(&self, items: &[String]) -> Vec<Mark> {
        let mut taken = vec![false; self.items.len()];
        items
            .iter()
            .map(|text| {
                let found = self
                    .items
                    .iter()
                    .enumerate()
                    .find(|(i, (kept, _))| !taken[*i] && kept == text);
                match found {
                    Some((i, (_, mark))) => {
                        taken[i] = true;
                        *mark
                    }
                    None => Mark::Unchecked,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn marks_follow_the_item_texts() {
        let body = DraftBody::of_card(
            &items(&["paper", "network", "paper"]),
            &[Mark::Ok, Mark::Problem, Mark::Unchecked],
            "",
            None,
        );
        // Same list: same marks.
        assert_eq!(
            body.marks_for(&items(&["paper", "network", "paper"])),
            vec![Mark::Ok, Mark::Problem, Mark::Unchecked]
        );
        // Reordered, one reworded, one added: ticks follow their texts.
        assert_eq!(
            body.marks_for(&items(&["network", "roll of paper", "paper", "battery"])),
            vec![Mark::Problem, Mark::Unchecked, Mark::Ok, Mark::Unchecked]
        );
    }

    #[test]
    fn an_untouched_card_is_empty_and_anything_done_is_not() {
        let list = items(&["a", "b"]);
        let none = [Mark::Unchecked, Mark::Unchecked];
        assert!(DraftBody::of_card(&list, &none, "  ", None).is_empty());
        assert!(!DraftBody::of_card(&list, &[Mark::Unchecked, Mark::Ok], "", None).is_empty());
        assert!(!DraftBody::of_card(&list, &none, "paper low", None).is_empty());
        assert!(!DraftBody::of_card(&list, &none, "", Some(Place::NoDevice)).is_empty());
    }

    #[test]
    fn a_draft_never_holds_more_than_a_card_allows() {
        let list: Vec<String> = (0..MAX_ITEMS + 5).map(|i| i.to_string()).collect();
        let marks = vec![Mark::Ok; list.len()];
        let body = DraftBody::of_card(&list, &marks, &"字".repeat(MAX_NOTE * 3), None);
        assert_eq!(body.items.len(), MAX_ITEMS);
        assert_eq!(body.note.chars().count(), MAX_NOTE);
    }

    #[test]
    fn the_kept_form_reads_back() {
        let body = DraftBody::of_card(
            &items(&["小票纸", "网络"]),
            &[Mark::Ok, Mark::Problem],
            "缺纸",
            Some(Place::Device(7)),
        );
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(serde_json::from_str::<DraftBody>(&text).unwrap(), body);
        // A body missing parts (written by hand, or by a later version) still reads.
        assert_eq!(
            serde_json::from_str::<DraftBody>("{}").unwrap(),
            DraftBody::default()
        );
    }
}
