#include "core/process/RateFunction.h"

#include "core/experiment/TextFormat.h"
#include "core/process/detail/PoissonSupport.h"

#include <boost/math/tools/minima.hpp>
#include <muParser.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

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

namespace {

constexpr std::size_t kMaxRefinedPeaks = 512;
constexpr int kBrentBits = std::numeric_limits<double>::digits / 2;
constexpr std::uintmax_t kBrentIterations = 100;

/// The maximum of λ on [lo, hi] by Brent's method; every value met passes through `visit`.
template <class Visit>
RatePeak brentMaximum(const RateFunction& rate, double lo, double hi, Visit&& visit)
{
    std::uintmax_t iterations = kBrentIterations;
    const auto found = boost::math::tools::brent_find_minima(
        [&](double t) {
            const double v = rate(t);
            visit(t, v);
            return std::isfinite(v) ? -v : std::numeric_limits<double>::infinity();
        },
        lo, hi, kBrentBits, iterations);
    return {found.first, -found.second};
}

}  // namespace

Expected<RateScan> checkRate(const RateFunction& rate, double horizon, const std::string& parameter, int points,
                             double maxRate)
{
    RateScan scan;
    scan.maxRate = -std::numeric_limits<double>::infinity();
    std::optional<Error> error;
    // Checks one value; the first bad one becomes the error.
    auto visit = [&](double t, double v) {
        if (error)
            return;
        if (std::isfinite(v) && v >= 0 && v <= maxRate) {
            if (v > scan.maxRate) {
                scan.maxRate = v;
                scan.maxTime = t;
            }
            return;
        }
        const std::string where = parameter + " = " + rate.formula() + ": ";
        const std::string at = " at t = " + formatSignificant(t, 6) + " (λ = " + detail::valueText(v) + ")";
        if (!std::isfinite(v))
            error = Error{ErrorKind::InvalidParameter, parameter, where + "not finite" + at};
        else if (v < 0)
            error = Error{ErrorKind::InvalidParameter, parameter, where + "negative" + at + "; the rate must be ≥ 0 on [0, T]"};
        else
            error = Error{ErrorKind::InvalidParameter, parameter,
                          where + "reaches λ = " + formatSignificant(v, 6) + " at t = " + formatSignificant(t, 6)
                              + "; must stay at most " + (maxRate == 1e6 ? std::string("10^6") : formatNumber(maxRate))};
    };
    const int n = std::max(points, 2);
    auto timeOf = [&](int j) { return j == n - 1 ? horizon : horizon * double(j) / double(n - 1); };
    scan.values.resize(std::size_t(n));
    for (int j = 0; j < n && !error; ++j) {
        scan.values[std::size_t(j)] = rate(timeOf(j));
        visit(timeOf(j), scan.values[std::size_t(j)]);
    }
    if (error)
        return fail(error->kind, error->parameter, error->message);

    // Grid local maxima (plateaus excluded), the kMaxRefinedPeaks highest.
    const auto& v = scan.values;
    std::vector<int> starts;
    for (int j = 0; j < n; ++j) {
        // An end point has one neighbour, and must be above it.
        const double left = v[std::size_t(j > 0 ? j - 1 : j + 1)];
        const double right = v[std::size_t(j + 1 < n ? j + 1 : j - 1)];
        if (v[std::size_t(j)] >= left && v[std::size_t(j)] >= right && (v[std::size_t(j)] > left || v[std::size_t(j)] > right))
            starts.push_back(j);
    }
    const std::size_t refined = std::min(starts.size(), kMaxRefinedPeaks);
    std::partial_sort(starts.begin(), starts.begin() + std::ptrdiff_t(refined), starts.end(),
                      [&](int a, int b) { return v[std::size_t(a)] > v[std::size_t(b)]; });
    starts.resize(refined);
    std::sort(starts.begin(), starts.end());
    for (const int j : starts) {
        const RatePeak peak = brentMaximum(rate, timeOf(std::max(j - 1, 0)), timeOf(std::min(j + 1, n - 1)), visit);
        if (error)
            return fail(error->kind, error->parameter, error->message);
        scan.peaks.push_back(peak.value > v[std::size_t(j)] ? peak : RatePeak{timeOf(j), v[std::size_t(j)]});
    }
    return scan;
}

RatePeak localMaximum(const RateFunction& rate, double lo, double hi, double seen)
{
    RatePeak best{seen, rate(seen)};
    auto keep = [&](double t, double v) {
        if (v > best.value)
            best = {t, v};
    };
    keep(lo, rate(lo));
    keep(hi, rate(hi));
    if (lo < hi)
        brentMaximum(rate, lo, hi, keep);
    return best;
}

double suggestedBound(double maxRate)
{
    if (!(maxRate > 0))
        return 0;
    const double target = 1.01 * maxRate;
    const double unit = std::pow(10.0, std::floor(std::log10(target)) - 2);
    return std::ceil(target / unit * (1 - 1e-12)) * unit;
}

}  // namespace walklab::core
