#include "core/exact/detail/RenewalInversion.h"

#include "core/exact/detail/Fft.h"

#include <algorithm>
#include <cassert>
#include <complex>
#include <memory>
#include <numeric>

namespace walklab::core::detail {

namespace {

constexpr std::size_t kLeaf = 64;
constexpr std::size_t kDirectLimit = 64;  // blocks of f shorter than this are applied directly

// The recursion runs over [0, P), P = fftLength(N), so that every block of a level has the same
// length; blocks from N on are skipped and u is read as 0 beyond N.
class Solver {
public:
    explicit Solver(std::span<const double> u)
        : m_size(u.size()), m_u(fftLength(u.size()), 0.0), m_f(m_u.size(), 0.0), m_acc(m_u.size(), 0.0)
    {
        std::copy(u.begin(), u.end(), m_u.begin());
    }

    std::vector<double> run()
    {
        if (m_size > 0)
            solve(0, m_u.size());
        m_f.resize(m_size);
        return std::move(m_f);
    }

private:
    void solve(std::size_t l, std::size_t r)
    {
        if (l >= m_size)
            return;
        if (r - l <= kLeaf) {
            for (std::size_t n = std::max<std::size_t>(l, 1); n < std::min(r, m_size); ++n) {
                double s = m_acc[n];
                for (std::size_t k = std::max<std::size_t>(l, 1); k < n; ++k)
                    s += m_f[k] * m_u[n - k];
                m_f[n] = m_u[n] - s;
            }
            return;
        }
        const std::size_t m = l + (r - l) / 2;
        solve(l, m);
        if (m >= m_size)
            return;
        if (l == 0) {
            const std::size_t split = m / 2;
            contribute(1, split, m, r);
            contribute(split, m, m, r);
        } else {
            contributeBlock(l, m, r);
        }
        solve(m, r);
    }

    void addDirect(std::size_t kLo, std::size_t kHi, std::size_t nLo, std::size_t nHi)
    {
        for (std::size_t n = nLo; n < nHi; ++n) {
            double s = 0.0;
            for (std::size_t k = kLo; k < kHi; ++k)
                s += m_f[k] * m_u[n - k];
            m_acc[n] += s;
        }
    }

    // acc[n] += Σ_{k ∈ [kLo, kHi)} f_k u_{n−k} for n ∈ [nLo, nHi), with kHi ≤ nLo.
    void contribute(std::size_t kLo, std::size_t kHi, std::size_t nLo, std::size_t nHi)
    {
        if (kLo >= kHi)
            return;
        const std::size_t la = kHi - kLo, h = nHi - nLo;
        if (la < kDirectLimit)
            return addDirect(kLo, kHi, nLo, nHi);
        // Middle product: A = f[kLo, kHi), B = u[nLo − kHi + 1, nHi − kLo); the wanted sums are
        // (A ∗ B)[j] for j = la − 1 … la − 2 + h, which a cyclic product of length ≥ |B| keeps.
        const std::size_t bLo = nLo - kHi + 1, lb = h + la - 1;
        const RealFft& fft = transformOfLength(fftLength(lb));
        m_x.assignZero(fft.length());
        m_y.assignZero(fft.length());
        std::copy_n(m_f.begin() + std::ptrdiff_t(kLo), la, m_x.values().begin());
        std::copy_n(m_u.begin() + std::ptrdiff_t(bLo), lb, m_y.values().begin());
        fft.forward(m_y);
        convolveCyclic(m_x, m_y.bins(), fft);
        const auto c = m_x.values();
        for (std::size_t n = nLo; n < nHi; ++n)
            m_acc[n] += c[n - nLo + la - 1];
    }

    // contribute(l, m, m, r) for a block [l, r) of length L = r − l, l > 0: B = u[1, L) is the
    // same for every block of the level, so its transform is computed once (cyclic products of
    // length L: A ∗ B, the wanted sums at j = L/2 − 1 … L − 2 are not aliased).
    void contributeBlock(std::size_t l, std::size_t m, std::size_t r)
    {
        const std::size_t length = r - l, la = m - l;
        if (la < kDirectLimit)
            return addDirect(l, m, m, r);
        const RealFft& fft = transformOfLength(length);
        const std::span<const std::complex<double>> uHat = transformOfU(length);
        m_x.assignZero(length);
        std::copy_n(m_f.begin() + std::ptrdiff_t(l), la, m_x.values().begin());
        convolveCyclic(m_x, uHat, fft);
        const auto c = m_x.values();
        for (std::size_t n = m; n < std::min(r, m_size); ++n)
            m_acc[n] += c[n - m + la - 1];
    }

    static std::size_t level(std::size_t length)
    {
        std::size_t level = 0;
        while ((std::size_t(1) << level) < length)
            ++level;
        return level;
    }

    // The plan of a power-of-two length, kept from its first use on.
    const RealFft& transformOfLength(std::size_t length)
    {
        const std::size_t at = level(length);
        if (m_ffts.size() <= at)
            m_ffts.resize(at + 1);
        if (!m_ffts[at])
            m_ffts[at] = realFft(length);
        return *m_ffts[at];
    }

    // The transform of u_1 … u_{L−1} (and a 0) for a block length L.
    std::span<const std::complex<double>> transformOfU(std::size_t length)
    {
        const std::size_t at = level(length);
        if (m_uHat.size() <= at)
            m_uHat.resize(at + 1);
        RealFftBuffer& hat = m_uHat[at];
        if (hat.length() == 0) {
            hat.assignZero(length);
            std::copy_n(m_u.begin() + 1, length - 1, hat.values().begin());
            transformOfLength(length).forward(hat);
        }
        return hat.bins();
    }

    std::size_t m_size;
    std::vector<double> m_u, m_f, m_acc;
    RealFftBuffer m_x, m_y;                       ///< the factors of one product
    std::vector<std::shared_ptr<const RealFft>> m_ffts;  ///< plan of length 2^level
    std::vector<RealFftBuffer> m_uHat;             ///< transform of u[1, 2^level)
};

}  // namespace

std::vector<double> renewalInversion(std::span<const double> u)
{
    assert(u.empty() || u[0] == 1.0);
    std::size_t period = 0;  // gcd of the n with u_n ≠ 0 (0 when there are none beyond n = 0)
    for (std::size_t n = 1; n < u.size() && period != 1; ++n)
        if (u[n] != 0.0)
            period = std::gcd(period, n);
    if (period <= 1)
        return Solver(u).run();
    // U(s) = V(s^g) with v_m = u_{gm}, so F(s) = G(s^g) for the solution g of v: f_n = 0 unless
    // g divides n, exactly.
    std::vector<double> v((u.size() - 1) / period + 1);
    for (std::size_t m = 0; m < v.size(); ++m)
        v[m] = u[m * period];
    const std::vector<double> g = Solver(v).run();
    std::vector<double> f(u.size(), 0.0);
    for (std::size_t m = 0; m < g.size(); ++m)
        f[m * period] = g[m];
    return f;
}

}  // namespace walklab::core::detail
