// The mapping between a slider's integer positions and a parameter's range of values.
#pragma once

namespace walklab::ui {

/// Positions 0 … steps() of a slider over a parameter range [minimum, maximum].
///
/// Logarithmic when the range is positive and spans at least two decades (maximum ≥
/// 100 · minimum): value(p) = minimum · (maximum / minimum)^(p / steps), so that 1, 10, 100 …
/// are evenly spaced; linear otherwise. An integer parameter whose range has at most
/// kSteps + 1 values gets one position per value; every other range gets kSteps positions,
/// and integer values are rounded to the nearest whole number.
class SliderScale {
public:
    static constexpr int kSteps = 1000;

    /// A scale over [minimum, maximum] (minimum < maximum, both finite).
    SliderScale(double minimum, double maximum, bool integer);

    bool logarithmic() const { return m_log; }
    /// The largest position (the smallest is 0).
    int steps() const { return m_steps; }
    /// The parameter value at `position` (clamped to 0 … steps()).
    double value(int position) const;
    /// The position whose value is nearest to `value` (values outside the range give the
    /// nearer end).
    int position(double value) const;

private:
    double m_min, m_max;
    bool m_integer;
    bool m_log;
    int m_steps;
};

}  // namespace walklab::ui
