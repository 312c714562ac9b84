#include "core/random/CpuLevel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <string_view>

namespace walklab::core {

CpuLevel detectedCpuLevel()
{
    static const CpuLevel level = [] {
        __builtin_cpu_init();
        const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2")
            && __builtin_cpu_supports("popcnt");
        const bool avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
            && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")
            && __builtin_cpu_supports("avx512vpopcntdq");
        return avx512 ? CpuLevel::Avx512 : avx2 ? CpuLevel::Avx2 : CpuLevel::Baseline;
    }();
    return level;
}

namespace {

std::atomic<CpuLevel> g_limit{CpuLevel::Avx512};

// detectedCpuLevel() lowered by WALKLAB_CPU.
CpuLevel environmentCpuLevel()
{
    static const CpuLevel level = [] {
        const CpuLevel detected = detectedCpuLevel();
        const char* env = std::getenv("WALKLAB_CPU");
        if (env == nullptr)
            return detected;
        for (CpuLevel l : {CpuLevel::Baseline, CpuLevel::Avx2, CpuLevel::Avx512})
            if (std::string_view(env) == cpuLevelName(l))
                return std::min(l, detected);
        return detected;
    }();
    return level;
}

}  // namespace

CpuLevel activeCpuLevel() { return std::min(environmentCpuLevel(), g_limit.load(std::memory_order_relaxed)); }

CpuLevel setCpuLevelLimit(CpuLevel limit) { return g_limit.exchange(limit); }

const char* cpuLevelName(CpuLevel level)
{
    switch (level) {
    case CpuLevel::Baseline:
        return "baseline";
    case CpuLevel::Avx2:
        return "avx2";
    case CpuLevel::Avx512:
        return "avx512";
    }
    return "baseline";
}

}  // namespace walklab::core
