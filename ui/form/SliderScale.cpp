#include "ui/form/SliderScale.h"

#include <algorithm>
#include <cmath>

namespace walklab::ui {

SliderScale::SliderScale(double minimum, double maximum, bool integer)
    : m_min(minimum),
      m_max(maximum),
      m_integer(integer),
      m_log(minimum > 0 && maximum >= 100 * minimum),
      m_steps(integer && !m_log && maximum - minimum <= kSteps ? int(maximum - minimum) : kSteps)
{
}

double SliderScale::value(int position) const
{
    const double f = double(std::clamp(position, 0, m_steps)) / m_steps;
    const double v = m_log ? m_min * std::pow(m_max / m_min, f) : m_min + (m_max - m_min) * f;
    return std::clamp(m_integer ? std::round(v) : v, m_min, m_max);
}

int SliderScale::position(double value) const
{
    if (!(value > m_min))  // NaN too
        return 0;
    if (value >= m_max)
        return m_steps;
    const double f = m_log ? std::log(value / m_min) / std::log(m_max / m_min)
                           : (value - m_min) / (m_max - m_min);
    return std::clamp(int(std::lround(f * m_steps)), 0, m_steps);
}

}  // namespace walklab::ui
