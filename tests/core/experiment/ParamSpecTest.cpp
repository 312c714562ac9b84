// Parsing of parameter text: syntax errors name the parameter and the text.
#include "core/experiment/ParamSpec.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace walklab::core;

namespace {
const ParamSpec steps{"steps", "Steps n", ParamType::Integer, 1, 1e9, "100", "steps", ""};
const ParamSpec p{"p", "p", ParamType::Real, 0, 1, "0.5", "", ""};
const ParamSpec seed{"seed", "Seed", ParamType::Seed, 0, 1.8e19, "1", "", ""};
const ParamSpec kind{"kind", "Kind", ParamType::Choice, 0, 0, "lattice", "", "", {{"lattice", "Lattice"}, {"pearson", "Pearson (unit steps)"}}};
const ParamSpec unit{"unit", "Time unit", ParamType::Text, 0, 0, "hour", "", ""};
}  // namespace

TEST(ParamSpec, IntegersAcceptWholeNumbersInScientificNotation)
{
    EXPECT_EQ(parseInteger(steps, "250").value(), 250);
    EXPECT_EQ(parseInteger(steps, " 1e6 ").value(), 1'000'000);
    EXPECT_EQ(parseInteger(steps, "-3").value(), -3);  // ranges are the experiment's to check
    EXPECT_EQ(parseInteger(steps, "1.5").error().front().message, "steps = 1.5: must be a whole number between 1 and 10^9");
    EXPECT_EQ(parseInteger(steps, "abc").error().front().message, "steps = abc: must be a whole number between 1 and 10^9");
    EXPECT_EQ(parseInteger(steps, "").error().front().message, "steps = (empty): must be a whole number between 1 and 10^9");
    EXPECT_EQ(parseInteger(steps, "12x").error().front().parameter, "steps");
    const ParamSpec level{"level", "Level k", ParamType::Integer, -1e9, 1e9, "1", "", ""};
    EXPECT_EQ(parseInteger(level, "up").error().front().message, "level = up: must be a whole number between −10^9 and 10^9");
    const ParamSpec paths{"paths", "Paths", ParamType::Integer, 0, 1000, "20", "", ""};
    EXPECT_EQ(parseInteger(paths, "x").error().front().message, "paths = x: must be a whole number between 0 and 1000");
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

TEST(ParamSpec, ARealZeroIsPositive)
{
    for (const char* zero : {"-0", "-0.0", " -0e5 ", "0", "+0"}) {
        const double v = parseReal(p, zero).value();
        EXPECT_EQ(v, 0.0) << zero;
        EXPECT_FALSE(std::signbit(v)) << zero;
    }
    EXPECT_TRUE(std::signbit(parseReal(p, "-1e-300").value()));  // only zero loses its sign
}

TEST(ParamSpec, EchoTextIsTheValueAsTheRunReadsIt)
{
    EXPECT_EQ(echoText(p, "-0"), "0");
    EXPECT_EQ(echoText(p, " -0.000 "), "0");
    EXPECT_EQ(echoText(p, "+0.25"), "0.25");
    EXPECT_EQ(echoText(p, "2.50"), "2.50");  // as written when the value is not zero
    EXPECT_EQ(echoText(p, "-1e-3"), "-1e-3");
    EXPECT_EQ(echoText(steps, "-0"), "0");
    EXPECT_EQ(echoText(steps, "1e3"), "1000");
    EXPECT_EQ(echoText(steps, "+7"), "7");
    EXPECT_EQ(echoText(seed, " 42"), "42");
    EXPECT_EQ(echoText(kind, "PEARSON (unit steps)"), "pearson");
    EXPECT_EQ(echoText(unit, "-0"), "-0");        // free text is not a number
    EXPECT_EQ(echoText(steps, "1.5"), "1.5");     // not a value: as given (the run refuses it)
    EXPECT_EQ(echoText(p, "abc"), "abc");
}
