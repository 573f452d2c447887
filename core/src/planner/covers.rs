//! Which devices a task's check goes over, and which device a problem it finds is on. A check
//! tied to one device is about that device, unless the shop has several devices of its kind in
//! use (the daily opening check goes over every terminal, though the starter plan ties it to the
//! first one): then its record is filed under each of them, and the person reporting a problem
//! says which one it is on. A check with no device of its own may be about any terminal, or
//! none.

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

/// The devices a record of a task tied to `device_id` covers: every device of that device's kind
/// in use, when there are several (the opening check tied to terminal 1 goes over terminal 2 as
/// well); none for a task tied to no device, or to the only one of its kind in use. In the
/// registry's order.
pub fn covered_devices(device_id: Option<i64>, devices: &[Device]) -> Vec<&Device> {
    let Some(kind) = device_id.and_then(|id| devices.iter().find(|d| d.id == id)) else {
        return Vec::new();
    };
    let covered: Vec<&Device> = of_kind_in_use(devices, kind.fields.kind).collect();
    if covered.len() >= 2 {
        covered
    } else {
        Vec::new()
    }
}

fn of_kind_in_use(devices: &[Device], kind: DeviceKind) -> impl Iterator<Item = &Device> {
    devices
        .iter()
        .filter(move |d| d.in_use() && d.fields.kind == kind)
}

/// The choice to ask for when `task` reports a problem, or `None` when its problems go on its
/// own device (or on none) without asking.
pub fn problem_device_choice<'a>(
    task: &TaskFields,
    devices: &'a [Device],
) -> Option<DeviceChoice<'a>> {
    if task.device_id.is_some() {
        let covered = covered_devices(task.device_id, devices);
        return (!covered.is_empty()).then_some(DeviceChoice {
            devices: covered,
            none_allowed: false,
        });
    }
    if !matches!(task.category, TaskCategory::Check | TaskCategory::Other) {
        return None;
    }
    let covered: Vec<&Device> = of_kind_in_use(devices, DeviceKind::Terminal).collect();
    (covered.len() >= 2).then_some(DeviceChoice {
        devices: covered,
        none_allowed: true,
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
