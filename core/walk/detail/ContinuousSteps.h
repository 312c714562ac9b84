// Steps of the continuous walks drawn in bulk: Pearson's unit steps (uniform directions on the
// circle and the sphere) and Gaussian steps (Box–Muller), vectorised, with the same bits at every
// CpuLevel.
#pragma once

#include "core/random/CpuLevel.h"
#include "core/random/StreamEngine.h"
#include "core/walk/ContinuousWalk.h"
#include "core/walk/WalkND.h"

#include <cstddef>
#include <cstdint>

namespace walklab::core::detail {

/// Steps X_i ∈ R^d of one law, drawn kBuffered at a time from one engine and handed out in
/// order. Words per step and the formulas (U(w) = (k + 1)·2^-52 from the top 52 bits k of a
/// word w; (cos θ, sin θ) of a word by unitDirection() in core/random/detail/PortableTrig.h,
/// θ uniform on 2^54 angles):
///  - Pearson, d = 2: one word, X = (cos θ, sin θ);
///  - Pearson, d = 3: two words w₁, w₂: z = (k₁ − 2^51 + 1/2)·2^-51 uniform on (−1, 1) from the
///    low 52 bits k₁ of w₁, θ from w₂, X = (r cos θ, r sin θ, z), r = √((1 − z)(1 + z))
///    (Archimedes' hat-box theorem: z of a uniform point on the sphere is uniform on [−1, 1]);
///  - Gaussian: pairs of standard normals by Box–Muller (Box & Muller, "A note on the generation
///    of random normal deviates", Ann. Math. Statist. 29 (1958) 610–611): from words w₁, w₂,
///    R = √(−2 ln U(w₁)), (Z₁, Z₂) = R·(cos θ(w₂), sin θ(w₂)), then X = Z/√d; d = 2: one pair per
///    step; d = 3: 3 normals per step (2 words per 2 normals).
/// The logarithm, sine and cosine are fdlibm's kernels (error below 1 ulp), √ is IEEE: the
/// steps are exact in law up to rounding of the last bit and the 2^-52 grids of U and z.
/// The buffer reads ahead: words drawn from the same engine between two calls come after the
/// buffered ones in the stream.
class ContinuousSteps {
public:
    static constexpr std::size_t kBuffered = 256;  ///< steps per refill (even)

    /// step: the law; dimension: 2 or 3.
    ContinuousSteps(ContinuousStep step, int dimension);

    /// Adds the next `steps` steps to x one after the other (x[a] += X_i[a], i in order).
    void advance(Engine& engine, Point3& x, std::int64_t steps);

    /// Sets x to the next step times `scale` (the Gaussian walk's S_n = √n·X in law).
    void draw(Engine& engine, Point3& x, double scale);

private:
    void refill(Engine& engine);

    ContinuousStep m_step;
    int m_dimension;
    std::size_t m_pos = kBuffered;
    CpuLevel m_level = activeCpuLevel();
    double m_axes[3][kBuffered];
};

/// Draws n steps (n even) of `step` in `dimension` into axes[a][0 … n) for a < dimension, as
/// ContinuousSteps describes, computed at `level`.
void drawContinuousSteps(Engine& engine, ContinuousStep step, int dimension, double* const* axes, std::size_t n,
                         CpuLevel level = activeCpuLevel());

}  // namespace walklab::core::detail
