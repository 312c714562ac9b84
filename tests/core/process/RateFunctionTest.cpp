// The muparser wrapper: values of formulas, copies, messages for bad formulas, and the grid check.
#include "core/process/RateFunction.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <thread>

using namespace walklab::core;

namespace {

std::string parseError(const std::string& formula)
{
    auto r = RateFunction::parse(formula);
    EXPECT_FALSE(r.has_value()) << formula;
    if (r)
        return "";
    EXPECT_EQ(r.error().size(), 1u);
    EXPECT_EQ(r.error().front().kind, ErrorKind::InvalidParameter);
    EXPECT_EQ(r.error().front().parameter, "rate");
    return r.error().front().message;
}

}  // namespace

TEST(RateFunction, EvaluatesFormulasInT)
{
    using std::numbers::pi;
    auto f = RateFunction::parse("3 + 2*sin(2*pi*t/24)");
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->formula(), "3 + 2*sin(2*pi*t/24)");
    for (const double t : {0.0, 1.0, 6.0, 13.5})
        EXPECT_NEAR((*f)(t), 3 + 2 * std::sin(2 * pi * t / 24), 1e-15) << t;
    auto step = RateFunction::parse("t < 12 ? 5 : 1");
    ASSERT_TRUE(step.has_value());
    EXPECT_EQ((*step)(11.9), 5);
    EXPECT_EQ((*step)(12.0), 1);
    auto e = RateFunction::parse("e^t + abs(-1) + max(t, 2)");
    ASSERT_TRUE(e.has_value());
    EXPECT_NEAR((*e)(1.0), std::numbers::e + 1 + 2, 1e-15);
    auto constant = RateFunction::parse("  4.5 ");
    ASSERT_TRUE(constant.has_value());
    EXPECT_EQ((*constant)(123.0), 4.5);
}

TEST(RateFunction, CopiesAreIndependent)
{
    auto f = RateFunction::parse("t*t");
    ASSERT_TRUE(f.has_value());
    RateFunction copy = *f;
    EXPECT_EQ(copy(3.0), 9.0);
    EXPECT_EQ((*f)(2.0), 4.0);
    EXPECT_EQ(copy(5.0), 25.0);
    RateFunction assigned = *RateFunction::parse("1");
    assigned = copy;
    EXPECT_EQ(assigned(4.0), 16.0);
    RateFunction moved = std::move(assigned);
    EXPECT_EQ(moved(6.0), 36.0);
    EXPECT_EQ(moved.formula(), "t*t");
    // One copy per thread: both threads see their own t.
    double sums[2] = {0, 0};
    {
        std::vector<RateFunction> perThread(2, *f);
        std::jthread a([&] { for (int i = 0; i < 20000; ++i) sums[0] += perThread[0](1.0); });
        std::jthread b([&] { for (int i = 0; i < 20000; ++i) sums[1] += perThread[1](2.0); });
    }
    EXPECT_EQ(sums[0], 20000.0);
    EXPECT_EQ(sums[1], 80000.0);
}

TEST(RateFunction, BadFormulasAreRejectedWithAReason)
{
    EXPECT_EQ(parseError("x + 1"),
              "rate = x + 1: cannot be read: unknown name \"x\" at position 1; the variable is t and the "
              "constants are pi and e");
    const std::string op = parseError("3 + * t");
    EXPECT_EQ(op.substr(0, 30), "rate = 3 + * t: cannot be read") << op;
    EXPECT_NE(op.find("\"*\""), std::string::npos) << op;
    EXPECT_NE(parseError("sin(t").find("cannot be read"), std::string::npos);
    EXPECT_NE(parseError("2*(t+1))").find("cannot be read"), std::string::npos);
    EXPECT_EQ(parseError(""),
              "rate = : cannot be read: the formula is empty; write λ(t) in terms of t, e.g. 3 + 2*sin(2*pi*t/24)");
    EXPECT_EQ(parseError("1, 2"), "rate = 1, 2: cannot be read: it has 2 comma-separated results; a rate is one expression");
    EXPECT_NE(parseError("λ*t").find("unknown name"), std::string::npos);
    // Another parameter key appears in the error.
    auto other = RateFunction::parse("y", "rate2");
    ASSERT_FALSE(other.has_value());
    EXPECT_EQ(other.error().front().parameter, "rate2");
    EXPECT_EQ(other.error().front().message.substr(0, 9), "rate2 = y");
}

TEST(RateFunction, CheckRateFindsNegativeInfiniteAndHugeValues)
{
    auto scan = checkRate(*RateFunction::parse("3 + 2*sin(2*pi*t/24)"), 48.0);
    ASSERT_TRUE(scan.has_value());
    EXPECT_NEAR(scan->maxRate, 5.0, 1e-6);
    EXPECT_NEAR(scan->maxTime, 6.0, 0.02);

    auto negative = checkRate(*RateFunction::parse("1 - t"), 2.0);
    ASSERT_FALSE(negative.has_value());
    EXPECT_EQ(negative.error().front().message,
              "rate = 1 - t: negative at t = 1.00049 (λ = -0.000488281); the rate must be ≥ 0 on [0, T]");
    // t = 1 is a grid point of [0, 2] (j = 2048 of 4096).
    auto pole = checkRate(*RateFunction::parse("1/abs(t-1)"), 2.0);
    ASSERT_FALSE(pole.has_value());
    EXPECT_EQ(pole.error().front().message, "rate = 1/abs(t-1): not finite at t = 1 (λ = inf)");
    auto root = checkRate(*RateFunction::parse("sqrt(t - 1)"), 3.0);
    ASSERT_FALSE(root.has_value());
    EXPECT_EQ(root.error().front().message, "rate = sqrt(t - 1): not finite at t = 0 (λ = nan)");
    auto huge = checkRate(*RateFunction::parse("1e7"), 1.0);
    ASSERT_FALSE(huge.has_value());
    EXPECT_EQ(huge.error().front().message, "rate = 1e7: reaches λ = 1e+07 at t = 0; must stay at most 10^6");
}

TEST(RateFunction, CheckRateRefinesANarrowPeakToItsHeight)
{
    // λ = 1 + 500 exp(−10⁵ (t − 10.003)²) on [0, 48]: the peak (sd 0.0022) lies between grid times
    // 10.0 − 0.0039 and 10.0078, where λ is 5.3 and 51; Brent's method from the grid's local
    // maximum finds λ = 501 at t = 10.003 (to its 26-bit tolerance, ~10⁻⁸ relative in t).
    auto scan = checkRate(*RateFunction::parse("1 + 500*exp(-100000*(t-10.003)^2)"), 48.0);
    ASSERT_TRUE(scan.has_value());
    EXPECT_NEAR(scan->maxRate, 501.0, 1e-6);
    EXPECT_NEAR(scan->maxTime, 10.003, 1e-6);
    EXPECT_EQ(scan->values.size(), 4097u);
    EXPECT_LT(*std::max_element(scan->values.begin(), scan->values.end()), 60.0);  // the grid alone
    // One refined peak per grid local maximum: only the peak (the ends are flat, λ = 1).
    ASSERT_EQ(scan->peaks.size(), 1u);
    EXPECT_NEAR(scan->peaks[0].value, 501.0, 1e-6);
    // A value met only by the refinement is checked too.
    auto high = checkRate(*RateFunction::parse("1 + 2e6*exp(-100000*(t-10.003)^2)"), 48.0);
    ASSERT_FALSE(high.has_value());
    EXPECT_NE(high.error().front().message.find("must stay at most 10^6"), std::string::npos);
}

TEST(RateFunction, LocalMaximumAndSuggestedBound)
{
    const auto peak = *RateFunction::parse("1 + 500*exp(-100000*(t-10.003)^2)");
    const RatePeak found = localMaximum(peak, 9.99, 10.02, 10.0);
    EXPECT_NEAR(found.value, 501.0, 1e-6);
    EXPECT_NEAR(found.time, 10.003, 1e-6);
    // A plateau Brent cannot climb: the known high point is kept.
    const auto spike = *RateFunction::parse("t > 0.24417 && t < 0.24435 ? 50 : 1");
    EXPECT_EQ(localMaximum(spike, 0.2439, 0.2446, 0.2442).value, 50.0);
    // 1 % up, rounded up to 3 significant digits.
    EXPECT_EQ(suggestedBound(501.0), 507.0);
    EXPECT_DOUBLE_EQ(suggestedBound(5.0), 5.05);
    EXPECT_DOUBLE_EQ(suggestedBound(50.0), 50.5);
    EXPECT_DOUBLE_EQ(suggestedBound(0.999), 1.01);
    EXPECT_EQ(suggestedBound(0.0), 0.0);
}
