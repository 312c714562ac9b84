#include "core/walk/detail/Binomial.h"

#include "core/random/detail/PortableLog.h"
#include "core/random/detail/TargetAttributes.h"

#include <algorithm>

// No fused multiply-add (GCC would contract a·b + c wherever the target has FMA, and the AVX2 /
// AVX-512 code would round differently from the baseline's); √ without errno, and no trapping
// floating-point exceptions (not used here), so that conditional arithmetic can be computed on
// every lane and loops vectorise without AVX-512's masks. Neither changes a value. Functions
// compiled under other options (std::abs, std::bit_cast, …) would not be inlined here: builtins.
#pragma GCC optimize("fp-contract=off", "no-math-errno", "no-trapping-math")

namespace walklab::core::detail {

namespace {

constexpr double kMinBtrdMode = 11;   // BTRD when the mode m ≥ 11 (Hörmann: valid for n·p ≥ 10)
constexpr double kInversionCap = 110;  // BINV restarts past 110 (Kachitvichyanukul & Schmeiser)

// fc(k) = ln k! − (k + ½)·ln(k + 1) + (k + 1) − ½·ln 2π, the error of Stirling's formula for
// ln k!, for k = 0 … 9 (from the definition, to 40 digits, rounded to double).
constexpr double kStirlingCorrection[10] = {
    0.08106146679532726, 0.0413406959554093,   0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
    0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287};

// fc(k) for k ≥ 10 by the series 1/12x − 1/360x³ + 1/1260x⁵, x = k + 1.
double stirlingCorrection(double k)
{
    if (k < 10)
        return kStirlingCorrection[int(k)];
    const double x = 1 / (k + 1), x2 = x * x;
    return (1.0 / 12 - (1.0 / 360 - x2 / 1260) * x2) * x;
}

// V = k·2^-52 for the top 52 bits k of a word: 1 + k·2^-52 by its bits, minus 1 (exact).
[[gnu::always_inline]] inline double uniform(std::uint64_t word)
{
    return __builtin_bit_cast(double, 0x3ff0000000000000ULL | (word >> 12)) - 1.0;
}

// 0 ≤ t < 2^52 as a double by the exponent trick (exact; vectorisable without AVX-512).
[[gnu::always_inline]] inline double exactDouble(std::int64_t t)
{
    return __builtin_bit_cast(double, 0x4330000000000000ULL | std::uint64_t(t)) - 0x1p52;
}

// An integer-valued 0 ≤ y < 2^52 as an integer, by the exponent trick (vectorisable without AVX-512).
[[gnu::always_inline]] inline std::int64_t exactInteger(double y)
{
    return std::int64_t(__builtin_bit_cast(std::uint64_t, y + 0x1p52) - 0x4330000000000000ULL);
}

// ⌊x⌋ for |x| < 2^51: x + 1.5·2^52 rounds x to an integer (round to nearest), minus 1 if above x.
[[gnu::always_inline]] inline double floorSmall(double x)
{
    constexpr double magic = 0x1.8p52;
    const double r = (x + magic) - magic;
    // r − 1 when r > x, by a mask (a branch here would be mispredicted on half the draws)
    return r - __builtin_bit_cast(double, -std::uint64_t(r > x) & 0x3ff0000000000000ULL);
}

// t·p·(1 − p) and its square root. (GCC keeps a guarded libm call for √ in case of errno
// whatever this file's options, so a loop over it does not vectorise: separate loops.)
[[gnu::always_inline]] inline double variance(double t, double p) { return t * p * (1 - p); }
[[gnu::always_inline]] inline double sd(double t, double p) { return __builtin_sqrt(variance(t, p)); }

// Hörmann's set-up for p ≤ ½, spq = sd(t, p) (qn, for inversion, is left to the caller: a libm pow).
[[gnu::always_inline]] inline BinomialHat makeHat(double t, double p, double spq)
{
    BinomialHat h;
    const double q = 1 - p;
    h.t = t;
    h.p = p;
    h.m = floorSmall((t + 1) * p);
    h.r = p / q;
    h.nr = (t + 1) * h.r;
    h.npq = variance(t, p);
    h.b = 1.15 + 2.53 * spq;
    h.a = -0.0873 + 0.0248 * h.b + 0.01 * p;
    h.c = t * p + 0.5;
    h.alpha = (2.83 + 5.1 / h.b) * spq;
    h.vr = 0.92 - 4.2 / h.b;
    h.urvr = h.m < kMinBtrdMode ? -1.0 : 0.86 * h.vr;  // inversion: step 1 never accepts
    return h;
}

// Step 1 of BTRD: U = V/v_r − 0.43, k = ⌊(2a/(½ − |U|) + b)·U + c⌋ (taken when V ≤ u·v_r).
[[gnu::always_inline]] inline double centre(double a, double b, double c, double vr, double v)
{
    const double u = v / vr - 0.43;
    return floorSmall((2 * a / (0.5 - __builtin_fabs(u)) + b) * u + c);
}

// The outcome of steps 2 – 3.4 for a candidate k: accepted, rejected, or to be decided by the
// recursive evaluation of f(k)/f(m) (|k − m| ≤ 15) or by the final test.
constexpr double kAccept = 0, kReject = 1, kRecursion = 2, kFinal = 3;

struct Trial {
    double k, v, status;  // v: the scaled uniform (recursion) or its logarithm (final test)
};

// Steps 2 – 3.4 for a draw whose first uniform v step 1 did not take, with w the next uniform
// (step 2 reads exactly one). kBranchFree: every value computed, so that loops over draws
// vectorise; else (one draw) the squeeze only when it decides. The same values either way.
template <bool kBranchFree, class Hats>
[[gnu::always_inline]] inline Trial trial(const Hats& h, std::size_t j, double v, double w)
{
    const double vr = h.vr(j), a = h.a(j), b = h.b(j), npq = h.npq(j);
    const bool fresh = v >= vr;  // U from w; else U from v and V from w
    const double u0 = v / vr - 0.93;
    const double u = fresh ? w - 0.5 : (u0 < 0 ? -0.5 : 0.5) - u0;
    v = fresh ? v : w * vr;
    const double us = 0.5 - __builtin_fabs(u);
    const double x = (2 * a / us + b) * u + h.c(j);
    const bool inside = (x >= 0) & (x < h.t(j) + 1);  // k in 0 … t (false for ±∞ and NaN at us = 0)
    const double k = floorSmall(inside ? x : 0.0);
    v = v * h.alpha(j) / (a / (us * us) + b);
    const double km = __builtin_fabs(k - h.m(j));
    if constexpr (!kBranchFree) {
        if (!inside | (km <= 15))
            return {k, v, inside ? kRecursion : kReject};
    }
    const double log = portableLog(v);
    const double lv = v > 0 ? log : -0x1p1023;  // v = 0 (probability 2^-52): accepted
    const double rho = (km / npq) * (((km / 3 + 0.625) * km + 1.0 / 6) / npq + 0.5);
    const double t = -km * km / (2 * npq);
    const double squeeze = lv < t - rho ? kAccept : lv > t + rho ? kReject : kFinal;
    return {k, km <= 15 ? v : lv, inside ? (km <= 15 ? kRecursion : squeeze) : kReject};
}

// Step 3.2: v ≤ f(k)/f(m), the ratio by f(i)/f(i − 1) = nr/i − r for i between m and k: the
// |k − m| ≤ 15 factors, then factors 1 up to `factors` (exact, so the products are the paper's;
// 15 makes the loop branch-free).
[[gnu::always_inline]] inline bool recursionAccepts(double k, double m, double nr, double r, double v, double factors)
{
    const double lo = k < m ? k : m, km = __builtin_fabs(k - m);
    double f = 1;
#pragma GCC unroll 15
    for (int s = 1; s <= factors; ++s) {
        const double ratio = nr / (lo + s) - r;
        const double factor = s <= km ? ratio : 1.0;
        f = k > m ? f * factor : f;
        v = k > m ? v : v * factor;
    }
    return v <= f;
}

// Step 3.5, lv = ln V: the final test with Stirling's series.
bool finalAccepts(const BinomialHat& h, double k, double lv)
{
    const double nm = h.t - h.m + 1, nk = h.t - k + 1;
    const double hm = (h.m + 0.5) * portableLog((h.m + 1) / (h.r * nm)) + stirlingCorrection(h.m)
                      + stirlingCorrection(h.t - h.m);
    return lv <= hm + (h.t + 1) * portableLog(nm / nk) + (k + 0.5) * portableLog(nk * h.r / (k + 1))
                     - stirlingCorrection(k) - stirlingCorrection(h.t - k);
}

[[gnu::always_inline]] inline bool settles(const BinomialHat& h, const Trial& trial)
{
    const double km = __builtin_fabs(trial.k - h.m);
    return trial.status == kAccept
           || (trial.status == kRecursion && recursionAccepts(trial.k, h.m, h.nr, h.r, trial.v, km))
           || (trial.status == kFinal && finalAccepts(h, trial.k, trial.v));
}

// One law for every draw.
struct FixedHats {
    const BinomialHat h;  // a copy: the compiler need not fear that out aliases it
    double t(std::size_t) const { return h.t; }
    double m(std::size_t) const { return h.m; }
    double nr(std::size_t) const { return h.nr; }
    double r() const { return h.r; }
    double npq(std::size_t) const { return h.npq; }
    double a(std::size_t) const { return h.a; }
    double b(std::size_t) const { return h.b; }
    double c(std::size_t) const { return h.c; }
    double alpha(std::size_t) const { return h.alpha; }
    double vr(std::size_t) const { return h.vr; }
    double urvr(std::size_t) const { return h.urvr; }
    const BinomialHat& hat(std::size_t) const { return h; }
};

// BTRD from step 1 with fresh uniforms, one draw at a time.
[[gnu::always_inline]] inline double btrdFromStep1(const BinomialHat& h, Engine& engine)
{
    for (;;) {
        const double v = uniform(engine());
        if (v <= h.urvr)
            return centre(h.a, h.b, h.c, h.vr, v);
        const Trial t = trial<false>(FixedHats{h}, 0, v, uniform(engine()));
        if (settles(h, t))
            return t.k;
    }
}

// BINV: sequential search from 0 with f(x + 1) = f(x)·((t + 1)s/(x + 1) − s), s = p/q; past
// min(t, 110) a fresh uniform.
[[gnu::always_inline]] inline double invert(const BinomialHat& h, double v, Engine& engine)
{
    const double s = h.p / (1 - h.p), a = (h.t + 1) * s, cap = h.t < kInversionCap ? h.t : kInversionCap;
    for (;; v = uniform(engine())) {
        double f = h.qn, x = 0;
        while (v > f && x < cap) {
            v -= f;
            ++x;
            f *= a / x - s;
        }
        if (v <= f)
            return x;
    }
}

// A law per draw (t varies, p fixed), set up for the batch in vector registers.
struct VaryingHats {
    alignas(64) double t_[kBinomialBatch], m_[kBinomialBatch], nr_[kBinomialBatch], npq_[kBinomialBatch],
        a_[kBinomialBatch], b_[kBinomialBatch], c_[kBinomialBatch], alpha_[kBinomialBatch], vr_[kBinomialBatch],
        urvr_[kBinomialBatch];
    double p, r_;

    [[gnu::always_inline]] VaryingHats(const std::int64_t* trials, double p0, std::size_t n) : p(p0), r_(p0 / (1 - p0))
    {
        double spq[kBinomialBatch];
        for (std::size_t j = 0; j < n; ++j)
            spq[j] = sd(exactDouble(trials[j]), p);
        for (std::size_t j = 0; j < n; ++j) {
            const BinomialHat h = makeHat(exactDouble(trials[j]), p, spq[j]);
            t_[j] = h.t, m_[j] = h.m, nr_[j] = h.nr, npq_[j] = h.npq, a_[j] = h.a, b_[j] = h.b, c_[j] = h.c;
            alpha_[j] = h.alpha, vr_[j] = h.vr, urvr_[j] = h.urvr;
        }
    }
    double t(std::size_t j) const { return t_[j]; }
    double m(std::size_t j) const { return m_[j]; }
    double nr(std::size_t j) const { return nr_[j]; }
    double r() const { return r_; }
    double npq(std::size_t j) const { return npq_[j]; }
    double a(std::size_t j) const { return a_[j]; }
    double b(std::size_t j) const { return b_[j]; }
    double c(std::size_t j) const { return c_[j]; }
    double alpha(std::size_t j) const { return alpha_[j]; }
    double vr(std::size_t j) const { return vr_[j]; }
    double urvr(std::size_t j) const { return urvr_[j]; }
    BinomialHat hat(std::size_t j) const
    {
        BinomialHat h{t_[j], p, m_[j], r_, nr_[j], npq_[j], a_[j], b_[j], c_[j], alpha_[j], vr_[j], urvr_[j], 1.0};
        if (h.m < kMinBtrdMode)
            h.qn = __builtin_pow(1 - p, h.t);
        return h;
    }
};

// The next n words as uniforms.
[[gnu::always_inline]] inline void uniforms(Engine& engine, double* out, std::size_t n)
{
    for (std::size_t done = 0; done < n;) {
        const auto words = engine.next(n - done);
        for (std::size_t j = 0; j < words.size(); ++j)
            out[done + j] = uniform(words[j]);
        done += words.size();
    }
}

// n ≤ kBinomialBatch draws. Pass 1, vectorised: the first uniforms (one word each, in order) and
// step 1 for every draw. Pass 2, vectorised over the BTRD draws step 1 did not take: one more
// word each (in order), steps 2 – 3.4, then the recursion for those with |k − m| ≤ 15. Last, in
// draw order, one at a time: inversion, the final tests, and the rejected draws from step 1.
template <class Hats>
[[gnu::always_inline]] inline void drawBatch(Engine& engine, const Hats& hats, bool flip, std::int64_t* out,
                                             std::size_t n)
{
    alignas(64) double v[kBinomialBatch], w[kBinomialBatch], k[kBinomialBatch], tv[kBinomialBatch],
        status[kBinomialBatch];
    std::uint32_t slow[kBinomialBatch], btrd[kBinomialBatch], recursive[kBinomialBatch];
    uniforms(engine, v, n);
    for (std::size_t j = 0; j < n; ++j) {
        const double x = centre(hats.a(j), hats.b(j), hats.c(j), hats.vr(j), v[j]);
        const double y = flip ? hats.t(j) - x : x;
        out[j] = exactInteger(v[j] <= hats.urvr(j) ? y : 0.0);  // the others are overwritten below
    }
    std::size_t slowCount = 0, btrdCount = 0, recursiveCount = 0;
    for (std::size_t j = 0; j < n; ++j) {
        slow[slowCount] = btrd[btrdCount] = std::uint32_t(j);
        const bool taken = v[j] <= hats.urvr(j);
        slowCount += !taken;
        btrdCount += !taken & (hats.m(j) >= kMinBtrdMode);
    }
    uniforms(engine, w, btrdCount);
    for (std::size_t i = 0; i < btrdCount; ++i) {
        const std::size_t j = btrd[i];
        const Trial t = trial<true>(hats, j, v[j], w[i]);
        k[i] = t.k, tv[i] = t.v, status[i] = t.status;
    }
    for (std::size_t i = 0; i < btrdCount; ++i) {
        recursive[recursiveCount] = std::uint32_t(i);
        recursiveCount += status[i] == kRecursion;
    }
    for (std::size_t q = 0; q < recursiveCount; ++q) {
        const std::size_t i = recursive[q], j = btrd[i];
        status[i] = recursionAccepts(k[i], hats.m(j), hats.nr(j), hats.r(), tv[i], 15) ? kAccept : kReject;
    }
    for (std::size_t s = 0, i = 0; s < slowCount; ++s) {
        const std::size_t j = slow[s];
        const BinomialHat& h = hats.hat(j);
        double x;
        if (h.m < kMinBtrdMode) {
            x = invert(h, v[j], engine);
        } else {
            const Trial t{k[i], tv[i], status[i]};
            ++i;
            x = settles(h, t) ? t.k : btrdFromStep1(h, engine);
        }
        out[j] = std::int64_t(flip ? h.t - x : x);
    }
}

// One draw, reading the words drawBatch would read for n = 1, without the batch's arrays.
[[gnu::always_inline]] inline std::int64_t drawOne(Engine& engine, const BinomialHat& h, bool flip)
{
    const double v = uniform(engine());
    double x;
    if (h.m < kMinBtrdMode) {
        x = invert(h, v, engine);
    } else if (v <= h.urvr) {
        x = centre(h.a, h.b, h.c, h.vr, v);
    } else {
        const Trial t = trial<false>(FixedHats{h}, 0, v, uniform(engine()));
        x = settles(h, t) ? t.k : btrdFromStep1(h, engine);
    }
    return std::int64_t(flip ? h.t - x : x);
}

[[gnu::always_inline]] inline void drawFixed(Engine& engine, const BinomialHat& h, bool flip, std::int64_t* out,
                                             std::size_t n)
{
    for (std::size_t done = 0; done < n; done += kBinomialBatch)
        drawBatch(engine, FixedHats{h}, flip, out + done, std::min(kBinomialBatch, n - done));
}

[[gnu::always_inline]] inline void drawVarying(Engine& engine, const std::int64_t* trials, double p,
                                               std::int64_t* out, std::size_t n)
{
    const bool flip = p > 0.5;
    for (std::size_t done = 0; done < n; done += kBinomialBatch) {
        const std::size_t count = std::min(kBinomialBatch, n - done);
        const VaryingHats hats(trials + done, flip ? 1 - p : p, count);
        drawBatch(engine, hats, flip, out + done, count);
    }
}

// The AVX-512 level with 256-bit vectors (AVX-512VL: mask registers, int64 ↔ double conversions):
// measured faster here than 512-bit ones, which lower the clock and gain nothing on the divisions.
#define WALKLAB_BINOMIAL_AVX512 WALKLAB_TARGET_AVX512 __attribute__((target("prefer-vector-width=256")))

void fixedBaseline(Engine& e, const BinomialHat& h, bool flip, std::int64_t* out, std::size_t n)
{
    drawFixed(e, h, flip, out, n);
}
WALKLAB_TARGET_AVX2 void fixedAvx2(Engine& e, const BinomialHat& h, bool flip, std::int64_t* out, std::size_t n)
{
    drawFixed(e, h, flip, out, n);
}
WALKLAB_BINOMIAL_AVX512 void fixedAvx512(Engine& e, const BinomialHat& h, bool flip, std::int64_t* out, std::size_t n)
{
    drawFixed(e, h, flip, out, n);
}

void varyingBaseline(Engine& e, const std::int64_t* t, double p, std::int64_t* out, std::size_t n)
{
    drawVarying(e, t, p, out, n);
}
WALKLAB_TARGET_AVX2 void varyingAvx2(Engine& e, const std::int64_t* t, double p, std::int64_t* out, std::size_t n)
{
    drawVarying(e, t, p, out, n);
}
WALKLAB_BINOMIAL_AVX512 void varyingAvx512(Engine& e, const std::int64_t* t, double p, std::int64_t* out, std::size_t n)
{
    drawVarying(e, t, p, out, n);
}

}  // namespace

Binomial::Binomial(std::int64_t trials, double p) : m_flip(p > 0.5)
{
    const double t = double(trials), q = m_flip ? 1 - p : p;
    m_hat = makeHat(t, q, sd(t, q));
    if (m_hat.m < kMinBtrdMode)
        m_hat.qn = __builtin_pow(1 - m_hat.p, m_hat.t);
}

void Binomial::operator()(Engine& engine, std::int64_t* out, std::size_t n) const
{
    if (n == 1) {  // scalar code: the same at every level
        *out = drawOne(engine, m_hat, m_flip);
        return;
    }
    switch (engine.cpuLevel()) {
    case CpuLevel::Avx512: return fixedAvx512(engine, m_hat, m_flip, out, n);
    case CpuLevel::Avx2: return fixedAvx2(engine, m_hat, m_flip, out, n);
    case CpuLevel::Baseline: return fixedBaseline(engine, m_hat, m_flip, out, n);
    }
}

void binomials(Engine& engine, const std::int64_t* trials, double p, std::int64_t* out, std::size_t n)
{
    if (n == 1) {  // the law's set-up and one draw in scalar code, as Binomial does
        Binomial(*trials, p)(engine, out, 1);
        return;
    }
    switch (engine.cpuLevel()) {
    case CpuLevel::Avx512: return varyingAvx512(engine, trials, p, out, n);
    case CpuLevel::Avx2: return varyingAvx2(engine, trials, p, out, n);
    case CpuLevel::Baseline: return varyingBaseline(engine, trials, p, out, n);
    }
}

}  // namespace walklab::core::detail
