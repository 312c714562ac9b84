// The exact law of |S_n| for Pearson's walk in R³ (Rayleigh 1919) against closed forms for n = 2
// and 3 and against E|S_n|² = n.
#include "core/exact/PearsonWalk.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walklab::core;

TEST(PearsonWalk3D, TwoAndThreeStepsMatchTheirClosedForms)
{
    // n = 2: |S_2|² = 2 + 2 cos Δ with cos Δ uniform on [−1, 1] (Archimedes): F(r) = r²/4.
    // n = 3: density r²/2 on [0, 1] and r(3 − r)/4 on [1, 3] (Hughes, Random Walks and Random
    // Environments vol. 1, §2.3), so F(r) = r³/6, then 1/6 + (3r²/8 − r³/12) − (3/8 − 1/12).
    for (double r = 0; r <= 3.0001; r += 0.125) {
        EXPECT_NEAR(pearsonDistanceCdf3D(2, r), std::min(r * r / 4, 1.0), 1e-15) << r;
        const double three = r <= 1 ? r * r * r / 6 : 1.0 / 6 + (3 * r * r / 8 - r * r * r / 12) - (3.0 / 8 - 1.0 / 12);
        EXPECT_NEAR(pearsonDistanceCdf3D(3, r), three, 1e-15) << r;
    }
    EXPECT_EQ(pearsonDistanceCdf3D(1, 0.999), 0);
    EXPECT_EQ(pearsonDistanceCdf3D(1, 1), 1);
    EXPECT_EQ(pearsonDistanceCdf3D(5, -1), 0);
    EXPECT_EQ(pearsonDistanceCdf3D(5, 5), 1);
}

TEST(PearsonWalk3D, IsACdfWithMeanSquareNUpToTheLargestN)
{
    // E|S_n|² = n (independent unit steps of mean 0) = ∫_0^n 2r (1 − F(r)) dr, by Simpson's rule.
    for (std::int64_t n = 2; n <= kMaxExactPearson3DSteps; ++n) {
        const int intervals = 20000;
        const double h = double(n) / intervals;
        double integral = 0, previous = 0;
        for (int i = 0; i <= intervals; ++i) {
            const double r = i * h, f = pearsonDistanceCdf3D(n, r);
            ASSERT_GE(f, previous - 1e-9) << "n = " << n << ", r = " << r;  // nondecreasing
            previous = f;
            const double weight = i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2);
            integral += weight * 2 * r * (1 - f);
        }
        integral *= h / 3;
        EXPECT_NEAR(integral, double(n), 1e-6 * double(n)) << "n = " << n;
    }
}
