//! The Insights charts as inline SVG for the printed report: no scripts, every bar with a
//! `<title>` (its value on hover in a browser) and its number printed, so it reads in grey too.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

use super::Family;
use crate::incident::escape_html as esc;

/// An RGB colour.
pub type Rgb = [u8; 3];

/// The colour of a family in every chart (distinct in light and dark, and printed in grey).
pub fn family_color(family: Family) -> Rgb {
    match family {
        Family::CardRead => [0x2b, 0x7b, 0xb9],
        Family::Communication => [0xe0, 0x8a, 0x1e],
        Family::SignOnKey => [0x8e, 0x5c, 0xc2],
        Family::Printer => [0x3a, 0xa1, 0x5a],
        Family::Reversal => [0xd6, 0x3b, 0x3b],
        Family::Other => [0x8a, 0x8a, 0x8a],
    }
}

/// On time, late, missed.
pub const ON_TIME: Rgb = [0x3a, 0xa1, 0x5a];
/// Late.
pub const LATE: Rgb = [0xe0, 0xa8, 0x1e];
/// Missed.
pub const MISSED: Rgb = [0xd6, 0x3b, 0x3b];
/// Outages and backups.
pub const PLAIN: Rgb = [0x2b, 0x7b, 0xb9];

/// One stacked series: its name, colour and a value per bar.
pub struct Series<'a> {
    /// Shown in the legend.
    pub name: &'a str,
    /// Its colour.
    pub color: Rgb,
    /// One value per bar.
    pub values: Vec<u32>,
}

const WIDTH: f64 = 680.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 22.0;

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn open(out: &mut String, title: &str, height: f64) {
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" \
         font-size=\"10\" font-family=\"sans-serif\"><title>{}</title>",
        esc(title),
        esc(title)
    );
}

fn legend(out: &mut String, series: &[Series<'_>]) {
    let mut x = LEFT;
    for s in series {
        let _ = write!(
            out,
            "<rect x=\"{x:.0}\" y=\"4\" width=\"10\" height=\"10\" fill=\"{}\"/>\
             <text x=\"{:.0}\" y=\"13\">{}</text>",
            hex(s.color),
            x + 13.0,
            esc(s.name)
        );
        x += 20.0 + 11.0 * s.name.chars().count() as f64;
    }
}

/// Vertical bars, one per label, stacked by series; only every n-th label is printed when
/// there are many.
pub fn stacked_bars(title: &str, labels: &[String], series: &[Series<'_>]) -> String {
    let mut out = String::new();
    open(&mut out, title, HEIGHT);
    legend(&mut out, series);
    let totals: Vec<u32> = (0..labels.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1) as f64;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let base = HEIGHT - BOTTOM;
    let slot = (WIDTH - LEFT - 8.0) / labels.len().max(1) as f64;
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#000\"/>\
         <text x=\"{}\" y=\"{:.0}\" text-anchor=\"end\">{}</text>\
         <text x=\"{}\" y=\"{base}\" text-anchor=\"end\">0</text>",
        WIDTH - 8.0,
        LEFT - 4.0,
        TOP + 8.0,
        max as u32,
        LEFT - 4.0
    );
    let every = labels.len().div_ceil(12).max(1);
    for (i, label) in labels.iter().enumerate() {
        let x = LEFT + slot * i as f64 + slot * 0.15;
        let w = (slot * 0.7).max(1.0);
        let mut y = base;
        for s in series {
            let v = s.values.get(i).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let h = plot_h * f64::from(v) / max;
            y -= h;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{}\">\
                 <title>{} {}: {v}</title></rect>",
                hex(s.color),
                esc(label),
                esc(s.name)
            );
        }
        if totals[i] > 0 && every == 1 {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + w / 2.0,
                y - 2.0,
                totals[i]
            );
        }
        if i % every == 0 {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text>",
                x + w / 2.0,
                base + 14.0,
                esc(label)
            );
        }
    }
    out.push_str("</svg></figure>\n");
    out
}

/// Horizontal bars, one per row: (label, colour, value), largest scale first.
pub fn horizontal_bars(title: &str, rows: &[(String, Rgb, u32)]) -> String {
    let height = TOP + 18.0 * rows.len().max(1) as f64 + 8.0;
    let mut out = String::new();
    open(&mut out, title, height);
    let label_w = 300.0;
    let max = rows.iter().map(|r| r.2).max().unwrap_or(0).max(1) as f64;
    for (i, (label, color, v)) in rows.iter().enumerate() {
        let y = TOP + 18.0 * i as f64;
        let w = (WIDTH - label_w - 40.0) * f64::from(*v) / max;
        let _ = write!(
            out,
            "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y:.0}\" width=\"{w:.1}\" height=\"13\" fill=\"{}\">\
             <title>{}: {v}</title></rect>\
             <text x=\"{:.1}\" y=\"{:.0}\">{v}</text>",
            label_w - 6.0,
            y + 11.0,
            esc(label),
            hex(*color),
            esc(label),
            label_w + w + 4.0,
            y + 11.0
        );
    }
    out.push_str("</svg></figure>\n");
    out
}

/// A time line from `from` to `to` with a tick at each moment (the outside backups).
pub fn ticks(title: &str, from: NaiveDate, to: NaiveDate, at: &[NaiveDateTime]) -> String {
    let height = 70.0;
    let mut out = String::new();
    open(&mut out, title, height);
    let span = ((to - from).num_days() + 1).max(1) as f64;
    let right = WIDTH - 8.0;
    let x_of = |d: NaiveDate| LEFT + (right - LEFT) * (d - from).num_days() as f64 / span;
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"40\" x2=\"{right}\" y2=\"40\" stroke=\"#000\"/>\
         <text x=\"{LEFT}\" y=\"58\">{from}</text><text x=\"{right}\" y=\"58\" text-anchor=\"end\">{to}</text>"
    );
    for t in at {
        let x = x_of(t.date());
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" y1=\"24\" x2=\"{x:.1}\" y2=\"40\" stroke=\"{}\" stroke-width=\"2\">\
             <title>{}</title></line>",
            hex(PLAIN),
            t.format("%Y-%m-%d %H:%M")
        );
    }
    out.push_str("</svg></figure>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_plain_svg_with_escaped_text_and_no_scripts() {
        let svg = stacked_bars(
            "每月 <故障>",
            &["2026-10".into(), "2026-11".into()],
            &[Series {
                name: "读卡",
                color: ON_TIME,
                values: vec![3, 0],
            }],
        );
        assert!(svg.contains("&lt;故障&gt;"));
        assert!(svg.contains("<title>2026-10 读卡: 3</title>"));
        assert!(!svg.contains("<script"));
        let h = horizontal_bars("x", &[("终端1 · 通讯失败".into(), PLAIN, 4)]);
        assert!(h.contains(">4</text>"));
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let t = ticks(
            "b",
            day,
            day + chrono::Days::new(30),
            &[day.and_hms_opt(9, 0, 0).unwrap()],
        );
        assert!(t.contains("2026-01-01 09:00"));
    }
}
