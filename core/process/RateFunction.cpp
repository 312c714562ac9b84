#include "core/process/RateFunction.h"

#include "core/experiment/TextFormat.h"
#include "core/process/detail/PoissonSupport.h"

#include <muParser.h>

#include <cctype>
#include <cmath>
#include <limits>
#include <numbers>

namespace walklab::core {

/// The parser and the variable it reads; the Impl never moves, so the address bound by
/// DefineVar stays valid.
struct RateFunction::Impl {
    std::string formula;
    mutable double t = 0;
    mu::Parser parser;

    explicit Impl(const std::string& text) : formula(text)
    {
        parser.DefineVar("t", &t);
        parser.DefineConst("pi", std::numbers::pi);
        parser.DefineConst("e", std::numbers::e);
        parser.SetExpr(formula);
    }
};

namespace {

std::string lowerFirst(std::string s)
{
    if (!s.empty())
        s[0] = char(std::tolower(static_cast<unsigned char>(s[0])));
    while (!s.empty() && (s.back() == '.' || s.back() == ' '))
        s.pop_back();
    return s;
}

}  // namespace

Expected<RateFunction> RateFunction::parse(const std::string& formula, const std::string& parameter)
{
    auto bad = [&](const std::string& why) {
        return fail(ErrorKind::InvalidParameter, parameter,
                    parameter + " = " + formula + ": cannot be read: " + why);
    };
    bool blank = true;
    for (const char c : formula)
        blank = blank && std::isspace(static_cast<unsigned char>(c));
    if (blank)
        return bad("the formula is empty; write λ(t) in terms of t, e.g. 3 + 2*sin(2*pi*t/24)");
    try {
        auto impl = std::make_unique<Impl>(formula);
        impl->t = 0;
        impl->parser.Eval();  // the first evaluation parses and compiles
        if (impl->parser.GetNumResults() != 1)
            return bad("it has " + std::to_string(impl->parser.GetNumResults())
                       + " comma-separated results; a rate is one expression");
        return RateFunction(std::move(impl));
    } catch (const mu::Parser::exception_type& e) {
        if (e.GetCode() == mu::ecUNASSIGNABLE_TOKEN)
            return bad("unknown name \"" + e.GetToken() + "\" at position " + std::to_string(e.GetPos() + 1)
                       + "; the variable is t and the constants are pi and e");
        std::string why = lowerFirst(e.GetMsg());
        return bad(why);
    }
}

RateFunction::RateFunction(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

RateFunction::RateFunction(const RateFunction& other) : m_impl(std::make_unique<Impl>(other.m_impl->formula))
{
    m_impl->parser.Eval();
}

RateFunction& RateFunction::operator=(const RateFunction& other)
{
    if (this != &other)
        *this = RateFunction(other);
    return *this;
}

RateFunction::RateFunction(RateFunction&&) noexcept = default;
RateFunction& RateFunction::operator=(RateFunction&&) noexcept = default;
RateFunction::~RateFunction() = default;

const std::string& RateFunction::formula() const { return m_impl->formula; }

double RateFunction::operator()(double t) const
{
    m_impl->t = t;
    try {
        return m_impl->parser.Eval();
    } catch (const mu::Parser::exception_type&) {
        return std::numeric_limits<double>::quiet_NaN();
    }
}

Expected<RateScan> checkRate(const RateFunction& rate, double horizon, const std::string& parameter, int points,
                             double maxRate)
{
    RateScan scan;
    scan.maxRate = -std::numeric_limits<double>::infinity();
    const int n = std::max(points, 2);
    for (int j = 0; j < n; ++j) {
        const double t = j == n - 1 ? horizon : horizon * double(j) / double(n - 1);
        const double v = rate(t);
        const std::string where = parameter + " = " + rate.formula() + ": ";
        const std::string at = " at t = " + formatSignificant(t, 6) + " (λ = " + detail::valueText(v) + ")";
        if (!std::isfinite(v))
            return fail(ErrorKind::InvalidParameter, parameter, where + "not finite" + at);
        if (v < 0)
            return fail(ErrorKind::InvalidParameter, parameter,
                        where + "negative" + at + "; the rate must be ≥ 0 on [0, T]");
        if (v > maxRate)
            return fail(ErrorKind::InvalidParameter, parameter,
                        where + "reaches λ = " + formatSignificant(v, 6) + " at t = " + formatSignificant(t, 6)
                            + "; must stay at most " + (maxRate == 1e6 ? std::string("10^6") : formatNumber(maxRate)));
        if (v > scan.maxRate) {
            scan.maxRate = v;
            scan.maxTime = t;
        }
    }
    return scan;
}

}  // namespace walklab::core
