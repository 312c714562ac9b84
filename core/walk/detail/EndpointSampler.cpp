#include "core/walk/detail/EndpointSampler.h"

#include <algorithm>
#include <limits>

namespace walklab::core::detail {

EndpointSampler1D::EndpointSampler1D(std::int64_t steps, double p, double q)
    : m_steps(steps), m_lazy(1.0 - p - q >= 4 * std::numeric_limits<double>::epsilon()),
      m_up(steps, std::min(1.0, p)), m_downGivenNotUp(p < 1 ? std::min(1.0, q / (1 - p)) : 0.0)
{
}

void EndpointSampler1D::operator()(Engine& engine, std::int64_t* out, std::size_t walkers) const
{
    for (std::size_t done = 0; done < walkers; done += kBinomialBatch) {
        const std::size_t n = std::min(kBinomialBatch, walkers - done);
        std::int64_t* s = out + done;
        m_up(engine, s, n);
        if (!m_lazy) {
            for (std::size_t j = 0; j < n; ++j)
                s[j] = 2 * s[j] - m_steps;
            continue;
        }
        std::array<std::int64_t, kBinomialBatch> down;
        for (std::size_t j = 0; j < n; ++j)
            down[j] = m_steps - s[j];
        binomials(engine, down.data(), m_downGivenNotUp, down.data(), n);
        for (std::size_t j = 0; j < n; ++j)
            s[j] -= down[j];
    }
}

EndpointSamplerND::EndpointSamplerND(int dimension, std::int64_t steps, const SimpleWalkProbabilities& p)
    : m_dimension(dimension), m_steps(steps), m_lazy(p.lazy > 0),
      m_rotated(dimension == 2 && p.plus[0] == p.minus[0] && p.minus[0] == p.plus[1] && p.plus[1] == p.minus[1])
{
    double tail = p.lazy;
    for (int a = dimension - 1; a >= 0; --a) {
        const std::size_t i = std::size_t(a);
        const double axis = p.plus[i] + p.minus[i];
        tail += axis;
        m_axisGivenLeft[i] = axis > 0 ? std::min(1.0, axis / tail) : 0.0;
        m_plusGivenAxis[i] = axis > 0 ? std::min(1.0, p.plus[i] / axis) : 0.0;
    }
    m_first = m_rotated ? Binomial(steps, m_lazy ? 1 - p.lazy : 0.5) : Binomial(steps, m_axisGivenLeft[0]);
}

void EndpointSamplerND::operator()(Engine& engine, Displacement* out, std::size_t walkers) const
{
    for (std::size_t done = 0; done < walkers; done += kBinomialBatch) {
        const std::size_t n = std::min(kBinomialBatch, walkers - done);
        if (m_rotated)
            rotated(engine, out + done, n);
        else
            axisByAxis(engine, out + done, n);
    }
}

void EndpointSamplerND::rotated(Engine& engine, Displacement* out, std::size_t n) const
{
    std::array<std::int64_t, kBinomialBatch> moves, u, v;
    if (m_lazy && n == 1) {  // what the stages below do for one walker, the law set up once
        moves[0] = m_first(engine);
        const Binomial half(moves[0], 0.5);
        u[0] = half(engine);
        v[0] = half(engine);
    } else if (m_lazy) {
        m_first(engine, moves.data(), n);
        binomials(engine, moves.data(), 0.5, u.data(), n);
        binomials(engine, moves.data(), 0.5, v.data(), n);
    } else {
        std::fill_n(moves.begin(), n, m_steps);
        m_first(engine, u.data(), n);
        m_first(engine, v.data(), n);
    }
    for (std::size_t j = 0; j < n; ++j) {
        const std::int64_t du = 2 * u[j] - moves[j], dv = 2 * v[j] - moves[j];  // same parity as moves
        out[j] = {(du + dv) / 2, (du - dv) / 2, 0};
    }
}

void EndpointSamplerND::axisByAxis(Engine& engine, Displacement* out, std::size_t n) const
{
    std::array<std::int64_t, kBinomialBatch> left, moves, plus;
    std::fill_n(left.begin(), n, m_steps);
    std::fill_n(out, n, Displacement{0, 0, 0});
    for (int a = 0; a < m_dimension; ++a) {
        const std::size_t i = std::size_t(a);
        if (a == 0)
            m_first(engine, moves.data(), n);
        else if (a == m_dimension - 1 && !m_lazy)
            std::copy_n(left.begin(), n, moves.begin());
        else
            binomials(engine, left.data(), m_axisGivenLeft[i], moves.data(), n);
        binomials(engine, moves.data(), m_plusGivenAxis[i], plus.data(), n);
        for (std::size_t j = 0; j < n; ++j) {
            out[j][i] = 2 * plus[j] - moves[j];
            left[j] -= moves[j];
        }
    }
}

}  // namespace walklab::core::detail
