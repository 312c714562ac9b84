// Function attributes that compile one function for a higher CpuLevel (see core/random/CpuLevel.h).
#pragma once

// The library is built for plain x86-64; a function marked with one of these is compiled for the
// named level and must only be called when activeCpuLevel() (or detectedCpuLevel()) allows it.
// Callees that are not inlined keep the default flags, so no instruction leaks into shared code.
#define WALKLAB_TARGET_AVX2 __attribute__((target("avx2,bmi,bmi2,popcnt,lzcnt,fma")))
#define WALKLAB_TARGET_AVX512 \
    __attribute__((target("avx2,bmi,bmi2,popcnt,lzcnt,fma,avx512f,avx512vl,avx512bw,avx512dq,avx512vpopcntdq")))
