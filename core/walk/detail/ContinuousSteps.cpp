// No fused multiply-add anywhere in this file (see core/process/detail/UnitExponentials.cpp): set
// before the includes, so that the inlined log, sine and cosine compile with it. The file is
// compiled with -fno-math-errno (core/CMakeLists.txt), so that the loops with √ vectorise.
#pragma GCC optimize("fp-contract=off")

#include "core/walk/detail/ContinuousSteps.h"

#include "core/random/detail/PortableLog.h"
#include "core/random/detail/PortableTrig.h"
#include "core/random/detail/TargetAttributes.h"

#include <algorithm>
#include <cmath>

namespace walklab::core::detail {

namespace {

/// n words of the engine (n ≤ 2·ContinuousSteps::kBuffered) into w.
[[gnu::always_inline]] inline void words(Engine& engine, std::uint64_t* w, std::size_t n)
{
    while (n > 0) {
        const auto span = engine.next(n);
        std::copy(span.begin(), span.end(), w);
        w += span.size();
        n -= span.size();
    }
}

/// (cos θ, sin θ) from n words.
[[gnu::always_inline]] inline void circle(const std::uint64_t* w, double* c, double* s, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i)
        unitDirection(w[i], c[i], s[i]);
}

/// Uniform points on the sphere from 2n words: z from w[i], the angle from w[n + i].
[[gnu::always_inline]] inline void sphere(const std::uint64_t* w, double* x, double* y, double* z, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        const double h = centredGrid(w[i]) * 0x1p-51;
        const double r = std::sqrt((1.0 - h) * (1.0 + h));
        double c, s;
        unitDirection(w[n + i], c, s);
        x[i] = r * c;
        y[i] = r * s;
        z[i] = h;
    }
}

/// n pairs of normals with standard deviation `sd` from 2n words (Box–Muller): radius from w[i],
/// angle from w[n + i].
[[gnu::always_inline]] inline void normals(const std::uint64_t* w, double* a, double* b, std::size_t n, double sd)
{
    for (std::size_t i = 0; i < n; ++i) {
        const double r = std::sqrt(2.0 * minusLogUniform(w[i])) * sd;
        double c, s;
        unitDirection(w[n + i], c, s);
        a[i] = r * c;
        b[i] = r * s;
    }
}

[[gnu::always_inline]] inline void fill(Engine& engine, ContinuousStep step, int dimension, double* const* axes,
                                        std::size_t n)
{
    std::uint64_t w[3 * ContinuousSteps::kBuffered];
    for (std::size_t done = 0; done < n;) {
        const std::size_t m = std::min(n - done, ContinuousSteps::kBuffered);  // even
        double* x = axes[0] + done;
        double* y = axes[1] + done;
        if (step == ContinuousStep::Pearson && dimension == 2) {
            words(engine, w, m);
            circle(w, x, y, m);
        } else if (step == ContinuousStep::Pearson) {
            words(engine, w, 2 * m);
            sphere(w, x, y, axes[2] + done, m);
        } else if (dimension == 2) {
            words(engine, w, 2 * m);
            normals(w, x, y, m, 1 / std::sqrt(2.0));
        } else {
            const double sd = 1 / std::sqrt(3.0);
            words(engine, w, 3 * m);
            normals(w, x, y, m, sd);
            normals(w + 2 * m, axes[2] + done, axes[2] + done + m / 2, m / 2, sd);
        }
        done += m;
    }
}

void fillBaseline(Engine& e, ContinuousStep step, int d, double* const* axes, std::size_t n)
{
    fill(e, step, d, axes, n);
}
WALKLAB_TARGET_AVX2 void fillAvx2(Engine& e, ContinuousStep step, int d, double* const* axes, std::size_t n)
{
    fill(e, step, d, axes, n);
}
WALKLAB_TARGET_AVX512 void fillAvx512(Engine& e, ContinuousStep step, int d, double* const* axes, std::size_t n)
{
    fill(e, step, d, axes, n);
}

}  // namespace

void drawContinuousSteps(Engine& engine, ContinuousStep step, int dimension, double* const* axes, std::size_t n,
                         CpuLevel level)
{
    switch (level) {
    case CpuLevel::Avx512: return fillAvx512(engine, step, dimension, axes, n);
    case CpuLevel::Avx2: return fillAvx2(engine, step, dimension, axes, n);
    case CpuLevel::Baseline: return fillBaseline(engine, step, dimension, axes, n);
    }
}

ContinuousSteps::ContinuousSteps(ContinuousStep step, int dimension) : m_step(step), m_dimension(dimension) {}

void ContinuousSteps::refill(Engine& engine)
{
    double* axes[3] = {m_axes[0], m_axes[1], m_axes[2]};
    drawContinuousSteps(engine, m_step, m_dimension, axes, kBuffered, m_level);
    m_pos = 0;
}

void ContinuousSteps::advance(Engine& engine, Point3& x, std::int64_t steps)
{
    while (steps > 0) {
        if (m_pos == kBuffered)
            refill(engine);
        const std::size_t take = std::size_t(std::min<std::int64_t>(steps, std::int64_t(kBuffered - m_pos)));
        for (int a = 0; a < m_dimension; ++a) {
            double sum = x[std::size_t(a)];
            for (std::size_t i = m_pos; i < m_pos + take; ++i)
                sum += m_axes[a][i];
            x[std::size_t(a)] = sum;
        }
        m_pos += take;
        steps -= std::int64_t(take);
    }
}

void ContinuousSteps::draw(Engine& engine, Point3& x, double scale)
{
    if (m_pos == kBuffered)
        refill(engine);
    x = Point3{};
    for (int a = 0; a < m_dimension; ++a)
        x[std::size_t(a)] = scale * m_axes[a][m_pos];
    ++m_pos;
}

}  // namespace walklab::core::detail
