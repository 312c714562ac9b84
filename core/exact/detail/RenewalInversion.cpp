#include "core/exact/detail/RenewalInversion.h"

#include "core/exact/detail/Fft.h"

#include <algorithm>
#include <cassert>
#include <complex>

namespace walklab::core::detail {

namespace {

constexpr std::size_t kLeaf = 64;
constexpr std::size_t kDirectLimit = 64;  // blocks of f shorter than this are applied directly

class Solver {
public:
    explicit Solver(std::span<const double> u)
        : m_u(u), m_f(u.size(), 0.0), m_acc(u.size(), 0.0), m_plan(fftLength(u.size()))
    {
    }

    std::vector<double> run()
    {
        if (!m_u.empty())
            solve(0, m_u.size());
        return std::move(m_f);
    }

private:
    void solve(std::size_t l, std::size_t r)
    {
        if (r - l <= kLeaf) {
            for (std::size_t n = std::max<std::size_t>(l, 1); n < r; ++n) {
                double s = m_acc[n];
                for (std::size_t k = std::max<std::size_t>(l, 1); k < n; ++k)
                    s += m_f[k] * m_u[n - k];
                m_f[n] = m_u[n] - s;
            }
            return;
        }
        const std::size_t m = l + (r - l) / 2;
        solve(l, m);
        if (l == 0) {
            const std::size_t split = m / 2;
            contribute(1, split, m, r);
            contribute(split, m, m, r);
        } else {
            contribute(l, m, m, r);
        }
        solve(m, r);
    }

    // acc[n] += Σ_{k ∈ [kLo, kHi)} f_k u_{n−k} for n ∈ [nLo, nHi), with kHi ≤ nLo.
    void contribute(std::size_t kLo, std::size_t kHi, std::size_t nLo, std::size_t nHi)
    {
        if (kLo >= kHi)
            return;
        const std::size_t la = kHi - kLo, h = nHi - nLo;
        if (la < kDirectLimit) {
            for (std::size_t n = nLo; n < nHi; ++n) {
                double s = 0.0;
                for (std::size_t k = kLo; k < kHi; ++k)
                    s += m_f[k] * m_u[n - k];
                m_acc[n] += s;
            }
            return;
        }
        // Middle product: A = f[kLo, kHi), B = u[nLo − kHi + 1, nHi − kLo); the wanted sums are
        // (A ∗ B)[j] for j = la − 1 … la − 2 + h, which a cyclic product of length ≥ |B| keeps.
        const std::size_t bLo = nLo - kHi + 1, lb = h + la - 1;
        const std::size_t size = fftLength(lb);
        m_work.assign(size, {0.0, 0.0});
        for (std::size_t i = 0; i < la; ++i)
            m_work[i].real(m_f[kLo + i]);
        for (std::size_t t = 0; t < lb; ++t)
            m_work[t].imag(m_u[bLo + t]);
        convolvePacked(std::span(m_work).first(size), m_plan);
        for (std::size_t n = nLo; n < nHi; ++n)
            m_acc[n] += m_work[n - nLo + la - 1].real();
    }

    std::span<const double> m_u;
    std::vector<double> m_f, m_acc;
    FftPlan m_plan;
    std::vector<std::complex<double>> m_work;
};

}  // namespace

std::vector<double> renewalInversion(std::span<const double> u)
{
    assert(u.empty() || u[0] == 1.0);
    return Solver(u).run();
}

}  // namespace walklab::core::detail
