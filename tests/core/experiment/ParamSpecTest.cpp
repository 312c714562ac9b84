// Parsing of parameter text: syntax errors name the parameter and the text.
#include "core/experiment/ParamSpec.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walklab::core;

namespace {
const ParamSpec steps{"steps", "Steps n", ParamType::Integer, 1, 1e9, "100", "steps", ""};
const ParamSpec p{"p", "p", ParamType::Real, 0, 1, "0.5", "", ""};
const ParamSpec seed{"seed", "Seed", ParamType::Seed, 0, 1.8e19, "1", "", ""};
}  // namespace

TEST(ParamSpec, IntegersAcceptWholeNumbersInScientificNotation)
{
    EXPECT_EQ(parseInteger(steps, "250").value(), 250);
    EXPECT_EQ(parseInteger(steps, " 1e6 ").value(), 1'000'000);
    EXPECT_EQ(parseInteger(steps, "-3").value(), -3);  // ranges are the experiment's to check
    EXPECT_EQ(parseInteger(steps, "1.5").error().front().message, "steps = 1.5: must be a whole number");
    EXPECT_EQ(parseInteger(steps, "abc").error().front().message, "steps = abc: must be a whole number");
    EXPECT_EQ(parseInteger(steps, "").error().front().message, "steps = (empty): must be a whole number");
    EXPECT_EQ(parseInteger(steps, "12x").error().front().parameter, "steps");
}

TEST(ParamSpec, RealsAndSeeds)
{
    EXPECT_EQ(parseReal(p, "0.25").value(), 0.25);
    EXPECT_EQ(parseReal(p, "+1e-3").value(), 1e-3);
    EXPECT_TRUE(std::isnan(parseReal(p, "nan").value()));  // parsed; validation rejects it
    EXPECT_EQ(parseReal(p, "1/2").error().front().message, "p = 1/2: must be a number");
    EXPECT_EQ(parseSeed(seed, "18446744073709551615").value(), 18446744073709551615ull);
    EXPECT_FALSE(parseSeed(seed, "18446744073709551616").has_value());
    EXPECT_FALSE(parseSeed(seed, "-1").has_value());
}

TEST(ParamSpec, MissingKeysTakeTheirDefault)
{
    const ParamSet set{{"p", "0.3"}};
    EXPECT_EQ(paramText(set, p), "0.3");
    EXPECT_EQ(paramText(set, steps), "100");
}
