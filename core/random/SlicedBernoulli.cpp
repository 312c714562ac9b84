#include "core/random/SlicedBernoulli.h"

#include "core/random/detail/TargetAttributes.h"

namespace walklab::core {

namespace {

// The loop; __builtin_popcountll is one instruction where the target has POPCNT and a libgcc
// call on plain x86-64, hence one copy per level.
[[gnu::always_inline]] inline SlicedBernoulli::Counts countGroups(const SlicedBernoulli& s, Engine& engine,
                                                                  std::size_t groups)
{
    SlicedBernoulli::Counts c;
    auto add = [&c](const SlicedBernoulli::Masks& m) {
        c.belowA += std::uint64_t(__builtin_popcountll(m.belowA));
        c.belowB += std::uint64_t(__builtin_popcountll(m.belowB));
    };
    // Groups read straight from the engine's buffer while one surely fits (≤ 64 words); the
    // group that straddles a refill reads word by word.
    while (groups > 0) {
        const auto words = engine.next(Engine::kBufferWords);
        const std::uint64_t *w = words.data(), *end = w + words.size();
        for (; groups > 0 && end - w >= 64; --groups)
            add(s.decide([&w] { return *w++; }));
        engine.unread(std::size_t(end - w));
        if (groups > 0) {
            add(s.group(engine));
            --groups;
        }
    }
    return c;
}

SlicedBernoulli::Counts countBaseline(const SlicedBernoulli& s, Engine& e, std::size_t g) { return countGroups(s, e, g); }
WALKLAB_TARGET_AVX2 SlicedBernoulli::Counts countAvx2(const SlicedBernoulli& s, Engine& e, std::size_t g)
{
    return countGroups(s, e, g);
}

}  // namespace

SlicedBernoulli::Counts SlicedBernoulli::count(Engine& engine, std::size_t groups) const
{
    // The AVX-512 level has nothing to add here (the loop is serial in its words): AVX2 code.
    return m_level == CpuLevel::Baseline ? countBaseline(*this, engine, groups) : countAvx2(*this, engine, groups);
}

}  // namespace walklab::core
