//! A plan as a print-friendly page for the wall: A4, large type, no scripts, no outside files.

use super::contact::Contact;
use super::plan::PlanFields;
use crate::i18n::{Lang, T};
use crate::incident::escape_html;

/// What to print, in which language(s).
pub struct WallSheet<'a> {
    /// The shop's name (may be empty).
    pub shop: &'a str,
    /// The plan.
    pub plan: &'a PlanFields,
    /// The shop's contacts (those in use).
    pub contacts: &'a [Contact],
    /// The terminals in use with what the registry knows for a call (name, "acquirer · hotline ·
    /// terminal ID · merchant ID"): what the acquirer asks for first.
    pub devices: &'a [(String, String)],
    /// The language of the headings.
    pub lang: Lang,
    /// Headings in both languages ("处理步骤 / Steps").
    pub both: bool,
    /// The day it is printed: a sheet on the wall for a year says how old its numbers are.
    pub printed: chrono::NaiveDate,
}

impl WallSheet<'_> {
    /// A heading in the chosen language(s), escaped.
    fn heading(&self, key: T) -> String {
        let text = if self.both {
            format!("{} / {}", Lang::Zh.t(key), Lang::En.t(key))
        } else {
            self.lang.t(key).to_owned()
        };
        escape_html(&text)
    }

    /// The page. User text is escaped and shown as typed.
    pub fn html(&self) -> String {
        let plan = self.plan;
        let mut body = String::new();
        if !self.shop.is_empty() {
            body.push_str(&format!(
                "<p class=\"shop\">{}</p>\n",
                escape_html(self.shop)
            ));
        }
        body.push_str(&format!("<h1>{}</h1>\n", escape_html(&plan.title)));
        if !plan.situation.is_empty() {
            body.push_str(&format!(
                "<p class=\"situation\">{}</p>\n",
                escape_html(&plan.situation).replace('\n', "<br>")
            ));
        }
        body.push_str(&format!(
            "<h2>{}</h2>\n<ol>\n",
            self.heading(T::EmStepsHeading)
        ));
        for step in &plan.steps {
            body.push_str(&format!("<li>{}</li>\n", escape_html(step)));
        }
        body.push_str("</ol>\n");
        if !plan.fallbacks.is_empty() {
            body.push_str(&format!(
                "<h2>{}</h2>\n<ul>\n",
                self.heading(T::EmFallbacksHeading)
            ));
            for way in &plan.fallbacks {
                body.push_str(&format!("<li>{}</li>\n", escape_html(way)));
            }
            body.push_str("</ul>\n");
        }
        body.push_str(&format!(
            "<h2>{}</h2>\n",
            self.heading(T::EmContactsHeading)
        ));
        let contacts: Vec<&Contact> = self.contacts.iter().filter(|c| !c.archived).collect();
        if contacts.is_empty() {
            body.push_str(&format!("<p>{}</p>\n", self.heading(T::EmNoContactsPrint)));
        } else {
            body.push_str("<table>\n");
            for c in contacts {
                let f = &c.fields;
                body.push_str(&format!(
                    "<tr><th>{}</th><td>{}</td><td class=\"phone\">{}</td><td>{}</td></tr>\n",
                    self.heading(f.role.label()),
                    escape_html(&f.name),
                    escape_html(&f.phone),
                    escape_html(&f.note)
                ));
            }
            body.push_str("</table>\n");
        }
        if !self.devices.is_empty() {
            body.push_str(&format!(
                "<p class=\"from\">{}</p>\n<table>\n",
                self.heading(T::EmFromDevices)
            ));
            for (name, line) in self.devices {
                body.push_str(&format!(
                    "<tr><th>{}</th><td>{}</td></tr>\n",
                    escape_html(name),
                    escape_html(line)
                ));
            }
            body.push_str("</table>\n");
        }
        let date = self.printed.format("%Y-%m-%d").to_string();
        let printed: Vec<String> = if self.both {
            Lang::ALL.to_vec()
        } else {
            vec![self.lang]
        }
        .into_iter()
        .map(|l| l.fill(T::EmPrintedOn, &[("date", &date)]))
        .collect();
        body.push_str(&format!(
            "<p class=\"printed\">{}</p>\n",
            escape_html(&printed.join(" / "))
        ));
        let lang_attr = if self.lang == Lang::Zh { "zh-CN" } else { "en" };
        let title = escape_html(&plan.title);
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang_attr}\"><head><meta charset=\"utf-8\"><title>{title}</title>\n<style>\
             @page{{size:A4;margin:15mm}}\
             body{{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",sans-serif;font-size:18pt;line-height:1.4;color:#000;background:#fff}}\
             h1{{font-size:30pt;margin:0 0 8pt}}h2{{font-size:22pt;margin:14pt 0 6pt;border-bottom:2pt solid #000}}\
             .shop{{font-size:14pt;margin:0}}.from{{margin:10pt 0 4pt;font-weight:bold}}.situation{{font-style:italic}}.printed{{font-size:12pt;margin-top:14pt}}li{{margin:4pt 0}}\
             table{{border-collapse:collapse;width:100%}}th,td{{border:1pt solid #000;padding:4pt 8pt;text-align:left;vertical-align:top}}\
             th{{background:#eee;width:22%}}.phone{{font-size:22pt;font-weight:bold;white-space:nowrap}}</style></head>\n\
             <body>\n{body}</body></html>\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emergency::contact::{ContactFields, ContactRole};

    #[test]
    fn user_text_is_escaped_and_headings_follow_the_language() {
        let plan = PlanFields {
            title: "刷卡<不能>用".into(),
            situation: "第一行\n第二行".into(),
            steps: vec!["看 \"提示\" & 记下".into()],
            fallbacks: vec!["现金".into()],
        };
        let contacts = [Contact {
            id: 1,
            fields: ContactFields {
                role: ContactRole::Technician,
                name: "王师傅<script>".into(),
                phone: "1234-5678".into(),
                note: String::new(),
            },
            archived: false,
        }];
        let devices = [(
            "收银台<1号>".to_owned(),
            "收单机构 / 支付公司：银联商务 · 终端号：12345678".to_owned(),
        )];
        let sheet = WallSheet {
            shop: "小店 & 咖啡",
            plan: &plan,
            contacts: &contacts,
            devices: &devices,
            lang: Lang::Zh,
            both: false,
            printed: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
        };
        let html = sheet.html();
        assert!(html.contains("<h1>刷卡&lt;不能&gt;用</h1>"), "{html}");
        assert!(html.contains("看 &quot;提示&quot; &amp; 记下"));
        assert!(html.contains("王师傅&lt;script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("第一行<br>第二行"));
        assert!(html.contains("小店 &amp; 咖啡"));
        // The registry's acquirer and IDs, to read out on the phone.
        assert!(html.contains(&escape_html(Lang::Zh.t(T::EmFromDevices))));
        assert!(html.contains("收银台&lt;1号&gt;") && html.contains("终端号：12345678"));
        assert!(html.contains(Lang::Zh.t(T::EmStepsHeading)));
        assert!(!html.contains(Lang::En.t(T::EmStepsHeading)));
        // The day it was printed: how old the numbers on the wall are.
        assert!(html.contains("打印于 2026-12-06"), "{html}");
        let both = WallSheet {
            both: true,
            ..sheet
        }
        .html();
        assert!(both.contains(Lang::En.t(T::EmStepsHeading)));
        assert!(both.contains(Lang::Zh.t(T::EmStepsHeading)));
        assert!(both.contains("打印于 2026-12-06") && both.contains("Printed on 2026-12-06"));
    }
}
