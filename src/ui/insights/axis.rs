//! Where a chart's numbers and labels go: round steps on the count axis, and which bar labels fit
//! side by side (none over another, none past the chart's edges). Plain arithmetic, tested here.

/// The marks of a count axis from 0 to at least `max`: 0, s, 2s, … with the step s a round
/// number (1, 2 or 5 × 10ⁿ, never below 1) and at most `most` steps.
pub fn ticks(max: f64, most: usize) -> Vec<f64> {
    let max = if max.is_finite() { max.max(1.0) } else { 1.0 };
    let most = most.max(1) as f64;
    let mut magnitude = 1.0;
    let step = loop {
        if let Some(step) = [1.0, 2.0, 5.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| (max / s).ceil() <= most)
        {
            break step;
        }
        magnitude *= 10.0;
    };
    let steps = (max / step).ceil() as usize;
    (0..=steps).map(|i| i as f64 * step).collect()
}

/// The labels to draw under bars whose centres are `centres` (evenly spaced, left to right),
/// the label of bar i being `widths[i]` wide: every k-th label counted back from the last (the
/// newest month is the one read first, and a bar right of the last label reads as that label's
/// month), k the smallest
/// that leaves `gap` between neighbours; each placed under its bar but moved inside `bounds`
/// (left, right) if it would stick out, and left out if it would then come within `gap` of the
/// one after. Returns (bar index, left edge) of each label drawn, left to right.
pub fn spaced(centres: &[f32], widths: &[f32], bounds: (f32, f32), gap: f32) -> Vec<(usize, f32)> {
    let (lo, hi) = bounds;
    let pitch = match centres {
        [a, b, ..] => (b - a).abs().max(f32::EPSILON),
        _ => f32::INFINITY,
    };
    let widest = widths.iter().copied().fold(0.0, f32::max);
    let every = ((widest + gap) / pitch).ceil().max(1.0) as usize;
    // Placed from the newest back, so it is the one kept when two would crowd each other.
    let mut out = Vec::new();
    let mut left_of_next = f32::INFINITY;
    let n = centres.len().min(widths.len());
    for i in (0..n).rev().step_by(every) {
        let (centre, width) = (centres[i], widths[i]);
        if width > hi - lo {
            continue;
        }
        let left = (centre - width / 2.0).clamp(lo, hi - width);
        if left + width + gap > left_of_next {
            continue;
        }
        out.push((i, left));
        left_of_next = left;
    }
    out.reverse();
    out
}

/// A count as the axis shows it: a whole number.
pub fn count_text(value: f64) -> String {
    format!("{}", value.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_steps_are_round_and_reach_the_top() {
        assert_eq!(ticks(0.0, 4), [0.0, 1.0]);
        assert_eq!(ticks(3.0, 4), [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(ticks(5.0, 4), [0.0, 2.0, 4.0, 6.0]);
        assert_eq!(ticks(350.0, 4), [0.0, 100.0, 200.0, 300.0, 400.0]);
        assert_eq!(ticks(401.0, 4), [0.0, 200.0, 400.0, 600.0]);
        assert_eq!(ticks(f64::NAN, 4), [0.0, 1.0]);
        for max in [1.0, 7.0, 19.0, 99.0, 1234.0, 49_990.0] {
            let t = ticks(max, 4);
            assert!(t.len() <= 5 && *t.last().unwrap() >= max, "{max}: {t:?}");
        }
    }

    #[test]
    fn labels_never_overlap_and_stay_inside() {
        // 120 months in 400 points, each label 50 points wide.
        let centres: Vec<f32> = (0..120)
            .map(|i| 40.0 + 400.0 * (i as f32 + 0.5) / 120.0)
            .collect();
        let widths = vec![50.0; 120];
        let drawn = spaced(&centres, &widths, (0.0, 440.0), 8.0);
        assert!(drawn.len() >= 5, "{drawn:?}");
        // The newest month is labelled.
        assert_eq!(drawn.last().unwrap().0, 119);
        for pair in drawn.windows(2) {
            assert!(pair[1].1 >= pair[0].1 + 50.0 + 8.0, "{pair:?}");
        }
        assert!(
            drawn
                .iter()
                .all(|&(_, left)| left >= 0.0 && left + 50.0 <= 440.0)
        );

        // Few wide bars: every label, the first moved right so it is not cut at the edge.
        let drawn = spaced(
            &[10.0, 110.0, 210.0],
            &[60.0, 60.0, 60.0],
            (0.0, 240.0),
            8.0,
        );
        assert_eq!(drawn, [(0, 0.0), (1, 80.0), (2, 180.0)]);

        // A label wider than the chart is left out; one bar alone is drawn.
        assert!(spaced(&[50.0], &[500.0], (0.0, 100.0), 8.0).is_empty());
        assert_eq!(spaced(&[50.0], &[20.0], (0.0, 100.0), 8.0), [(0, 40.0)]);
    }
}
