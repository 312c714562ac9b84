// The instruction-set level the hot kernels run at, chosen at run time by CPU feature.
#pragma once

namespace walklab::core {

/// Levels of x86-64 instruction sets the kernels are compiled for, in increasing order. The
/// library is built with the distribution's default flags (plain x86-64); the kernels of the
/// higher levels are compiled with __attribute__((target(...))) and chosen at run time, so
/// one binary runs on any x86-64 CPU. Every level produces bit-identical results (tested).
enum class CpuLevel : int {
    Baseline = 0,  ///< x86-64 (SSE2): what any 64-bit x86 CPU runs
    Avx2 = 1,      ///< AVX2 + BMI2 + POPCNT (x86-64-v3, Intel Haswell / AMD Zen and later)
    Avx512 = 2,    ///< Avx2 + AVX-512 F/VL/BW/DQ + VPOPCNTDQ (Intel Ice Lake / AMD Zen 4 and later)
};

/// The highest level this CPU supports (__builtin_cpu_supports).
CpuLevel detectedCpuLevel();

/// The level new engines and samplers use: detectedCpuLevel(), lowered by the environment
/// variable WALKLAB_CPU = baseline | avx2 | avx512 if set (read once; to compare the code paths
/// of a whole program; a level above the detected one, or an unknown value, leaves the detected
/// level), and lowered further by setCpuLevelLimit().
CpuLevel activeCpuLevel();

/// Caps activeCpuLevel() at `limit` for the whole process (thread-safe) and returns the previous
/// cap (CpuLevel::Avx512 initially, i.e. no cap). Objects built before the call keep their level.
/// For tests and benchmarks that run whole simulations at each level and compare the results.
CpuLevel setCpuLevelLimit(CpuLevel limit);

/// "baseline", "avx2" or "avx512".
const char* cpuLevelName(CpuLevel level);

}  // namespace walklab::core
