//! Emergency plans, contacts and outages in the store: round trips, archiving, validation,
//! running an outage, and everything still there after reopening.

mod common;

use chrono::NaiveDateTime;
use common::{data_dir, open, terminal};
use poscare_core::emergency::outage::TIME_FORMAT;
use poscare_core::emergency::starter::starter_plans;
use poscare_core::emergency::{
    ContactFields, ContactRole, NewOutage, OutageEnd, PlanFields, Problem, split_lines,
};
use poscare_core::i18n::Lang;
use poscare_core::store::keys;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, TIME_FORMAT).unwrap()
}

fn plan(title: &str) -> PlanFields {
    PlanFields {
        title: title.into(),
        situation: "终端刷不了卡".into(),
        steps: split_lines("重新签到\n重启终端\n打电话给收单机构"),
        fallbacks: split_lines("扫码\n现金"),
    }
    .validate()
    .unwrap()
}

#[test]
fn plans_round_trip_and_archiving_keeps_them() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let id = store.add_emergency_plan(&plan("刷卡不能用")).unwrap();
    let mut edited = plan("刷卡不能用");
    edited.steps.push("恢复后试一笔小金额".into());
    store.update_emergency_plan(id, &edited).unwrap();
    store.set_emergency_plan_archived(id, true).unwrap();
    drop(store);

    let mut store = open(dir.path());
    let plans = store.emergency_plans().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].fields, edited);
    assert!(plans[0].archived, "archived, not deleted");
    store.set_emergency_plan_archived(id, false).unwrap();
    assert!(!store.emergency_plans().unwrap()[0].archived);
    assert!(store.update_emergency_plan(99, &edited).is_err());
}

#[test]
fn the_starter_set_is_added_once_and_read_in_the_apps_language() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let keyed = |lang| -> Vec<(String, PlanFields)> {
        starter_plans()
            .iter()
            .map(|p| (p.key.clone(), p.fields(lang).validate().unwrap()))
            .collect()
    };
    assert_eq!(store.apply_emergency_starter(&keyed(Lang::Zh)).unwrap(), 6);
    assert_eq!(store.apply_emergency_starter(&keyed(Lang::En)).unwrap(), 0);
    store.set_setting(keys::LANGUAGE, "zh").unwrap();
    let plans = store.emergency_plans().unwrap();
    assert_eq!(plans.len(), 6);
    assert_eq!(plans[0].fields.title, "刷卡不能用");
    store.set_setting(keys::LANGUAGE, "en").unwrap();
    assert_eq!(
        store.emergency_plans().unwrap()[0].fields.title,
        "Card payments down"
    );
    assert_eq!(plans[0].starter_key.as_deref(), Some("card-down"));
    assert!(store.setting(keys::EMERGENCY_STARTER).unwrap().is_some());
}

/// A shop whose registry holds one card terminal in use is not told to take payment on "the
/// shop's second terminal"; a second terminal brings the fallback back, and retiring it takes
/// it away again.
#[test]
fn the_second_terminal_fallback_follows_the_registry() {
    let dir = data_dir();
    let mut store = open(dir.path());
    store.set_setting(keys::LANGUAGE, "zh").unwrap();
    let plans = starter_plans()
        .iter()
        .map(|p| (p.key.clone(), p.fields(Lang::Zh).validate().unwrap()))
        .collect::<Vec<_>>();
    store.apply_emergency_starter(&plans).unwrap();
    let second = |store: &poscare_core::store::Store| {
        store.emergency_plans().unwrap()[0]
            .fields
            .fallbacks
            .iter()
            .any(|f| f == "店里的第二台终端")
    };
    assert!(second(&store), "no terminal registered: it cannot be told");
    store.add_device(&terminal("收银台")).unwrap();
    assert!(!second(&store), "one terminal");
    let other = store.add_device(&terminal("吧台")).unwrap();
    assert!(second(&store), "two terminals");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    store.retire_device(other, day, "坏了").unwrap();
    assert!(!second(&store), "the second one retired");
}

#[test]
fn contacts_are_validated_and_archived_not_deleted() {
    let bad = ContactFields {
        role: ContactRole::Acquirer,
        name: "收单机构客服".into(),
        phone: "请拨打客服".into(),
        note: String::new(),
    };
    assert_eq!(bad.clone().validate(), Err(Problem::BadPhone));
    let nameless = ContactFields {
        name: " ".into(),
        phone: "1234".into(),
        ..bad.clone()
    };
    assert!(matches!(nameless.validate(), Err(Problem::Required(_))));

    let dir = data_dir();
    let mut store = open(dir.path());
    let good = ContactFields {
        phone: "(021) 1234-5678".into(),
        ..bad
    }
    .validate()
    .unwrap();
    let id = store.add_contact(&good).unwrap();
    let tech = ContactFields {
        role: ContactRole::Technician,
        name: "王师傅".into(),
        phone: "+86 139 0000 0000".into(),
        note: "周一休息".into(),
    };
    store.add_contact(&tech).unwrap();
    store.set_contact_archived(id, true).unwrap();
    let contacts = store.contacts().unwrap();
    assert_eq!(contacts.len(), 2);
    assert_eq!(contacts[0].fields, tech, "contacts in use first");
    assert!(contacts[1].archived);
    assert_eq!(contacts[1].fields.phone, "(021) 1234-5678");
}

#[test]
fn an_outage_starts_ticks_ends_and_survives_a_reopen() {
    let dir = data_dir();
    let mut store = open(dir.path());
    let device = store.add_device(&terminal("收银台1号终端")).unwrap();
    let plan_id = store.add_emergency_plan(&plan("刷卡不能用")).unwrap();
    let new = NewOutage {
        plan_id: Some(plan_id),
        device_id: None,
        staff_id: None,
        drill: false,
    };
    let id = store.start_outage(&new, at("2026-11-25T10:00:00")).unwrap();
    store.set_outage_device(id, Some(device)).unwrap();
    store
        .tick_outage_step(id, "重新签到", true, at("2026-11-25T10:01:00"))
        .unwrap();
    store
        .tick_outage_step(id, "重启终端", true, at("2026-11-25T10:02:00"))
        .unwrap();
    store
        .tick_outage_step(id, "重启终端", false, at("2026-11-25T10:03:00"))
        .unwrap();
    drop(store);

    // Still running after a restart, with its ticks.
    let mut store = open(dir.path());
    let running = store.running_outage().unwrap().expect("still running");
    assert_eq!(running.id, id);
    assert_eq!(running.device_id, Some(device));
    assert_eq!(running.ticks.len(), 3, "unticking is recorded too");
    assert_eq!(running.done_at("重新签到"), Some(at("2026-11-25T10:01:00")));
    assert_eq!(running.done_at("重启终端"), None);

    // An end before the start is refused and changes nothing.
    let end = OutageEnd {
        lost: "两笔交易改收现金".into(),
        fix: "重新签到后恢复".into(),
    }
    .validate()
    .unwrap();
    assert!(
        store
            .end_outage(id, &end, at("2026-11-25T09:59:00"), None)
            .is_err()
    );
    assert!(store.running_outage().unwrap().is_some());
    // A step ticked under a clock put back before the start is dated at the start, never
    // before it (a tester's step was "done" an hour before the outage began).
    store
        .tick_outage_step(id, "联系收单机构", true, at("2026-11-25T09:00:00"))
        .unwrap();
    let running = store.running_outage().unwrap().unwrap();
    assert_eq!(
        running.done_at("联系收单机构"),
        Some(at("2026-11-25T10:00:00"))
    );

    store
        .end_outage(id, &end, at("2026-11-25T10:20:00"), None)
        .unwrap();
    assert!(store.running_outage().unwrap().is_none());
    assert!(
        store
            .end_outage(id, &end, at("2026-11-25T10:30:00"), None)
            .is_err(),
        "ends once"
    );
    assert!(
        store
            .tick_outage_step(id, "重新签到", true, at("2026-11-25T10:31:00"))
            .is_err(),
        "no ticks after the end"
    );
    drop(store);

    let store = open(dir.path());
    let recent = store.recent_outages(10).unwrap();
    assert_eq!(recent.len(), 1);
    let o = &recent[0];
    assert_eq!(o.ended_at, Some(at("2026-11-25T10:20:00")));
    assert_eq!(o.fix, "重新签到后恢复");
    assert_eq!(o.lost, "两笔交易改收现金");
    assert_eq!(o.plan_id, Some(plan_id));
    assert!(!o.drill);
}

#[test]
fn ending_a_drill_completes_the_planners_drill_in_the_same_step() {
    use poscare_core::planner::starter::starter_plan;
    use poscare_core::planner::{NewCompletion, Outcome};

    let dir = data_dir();
    let mut store = open(dir.path());
    let day = at("2026-11-25T00:00:00").date();
    let fields = starter_plan()
        .task("payment-down-drill")
        .unwrap()
        .fields(Lang::Zh, day, None)
        .validate(Lang::Zh)
        .unwrap();
    let task = store.add_task(&fields, None).unwrap();
    let plan_id = store.add_emergency_plan(&plan("刷卡不能用")).unwrap();
    let drill = NewOutage {
        plan_id: Some(plan_id),
        drill: true,
        ..Default::default()
    };
    let id = store
        .start_outage(&drill, at("2026-11-25T15:00:00"))
        .unwrap();
    let completion = NewCompletion {
        task_id: task,
        due: day,
        done_at: at("2026-11-25T15:10:00"),
        done_by: None,
        outcome: Outcome::Ok,
        items: Vec::new(),
        note: "演练".into(),
    };
    let end = OutageEnd::default();
    let recorded = store
        .end_outage(id, &end, at("2026-11-25T15:10:00"), Some(&completion))
        .unwrap()
        .expect("the drill is recorded");
    assert!(!recorded.already);
    let done = store.completions_on(day).unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].task_id, task);
    let outage = store.recent_outages(1).unwrap().remove(0);
    assert!(outage.drill && outage.ended_at.is_some());
}
