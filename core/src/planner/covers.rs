//! Which device a problem found by a task is on. A check tied to one device puts its problems on
//! that device, unless the shop has several devices of its kind in use (the daily opening check
//! goes over every terminal, though the starter plan ties it to the first one); a check with no
//! device of its own may be about any terminal, or none. Then the person reporting the problem
//! says which.

use crate::device::{Device, DeviceKind};

use super::task::{TaskCategory, TaskFields};

/// The devices a problem found by a task may be on, when there is a choice to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceChoice<'a> {
    /// The devices to choose from, in the registry's order.
    pub devices: Vec<&'a Device>,
    /// Whether "none of them" is an answer (a task with no device of its own).
    pub none_allowed: bool,
}

/// The choice to ask for when `task` reports a problem, or `None` when its problems go on its
/// own device (or on none) without asking.
pub fn problem_device_choice<'a>(
    task: &TaskFields,
    devices: &'a [Device],
) -> Option<DeviceChoice<'a>> {
    let (kind, none_allowed) = match task.device_id {
        Some(id) => (devices.iter().find(|d| d.id == id)?.fields.kind, false),
        None if matches!(task.category, TaskCategory::Check | TaskCategory::Other) => {
            (DeviceKind::Terminal, true)
        }
        None => return None,
    };
    let covered: Vec<&Device> = devices
        .iter()
        .filter(|d| d.in_use() && d.fields.kind == kind)
        .collect();
    (covered.len() >= 2).then_some(DeviceChoice {
        devices: covered,
        none_allowed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::DeviceDraft;
    use crate::planner::{Schedule, TaskSchedule};

    fn device(id: i64, kind: DeviceKind, retired: bool) -> Device {
        let fields = DeviceDraft {
            name: format!("d{id}"),
            kind,
            ..Default::default()
        }
        .validate()
        .unwrap();
        Device {
            id,
            fields,
            retired_on: retired.then(|| chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            retired_reason: String::new(),
        }
    }

    fn task(device_id: Option<i64>, category: TaskCategory) -> TaskFields {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        TaskFields {
            title: "开店检查".into(),
            category,
            instructions: String::new(),
            items: vec!["a".into()],
            device_id,
            staff_id: None,
            schedule: TaskSchedule::new(Schedule::Daily, start),
        }
    }

    fn ids(choice: Option<DeviceChoice<'_>>) -> Option<(Vec<i64>, bool)> {
        choice.map(|c| (c.devices.iter().map(|d| d.id).collect(), c.none_allowed))
    }

    #[test]
    fn one_terminal_needs_no_question() {
        let devices = [
            device(1, DeviceKind::Terminal, false),
            device(2, DeviceKind::Printer, false),
        ];
        assert_eq!(
            ids(problem_device_choice(
                &task(Some(1), TaskCategory::Check),
                &devices
            )),
            None
        );
        assert_eq!(
            ids(problem_device_choice(
                &task(None, TaskCategory::Check),
                &devices
            )),
            None
        );
    }

    #[test]
    fn a_check_tied_to_one_of_several_terminals_asks_among_those_in_use() {
        let devices = [
            device(1, DeviceKind::Terminal, false),
            device(2, DeviceKind::Printer, false),
            device(3, DeviceKind::Terminal, false),
            device(4, DeviceKind::Terminal, true),
        ];
        let opening = task(Some(1), TaskCategory::Check);
        assert_eq!(
            ids(problem_device_choice(&opening, &devices)),
            Some((vec![1, 3], false))
        );
        // A task with no device may be about any terminal, or none.
        let own = task(None, TaskCategory::Other);
        assert_eq!(
            ids(problem_device_choice(&own, &devices)),
            Some((vec![1, 3], true))
        );
        // A printer's own check, a backup or a training is about no terminal.
        assert_eq!(
            ids(problem_device_choice(
                &task(Some(2), TaskCategory::Check),
                &devices
            )),
            None
        );
        assert_eq!(
            ids(problem_device_choice(
                &task(None, TaskCategory::Backup),
                &devices
            )),
            None
        );
    }
}
