#include "core/experiment/walk/WalkNDExperiment.h"

#include "core/exact/PearsonWalk.h"
#include "core/exact/RadialDistribution.h"
#include "core/experiment/ParamReader.h"
#include "core/experiment/SummaryRows.h"
#include "core/experiment/TextFormat.h"
#include "core/experiment/walk/WalkPanels.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace walklab::core {

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// The estimate of `count` walkers; its standard error needs at least two.
std::string withError(const Estimate& e, std::int64_t count) { return withSampleError(e.value, e.standardError, count); }


Panel radialPanel(const WalkNDRun& r, std::vector<std::string>& notes, std::vector<SummaryRow>& summary)
{
    const WalkNDSimulation& sim = r.sim;
    const int d = sim.dimension;
    const double n = double(sim.steps), M = double(sim.walkers), w = sim.radius.width;
    Panel p{"radial", "Distance from the start |S_n| after n = " + countOf(sim.steps, "step"),
            "distance", "Distance ρ = |S_n|", "Probability per bin of width " + formatSignificant(w, 3), {}, {}, {}};
    Series simulated{"simulated", "Simulated (" + countOf(sim.walkers, "walker") + ")", SeriesStyle::Bars};
    for (std::size_t k = 0; k < sim.radius.counts.size(); ++k) {
        p.x.push_back((double(k) + 0.5) * w);
        simulated.y.push_back(double(sim.radius.counts[k]) / M);
    }
    p.series.push_back(std::move(simulated));

    const Moments normal = scaled(r.step, n);
    const bool isotropic = isIsotropicCentred(normal);
    const double variance = normal.covariance[0][0];
    auto cdf = [&](double rho) { return radiusCdf(d, variance, rho); };
    auto sf = [&](double rho) { return radiusSf(d, variance, rho); };
    const bool rayleigh = r.request.kind == WalkKind::Pearson && d == 3 && sim.steps <= kMaxExactPearson3DSteps;
    auto pearsonCdf = [&](double rho) { return pearsonDistanceCdf3D(sim.steps, rho); };
    auto pearsonSf = [&](double rho) { return 1 - pearsonDistanceCdf3D(sim.steps, rho); };
    std::vector<double> exact;
    if (r.exact)
        exact = binProbabilities(sim.radius, radialDistribution(*r.exact));
    else if (r.request.kind == WalkKind::Gaussian)
        exact = binProbabilities(sim.radius, cdf, sf);
    else if (rayleigh)
        exact = binProbabilities(sim.radius, pearsonCdf, pearsonSf);
    if (!exact.empty()) {
        Series s{"exact", r.request.kind == WalkKind::Gaussian ? "Exact (scaled chi law)"
                          : rayleigh                           ? "Exact law (Rayleigh 1919)"
                                                               : "Exact law",
                 SeriesStyle::Points, {exact.begin(), exact.end() - 1}, true};
        p.series.push_back(std::move(s));
        const ChiSquaredResult chi = radialChiSquared(sim.radius, exact);
        summary.push_back(chiSquaredRow("Chi-squared |S_n| vs exact", chi));
    }
    if (r.request.kind != WalkKind::Gaussian) {
        const char* name = d == 2 ? "Rayleigh limit" : "Maxwell limit";
        Series limit{"limit", isotropic ? name : "Normal limit", SeriesStyle::Line, {}, true};
        if (isotropic) {
            const auto probabilities = binProbabilities(sim.radius, cdf, sf);
            limit.y.assign(probabilities.begin(), probabilities.end() - 1);
        } else {
            for (double rho : p.x)
                limit.y.push_back(radiusDensity(normal, rho) * w);
        }
        if (std::none_of(limit.y.begin(), limit.y.end(), [](double v) { return std::isnan(v); }))
            p.series.push_back(std::move(limit));
        else
            notes.push_back("The normal limit of |S_n| is not shown: the steps do not spread in every direction "
                            "(singular covariance).");
    }
    if (r.request.kind == WalkKind::Pearson && !rayleigh)
        notes.push_back(d == 2 ? "No exact law of |S_n| is drawn for Pearson's walk in the plane (Kluyver's integral); "
                                 "the Rayleigh limit is its large-n law."
                               : "The exact law of |S_n| (Rayleigh 1919) is drawn up to n = "
                                     + std::to_string(kMaxExactPearson3DSteps) + " steps; beyond, the Maxwell limit.");
    if (sim.radius.beyond > 0)
        notes.push_back(std::to_string(sim.radius.beyond) + " walkers ended beyond the last radial bin.");
    return p;
}

void returnSummary(const WalkNDRun& r, Panel& panel, std::vector<std::string>& notes,
                   std::vector<SummaryRow>& summary)
{
    const WalkObservations& o = r.sim.observed;
    const Estimate last = observedReturned(o, o.times.size() - 1);
    summary.push_back({"Returned to the start by step n", withError(last, o.tracked),
                       r.returns ? formatSignificant(r.returns->returnedBy.back(), 6) : ""});
    if (const Series* polya = panel.find("polya"))
        summary.push_back({polya->label.substr(0, polya->label.find(':')), "", formatSignificant(polya->y.front(), 10)});
    const Estimate distinct = observedDistinctSites(o);
    if (o.distinctWalkers > 0) {
        summary.push_back({"Distinct sites visited by step n", withError(distinct, o.distinctWalkers),
                           r.returns ? formatSignificant(expectedDistinctSites(r.returns->returnedBy), 6) : ""});
        if (o.distinctWalkers < r.sim.walkers)
            notes.push_back("Distinct sites are counted for the first " + std::to_string(o.distinctWalkers) +
                            " walkers.");
    } else {
        notes.push_back("Distinct sites are counted for walks of at most 10^6 steps.");
    }
}

}  // namespace

const char* axisName(int axis)
{
    static const char* const names[] = {"x", "y", "z"};
    return names[axis];
}

WalkNDExperiment::WalkNDExperiment(int dimension, std::int64_t defaultSteps, std::int64_t defaultPaths,
                                   std::vector<ViewSpec> views)
    : m_dimension(dimension)
{
    m_views = std::move(views);
    m_params = {
        {"kind", "Kind of walk", ParamType::Choice, 0, 0, "lattice", "",
         "lattice: steps to a neighbour of Z^d; pearson: unit steps in a uniformly random direction; gaussian: "
         "steps N(0, I/d), variance 1/d per coordinate. All three have E|X|² = 1 (equal weights, no pause).",
         {{"lattice", "Lattice (neighbours)"}, {"pearson", "Pearson (unit steps)"}, {"gaussian", "Gaussian steps"}}},
        {"steps", "Steps n", ParamType::Integer, 1, 1e7, std::to_string(defaultSteps), "steps",
         "Number of steps each walker takes (1 … 10^7)."},
        {"walkers", "Walkers M", ParamType::Integer, 1, 1e9, "10000", "walkers",
         "Number of independent walkers (1 … 10^9); the MSD and, on the lattice, the returns use the first 10^4."},
    };
    const char* axes[] = {"+x", "−x", "+y", "−y", "+z", "−z"};
    for (int i = 0; i < 2 * dimension; ++i) {
        const std::string name = kDirectionNames[std::size_t(i)];
        m_params.push_back({name, "Weight " + name + " (" + axes[i] + ")", ParamType::Real, 0, 1e6, "1", "",
                            "Lattice walks: relative weight of a step " + name + " (" + axes[i] +
                                ", 0 … 10^6); the weights are normalised to sum to 1 − lazy."});
    }
    m_params.push_back({"lazy", "P(stay) r", ParamType::Real, 0, 1, "0", "",
                        "Lattice walks: probability of staying put at a step (0 ≤ r < 1)."});
    m_params.push_back(seedParam());
    m_params.push_back({"paths", "Paths shown", ParamType::Integer, 0, 1000, std::to_string(defaultPaths), "paths",
                        "Number of trajectories kept and drawn (0 … 1000, at most the number of walkers)."});
}

Expected<WalkNDRequest> WalkNDExperiment::parse(const ParamSet& params, ParamSet* chosen) const
{
    ParamReader read(*this, params, chosen);
    WalkNDRequest r;
    LatticeWalkParams& w = r.lattice;
    w.dimension = m_dimension;
    const std::string kind = read.choice("kind");
    r.kind = kind == "pearson" ? WalkKind::Pearson : kind == "gaussian" ? WalkKind::Gaussian : WalkKind::Lattice;
    w.steps = read.integer("steps");
    w.walkers = read.integer("walkers");
    for (int i = 0; i < 2 * m_dimension; ++i)
        w.weights[std::size_t(i)] = read.real(kDirectionNames[std::size_t(i)]);
    w.lazy = read.real("lazy");
    if (r.kind != WalkKind::Lattice) {  // lattice parameters: the --print echo marks them unused
        for (int i = 0; i <= 2 * m_dimension; ++i) {
            const std::string key = i < 2 * m_dimension ? kDirectionNames[std::size_t(i)] : "lazy";
            read.chose(key, echoText(*param(key), paramText(params, *param(key))) + " (unused)");
        }
    }
    w.seed = read.seed("seed");
    w.paths = read.paths("paths", w.walkers, "walkers");
    r.continuous = {m_dimension, r.kind == WalkKind::Gaussian ? ContinuousStep::Gaussian : ContinuousStep::Pearson,
                    w.steps, w.walkers, w.seed, w.paths};
    // Range checks only for the fields that parsed. The work limit is the one of the walk that
    // runs (lattice kernels are much faster per step).
    Errors range = core::validate(w);
    if (r.kind != WalkKind::Lattice) {
        std::erase_if(range, [](const Error& e) { return e.kind == ErrorKind::TooLarge; });
        for (auto& e : core::validate(r.continuous))
            range.push_back(std::move(e));
    }
    read.check(range);
    return read.finish(r);
}

std::vector<double> pathRows(const WalkNDSimulation& sim)
{
    std::vector<double> x(sim.pathTimes.begin(), sim.pathTimes.end());
    x.resize(std::max(x.size(), sim.paths.size()), kNaN);
    return x;
}

Panel WalkNDExperiment::trajectoryPanel(const WalkNDSimulation& sim, std::string key, std::string title, int h, int v)
{
    const std::string hs = axisName(h), vs = axisName(v);
    Panel p{std::move(key), std::move(title), "step", hs, vs, pathRows(sim), {}, {}};
    p.equalAxes = true;
    const std::size_t rows = p.x.size();
    Series startH{"start_" + hs, "", SeriesStyle::Points, std::vector<double>(rows, kNaN)};
    Series startV{"start_" + vs, "Start", SeriesStyle::Points, std::vector<double>(rows, kNaN)};
    Series endH{"end_" + hs, "", SeriesStyle::Points, std::vector<double>(rows, kNaN)};
    Series endV{"end_" + vs, "End", SeriesStyle::Points, std::vector<double>(rows, kNaN)};
    startH.coordinate = endH.coordinate = true;
    startH.plotOnly = startV.plotOnly = endH.plotOnly = endV.plotOnly = true;
    startV.xOf = startH.key;
    endV.xOf = endH.key;
    for (std::size_t i = 0; i < sim.paths.size(); ++i) {
        const std::string name = "path_" + std::to_string(i + 1) + "_";
        Series sh{name + hs, "", SeriesStyle::Line};
        Series sv{name + vs, "Walker " + std::to_string(i + 1), SeriesStyle::Line};
        sh.coordinate = true;
        sv.xOf = sh.key;
        for (const Point3& x : sim.paths[i]) {
            sh.y.push_back(x[std::size_t(h)]);
            sv.y.push_back(x[std::size_t(v)]);
        }
        endH.y[i] = sim.paths[i].back()[std::size_t(h)];
        endV.y[i] = sim.paths[i].back()[std::size_t(v)];
        p.series.push_back(std::move(sh));
        p.series.push_back(std::move(sv));
    }
    if (!sim.paths.empty()) {
        startH.y[0] = startV.y[0] = 0.0;
        p.series.push_back(std::move(startH));
        p.series.push_back(std::move(startV));
        p.series.push_back(std::move(endH));
        p.series.push_back(std::move(endV));
    }
    return p;
}

Expected<Result> WalkNDExperiment::compute(const WalkNDRequest& request, RunControl& control) const
{
    WalkNDRun r;
    r.request = request;
    const bool lattice = r.request.kind == WalkKind::Lattice;
    auto simulated = lattice ? simulateLatticeWalk(r.request.lattice, control)
                             : simulateContinuousWalk(r.request.continuous, control);
    if (!simulated)
        return std::unexpected(simulated.error());
    r.sim = std::move(*simulated);
    const WalkNDSimulation& sim = r.sim;
    const std::int64_t n = sim.steps;
    Result result;
    result.threads = sim.threads;

    if (lattice) {
        r.law = latticeStepLaw(r.request.lattice);
        r.step = stepMoments(*r.law);
        if (auto exact = latticeDistribution(*r.law, n, ConvolutionMethod::Automatic, &control)) {
            r.exact = std::move(*exact);
            r.cellProbabilities = cellProbabilities(sim.endpoints, *r.exact);
        } else {
            result.notes.push_back("No exact law of S_n: " + exact.error().front().message + ".");
        }
        if (control.cancelled())
            return fail(ErrorKind::Cancelled, "", "cancelled");
        if (auto returns = returnStatistics(*r.law, n))
            r.returns = std::move(*returns);
        else
            result.notes.push_back("No exact return probabilities: " + returns.error().front().message + ".");
    } else {
        r.step = continuousStepMoments(m_dimension);
        const LatticeWalkParams defaults;
        bool changed = r.request.lattice.lazy != 0;
        for (int i = 0; i < 2 * m_dimension; ++i)
            changed = changed || r.request.lattice.weights[std::size_t(i)] != defaults.weights[std::size_t(i)];
        if (changed)
            result.notes.push_back("The direction weights and lazy apply to lattice walks only; this walk ignores them.");
    }

    const double M = double(sim.walkers);
    WalkObservations endAll = sim.observed;  // E|S_n|² over all walkers
    endAll.tracked = sim.walkers;
    endAll.sumSquared = {sim.observed.endSquared};
    endAll.sumFourth = {sim.observed.endFourth};
    result.summary.push_back({"E|S_n|² (all walkers)", withError(observedMsd(endAll, 0), sim.walkers),
                              formatSignificant(meanSquaredDisplacement(r.step, double(n)), 6)});
    if (!r.cellProbabilities.empty() && sim.endpoints.width == 1.0) {
        const ChiSquaredResult chi = endpointChiSquared(sim.endpoints, r.cellProbabilities);
        result.summary.push_back(chiSquaredRow("Chi-squared endpoints vs exact", chi));
        if (chi.impossible > 0)
            result.notes.push_back(std::to_string(chi.impossible) +
                                   " walkers ended at sites the exact law says are impossible.");
    }
    std::vector<Panel> panels = dimensionPanels(r);
    panels.push_back(radialPanel(r, result.notes, result.summary));
    panels.push_back(msdPanel(sim.observed, r.step));
    std::optional<double> polya;
    if (lattice)
        if (auto p = allTimeReturnProbability(*r.law))
            polya = *p;
    const bool drift = r.step.mean != std::array<double, 3>{0, 0, 0};
    panels.push_back(returnsPanel(sim.observed, lattice, r.returns ? &*r.returns : nullptr, polya, drift));
    if (lattice)
        returnSummary(r, panels.back(), result.notes, result.summary);
    if (sim.observed.tracked < sim.walkers)  // a continuous walk has no return curve to follow
        result.notes.push_back(std::string(lattice ? "The MSD and return curves follow" : "The MSD curve follows") +
                               " the first " + std::to_string(sim.observed.tracked) + " walkers; endpoints and |S_n| use all " +
                               std::to_string(sim.walkers) + ".");
    result.summary.push_back({"Simulation time", formatRunTime(sim.seconds, sim.threads), ""});
    result.summary.push_back({"Steps per second", formatSignificant(M * double(n) / std::max(sim.seconds, 1e-9), 3), ""});
    for (const ViewSpec& view : views())
        for (Panel& p : panels)
            if (p.key == view.key)
                result.panels.push_back(std::move(p));
    return result;
}

}  // namespace walklab::core
