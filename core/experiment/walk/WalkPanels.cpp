#include "core/experiment/walk/WalkPanels.h"

#include "core/experiment/TextFormat.h"

namespace walklab::core {

std::string countOf(std::int64_t count, const std::string& noun)
{
    return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

Panel msdPanel(const WalkObservations& o, const Moments& step)
{
    Panel p{"msd", "Mean squared displacement (" + countOf(o.tracked, "walker") + ")", "step",
            "Time t (steps)", "E|S_t|²", {}, {}, {}};
    Series simulated{"simulated", "Simulated mean of |S_t|²", SeriesStyle::Points};
    Series upper{"simulated_plus_2se", "± 2 standard errors", SeriesStyle::Guide, {}, true};
    Series lower{"simulated_minus_2se", "", SeriesStyle::Guide, {}, true};
    const bool drift = step.mean != std::array<double, 3>{0, 0, 0};
    Series exact{"exact", drift ? "Exact t·tr Σ + t²|μ|²" : "Exact t·E|X|²", SeriesStyle::Line};
    for (std::size_t k = 0; k < o.times.size(); ++k) {
        const Estimate e = observedMsd(o, k);
        p.x.push_back(double(o.times[k]));
        simulated.y.push_back(e.value);
        upper.y.push_back(e.value + 2 * e.standardError);
        lower.y.push_back(e.value - 2 * e.standardError);
        exact.y.push_back(meanSquaredDisplacement(step, double(o.times[k])));
    }
    p.series = {std::move(simulated), std::move(upper), std::move(lower), std::move(exact)};
    return p;
}

Panel returnsPanel(const WalkObservations& o, bool lattice, const ReturnProbabilities* exactLaw,
                   std::optional<double> polya, bool drift)
{
    Panel p{"returns",
            lattice ? "Returned to the start by step t (" + countOf(o.tracked, "walker") + ")"
                    : "Returned to the start by step t (a continuous walk never does)",
            "step", "Time t (steps)", "P(T ≤ t), T = first return time", {}, {}, {}};
    Series simulated{"simulated", "Simulated fraction returned", SeriesStyle::Points};
    Series exact{"exact", "Exact P(T ≤ t)", SeriesStyle::Steps, {}, true};
    for (std::size_t k = 0; k < o.times.size(); ++k) {
        p.x.push_back(double(o.times[k]));
        simulated.y.push_back(observedReturned(o, k).value);
        if (exactLaw)
            exact.y.push_back(exactLaw->returnedBy[std::size_t(o.times[k])]);
        else if (!lattice)
            exact.y.push_back(0.0);
    }
    p.series.push_back(std::move(simulated));
    if (!exact.y.empty())
        p.series.push_back(std::move(exact));
    if (polya)
        p.series.push_back({"polya", std::string(drift ? "Ever returns: " : "Ever returns (Pólya): ") + formatSignificant(*polya, 10), SeriesStyle::Guide,
                            std::vector<double>(p.x.size(), *polya), true});
    return p;
}

}  // namespace walklab::core
