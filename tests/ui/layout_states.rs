//! The layout test, for the states a person reaches by clicking: every screen with its side
//! pane, form, question or call sheet open, at the tills' windows (1024×700 and 1366×730) and
//! 100/150/200 % zoom, in both languages: no widget over another, none out of reach. And, on the
//! small till, every button such a state shows does something when clicked.

use std::sync::Arc;

use egui::Vec2;
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use poscare::i18n::{Lang, T};
use poscare::ui::app::{App, Screen};
use poscare::ui::instance::ShowRequests;
use poscare::ui::testing::{harness_sized, settle};

use crate::layout::{ZOOMS, assert_fits, problems, realistic_shop, today};

type H = Harness<'static, App>;

/// The windows of the tills (in pixels), the task bar taken off.
const WINDOWS: [(f32, f32); 2] = [(1024.0, 700.0), (1366.0, 730.0)];

/// A state: the screen it is on, its name, and the clicks that reach it from that screen.
struct State {
    screen: Screen,
    name: &'static str,
    reach: fn(&mut H, Lang),
}

/// Scrolls to the (first) widget named `name` and clicks it; on a narrow window where a side
/// pane is in front of its list, goes back to the list first when that is where it is.
fn click(h: &mut H, name: &str) {
    let first = |h: &H| {
        h.query_all_by_label(name)
            .next()
            .map(|n| n.accesskit_node().locate().0.0)
    };
    if first(h).is_none() {
        for lang in Lang::ALL {
            let back = format!("← {}", lang.t(T::BackToList));
            if h.query_by_label(&back).is_some() {
                h.get_by_label(&back).click();
                settle(h);
            }
        }
    }
    let id = first(h).unwrap_or_else(|| panic!("no “{name}”"));
    by_id(h, id)
        .unwrap_or_else(|| panic!("“{name}” went away"))
        .scroll_to_me();
    settle(h);
    by_id(h, id)
        .unwrap_or_else(|| panic!("“{name}” went away"))
        .click();
    settle(h);
}

/// The node of the widget with AccessKit id `id`, if it is drawn.
fn by_id(h: &H, id: u64) -> Option<egui_kittest::Node<'_>> {
    h.root()
        .children_recursive()
        .find(|n| n.accesskit_node().locate().0.0 == id)
}

fn click_t(h: &mut H, lang: Lang, key: T) {
    click(h, lang.t(key));
}

/// Types `text` into the field named `field`.
fn type_into(h: &mut H, field: &str, text: &str) {
    h.get_by_label(field).scroll_to_me();
    settle(h);
    h.get_by_label(field).focus();
    settle(h);
    h.event(egui::Event::Text(text.to_owned()));
    settle(h);
}

fn answer(h: &mut H, lang: Lang) {
    type_into(h, lang.t(T::LookupBox), "51");
}

fn first_task(lang: Lang) -> String {
    let plan = poscare::planner::starter::starter_plan();
    plan.tasks[0].fields(lang, today(), None).title
}

fn first_plan(lang: Lang) -> String {
    poscare::emergency::starter::starter_fields(lang)[0]
        .1
        .title
        .clone()
}

fn run_plan(h: &mut H, lang: Lang) {
    click(h, &first_plan(lang));
    click_t(h, lang, T::EmRunNow);
}

const STATES: &[State] = &[
    State {
        screen: Screen::Lookup,
        name: "an answer",
        reach: answer,
    },
    State {
        screen: Screen::Lookup,
        name: "the form for an own entry",
        reach: |h, lang| {
            answer(h, lang);
            click_t(h, lang, T::AddOwn);
        },
    },
    State {
        screen: Screen::Lookup,
        name: "an incident recorded, its call sheet",
        reach: |h, lang| {
            answer(h, lang);
            // (Of the shop's two terminals, the one it happened on is chosen first.)
            click(h, "收银台1号终端");
            click(h, &format!("● {}", lang.t(T::RecordIncident)));
        },
    },
    State {
        screen: Screen::Devices,
        name: "a device open",
        reach: |h, _| click(h, "收银台1号终端"),
    },
    State {
        screen: Screen::Devices,
        name: "a new device's form",
        reach: |h, lang| click(h, &format!("＋ {}", lang.t(T::DeviceAdd))),
    },
    State {
        screen: Screen::Devices,
        name: "the question before retiring",
        reach: |h, lang| {
            click(h, "收银台1号终端");
            click_t(h, lang, T::DeviceRetire);
        },
    },
    State {
        screen: Screen::Staff,
        name: "a person open",
        reach: |h, _| click(h, "张三"),
    },
    State {
        screen: Screen::Staff,
        name: "a new person's form",
        reach: |h, lang| click_t(h, lang, T::StaffAdd),
    },
    State {
        screen: Screen::Staff,
        name: "recording a training",
        reach: |h, lang| {
            click(h, "张三");
            click_t(h, lang, T::StaffRecordFor);
        },
    },
    State {
        screen: Screen::Planner,
        name: "a task open",
        reach: |h, lang| click(h, &first_task(lang)),
    },
    State {
        screen: Screen::Planner,
        name: "a new task's form",
        reach: |h, lang| click(h, &format!("＋ {}", lang.t(T::PlanNewTask))),
    },
    State {
        screen: Screen::Planner,
        name: "the shop's calendar",
        reach: |h, lang| click_t(h, lang, T::PlanCalendar),
    },
    State {
        screen: Screen::Emergency,
        name: "a plan open",
        reach: |h, lang| click(h, &first_plan(lang)),
    },
    State {
        screen: Screen::Emergency,
        name: "the choice of notices",
        reach: |h, lang| click_t(h, lang, T::EmNoticeOther),
    },
    State {
        screen: Screen::Emergency,
        name: "a new contact's form",
        reach: |h, lang| click_t(h, lang, T::EmAddContact),
    },
    State {
        screen: Screen::Emergency,
        name: "the question before archiving",
        reach: |h, lang| {
            click(h, &first_plan(lang));
            click_t(h, lang, T::EmArchive);
        },
    },
    State {
        screen: Screen::Emergency,
        name: "a plan being run",
        reach: run_plan,
    },
    State {
        screen: Screen::Emergency,
        name: "the question before ending a run with steps left",
        reach: |h, lang| {
            run_plan(h, lang);
            click_t(h, lang, T::EmEndSave);
        },
    },
];

/// A fresh shop's window of `size` points at `zoom`, on `screen`, with `state` reached.
fn reach(lang: Lang, zoom: u32, size: Vec2, state: &State) -> (tempfile::TempDir, H) {
    let dir = realistic_shop(lang, zoom);
    let show = Arc::new(ShowRequests::default());
    let mut h = harness_sized(dir.path(), Some(today()), show, size);
    let nav = lang.t(state.screen.label());
    h.get_by_label(nav).scroll_to_me();
    settle(&mut h);
    h.get_by_label(nav).click();
    settle(&mut h);
    (state.reach)(&mut h, lang);
    (dir, h)
}

fn check_states(lang: Lang) {
    let mut found = Vec::new();
    for (w, hgt) in WINDOWS {
        for zoom in ZOOMS {
            let size = Vec2::new(w, hgt) / (zoom as f32 / 100.0);
            for state in STATES {
                let (_dir, mut h) = reach(lang, zoom, size, state);
                let place = format!("{w}×{hgt} at {zoom} %, {:?}: {}", state.screen, state.name);
                found.extend(problems(&mut h, &place));
            }
        }
    }
    assert_fits(found, &format!("in {lang:?}"));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "layout is the same on every platform; too slow under Wine for the CI budget"
)]
fn every_state_fits_in_chinese() {
    check_states(Lang::Zh);
}

#[test]
#[cfg_attr(
    windows,
    ignore = "layout is the same on every platform; too slow under Wine for the CI budget"
)]
fn every_state_fits_in_english() {
    check_states(Lang::En);
}

/// What a person can see of the window: every node's role, name, value and tick, and the screen.
fn seen(h: &H) -> (Screen, Vec<String>) {
    let nodes = h
        .root()
        .children_recursive()
        .map(|n| {
            let ak = n.accesskit_node();
            let toggled = ak.toggled().map(|t| t == Toggled::True);
            format!(
                "{:?} {:?} {:?} {toggled:?}",
                ak.role(),
                ak.label(),
                ak.value()
            )
        })
        .collect();
    (h.state().screen(), nodes)
}

/// The buttons (and links, ticks and choices) a state shows that a person can click now.
fn clickable(h: &H) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    for node in h.root().children_recursive() {
        let ak = node.accesskit_node();
        let button = matches!(
            ak.role(),
            Role::Button | Role::Link | Role::CheckBox | Role::RadioButton | Role::Tab
        );
        // A choice already made, or the item already open, is no button to try: choosing it
        // again rightly changes nothing.
        let chosen = ak.toggled() == Some(Toggled::True) && ak.role() != Role::CheckBox;
        if !button || ak.is_disabled() || chosen {
            continue;
        }
        let Some(name) = ak.label() else { continue };
        out.push((ak.locate().0.0, name));
    }
    out
}

/// Buttons whose effect lies outside the window: the system's file browser, the printer's page
/// opened in the browser.
fn acts_outside(name: &str) -> bool {
    ["打开", "Open folder", "打印", "Print", "浏览器", "browser"]
        .iter()
        .any(|w| name.contains(w))
}

/// On the small till, every button of every state does something when clicked: what the window
/// shows changes, or something is copied, or the app moves to another screen.
#[test]
#[cfg_attr(
    windows,
    ignore = "layout is the same on every platform; too slow under Wine for the CI budget"
)]
fn every_button_of_every_state_does_something() {
    let lang = Lang::Zh;
    let size = Vec2::new(1024.0, 700.0);
    let navigation: Vec<&str> = Screen::ALL.iter().map(|s| lang.t(s.label())).collect();
    let mut dead = Vec::new();
    for state in STATES {
        let (_dir, h) = reach(lang, 100, size, state);
        let buttons = clickable(&h);
        drop(h);
        for (id, name) in buttons {
            if navigation.contains(&name.as_str()) || acts_outside(&name) {
                continue;
            }
            let (_dir, mut h) = reach(lang, 100, size, state);
            let before = seen(&h);
            let Some(node) = by_id(&h, id) else {
                dead.push(format!(
                    "{}: “{name}” is not there a second time",
                    state.name
                ));
                continue;
            };
            node.scroll_to_me();
            settle(&mut h);
            let node = by_id(&h, id).expect("still there after scrolling");
            node.click();
            settle(&mut h);
            let copied = h
                .output()
                .platform_output
                .commands
                .iter()
                .any(|c| matches!(c, egui::OutputCommand::CopyText(_)));
            if !copied && seen(&h) == before {
                dead.push(format!("{}: “{name}” does nothing", state.name));
            }
        }
    }
    assert!(
        dead.is_empty(),
        "{} dead buttons:\n{}",
        dead.len(),
        dead.join("\n")
    );
}

/// At 200 % on a 1024×700 window the answer is not a strip under its banner: the meaning of the
/// code is in view as the answer opens (the banner heads the answer and scrolls with it there).
#[test]
fn at_200_percent_on_1024_by_700_an_answer_opens_with_its_meaning_in_view() {
    for lang in [Lang::Zh, Lang::En] {
        let size = Vec2::new(1024.0, 700.0) / 2.0;
        let (_dir, h) = reach(lang, 200, size, &STATES[0]);
        let window = h.ctx.content_rect();
        let banner = h.get_by_label_contains(lang.t(T::DetailRetry)).rect();
        let meaning = h.get_by_label(lang.t(T::DetailMeaning)).rect();
        assert!(
            window.contains_rect(banner) && window.contains_rect(meaning),
            "{lang:?}: the retry banner {banner:?} and the meaning {meaning:?} are not both in \
             {window:?}"
        );
    }
}

/// Typing on at 200 % on 1024×700: the first character brings an answer in front (the tabs give
/// way), and the box keeps the keyboard, so "51" is typed whole, not "5".
#[test]
fn at_200_percent_the_box_keeps_the_keyboard_when_the_answer_comes_in_front() {
    let size = Vec2::new(1024.0, 700.0) / 2.0;
    let dir = realistic_shop(Lang::Zh, 200);
    let show = Arc::new(ShowRequests::default());
    let mut h = harness_sized(dir.path(), Some(today()), show, size);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    settle(&mut h);
    for c in ["5", "1"] {
        h.event(egui::Event::Text(c.to_owned()));
        settle(&mut h);
    }
    let field = h.get_by_label(Lang::Zh.t(T::LookupBox));
    assert_eq!(field.value().as_deref(), Some("51"));
}
