// The views an experiment declares: which are shown by default, for every registered experiment.
#include "core/experiment/Experiment.h"
#include "core/experiment/Registry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace walklab::core;

namespace {

/// Only views: enough to ask for its default views.
class ViewsOnly : public Experiment {
public:
    explicit ViewsOnly(std::vector<ViewSpec> views) : m_views(std::move(views)) {}
    std::string key() const override { return "views"; }
    std::string title() const override { return "Views"; }
    std::string help() const override { return ""; }
    const std::vector<ParamSpec>& params() const override { return m_params; }
    const std::vector<ViewSpec>& views() const override { return m_views; }
    Errors validate(const ParamSet&) const override { return {}; }
    Expected<Result> run(const ParamSet&, RunControl&) const override { return Result{}; }

private:
    std::vector<ParamSpec> m_params;
    std::vector<ViewSpec> m_views;
};

}  // namespace

TEST(Experiment, DefaultViewsAreTheMarkedOnesInOrder)
{
    const ViewsOnly e({{"a", "A", ""}, {"b", "B", "", true}, {"c", "C", ""}, {"d", "D", "", true}});
    EXPECT_EQ(e.defaultViews(), (std::vector<std::string>{"b", "d"}));
}

TEST(Experiment, WithoutMarksEveryViewIsADefault)
{
    const ViewsOnly e({{"a", "A", ""}, {"b", "B", ""}});
    EXPECT_EQ(e.defaultViews(), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(ViewsOnly({}).defaultViews().empty());
}

// A projector shows two plots readably: every experiment marks one or two of its own views,
// and the view keys are distinct and never "all" (the command line's word for every view).
TEST(Experiment, EveryExperimentMarksOneOrTwoOfItsViews)
{
    for (const auto& e : experiments()) {
        SCOPED_TRACE(e->key());
        std::set<std::string> keys;
        for (const auto& v : e->views()) {
            EXPECT_TRUE(keys.insert(v.key).second) << v.key;
            EXPECT_NE(v.key, "all");
        }
        const auto marked = std::count_if(e->views().begin(), e->views().end(),
                                          [](const ViewSpec& v) { return v.shownByDefault; });
        EXPECT_GE(marked, 1);
        // ruin marks three, of which each kind of barrier draws two (RuinExperimentTest,
        // EachKindOfBarrierDrawsTwoDefaultViews): a panel without series is not drawn.
        EXPECT_LE(marked, e->key() == "ruin" ? 3 : 2);
        EXPECT_EQ(e->defaultViews().size(), std::size_t(marked));
    }
}

TEST(Experiment, TheTeachersPairs)
{
    const auto defaults = [](const char* key) { return findExperiment(key)->defaultViews(); };
    using Keys = std::vector<std::string>;
    EXPECT_EQ(defaults("walk1d"), (Keys{"paths", "endpoint"}));
    EXPECT_EQ(defaults("walk2d"), (Keys{"paths", "density"}));
    EXPECT_EQ(defaults("walk3d"), (Keys{"paths3d", "returns"}));
    EXPECT_EQ(defaults("poisson"), (Keys{"counts", "interarrival"}));
    EXPECT_EQ(defaults("poisson-nh"), (Keys{"intensity", "counts"}));
    EXPECT_EQ(defaults("poisson-ops"), (Keys{"superposition", "thinning"}));
}

// ParamSpec::views: the views a parameter drives, which the window brings into sight when the
// parameter is edited. Every key named must be a view of the same experiment.
TEST(Experiment, ParametersDriveViewsOfTheirOwnExperiment)
{
    for (const auto& e : experiments()) {
        SCOPED_TRACE(e->key());
        for (const auto& spec : e->params())
            for (const auto& key : spec.views)
                EXPECT_TRUE(std::any_of(e->views().begin(), e->views().end(),
                                        [&key](const ViewSpec& v) { return v.key == key; }))
                    << spec.key << " → " << key;
    }
}

TEST(Experiment, ParametersOfOneViewNameIt)
{
    const auto viewsOf = [](const char* experiment, const char* param) {
        return findExperiment(experiment)->param(param)->views;
    };
    using Keys = std::vector<std::string>;
    EXPECT_EQ(viewsOf("poisson", "trials"), (Keys{"binomial"}));
    EXPECT_EQ(viewsOf("poisson", "arrival"), (Keys{"waiting"}));
    EXPECT_EQ(viewsOf("poisson", "memoryTime"), (Keys{"memoryless"}));
    EXPECT_EQ(viewsOf("poisson", "paths"), (Keys{"counting", "timeline"}));
    EXPECT_EQ(viewsOf("poisson-nh", "paths"), (Keys{"counting", "timeline"}));
    EXPECT_EQ(viewsOf("walk1d", "paths"), (Keys{"paths"}));
    EXPECT_TRUE(viewsOf("poisson", "rate").empty());  // drives every view
}

TEST(Experiment, EveryExperimentHasPresetsThatValidateAndNameItsParameters)
{
    // A teacher's starting points: at least two per experiment, each valid as it stands.
    for (const auto& e : experiments()) {
        const std::vector<Preset> presets = e->presets();
        EXPECT_GE(presets.size(), 2u) << e->key();
        for (const Preset& preset : presets) {
            EXPECT_FALSE(preset.help.empty()) << e->key() << ": " << preset.name;
            for (const auto& [key, value] : preset.params)
                EXPECT_NE(e->param(key), nullptr) << e->key() << ": " << preset.name << " sets unknown " << key;
            EXPECT_TRUE(e->validate(preset.params).empty()) << e->key() << ": " << preset.name;
        }
    }
}
