// Brute force for the path laws of the 1D walk: every one of the 3^n step sequences, weighted
// by its probability, with each statistic computed step by step from its definition.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace walklab::core::test {

/// Laws of the path statistics at horizon n, each indexed by its value (0 … n); times that
/// do not occur by n (T_k, T_0) put their mass in `passageLater` / `returnLater`.
struct EnumeratedLaws {
    std::vector<long double> passage, firstReturn, returns, timePositive, lastZero, maximum;  // long double: 3^n terms
    long double passageLater = 0, returnLater = 0;
};

inline EnumeratedLaws enumeratePaths(int n, double p, double q, std::int64_t level)
{
    EnumeratedLaws laws;
    for (auto* v : {&laws.passage, &laws.firstReturn, &laws.returns, &laws.timePositive, &laws.lastZero, &laws.maximum})
        v->assign(std::size_t(n + 1), 0.0L);
    const long double prob[3] = {p, q, 1.0L - p - q};
    const int delta[3] = {+1, -1, 0};
    std::vector<int> choice(std::size_t(n), 0);
    for (;;) {
        long double weight = 1;
        std::int64_t s = 0, passage = -1, firstReturn = -1, returns = 0, positive = 0, lastZero = 0, maximum = 0;
        for (int i = 1; i <= n; ++i) {
            const std::int64_t before = s;
            weight *= prob[choice[std::size_t(i - 1)]];
            s += delta[choice[std::size_t(i - 1)]];
            if (std::max(before, s) > 0)  // Feller: the segment from S_{i−1} to S_i lies above 0
                ++positive;
            if (s == 0) {
                ++returns;
                lastZero = i;
                if (firstReturn < 0)
                    firstReturn = i;
            }
            if (s == level && passage < 0)
                passage = i;
            maximum = std::max(maximum, s);
        }
        if (passage > 0)
            laws.passage[std::size_t(passage)] += weight;
        else
            laws.passageLater += weight;
        if (firstReturn > 0)
            laws.firstReturn[std::size_t(firstReturn)] += weight;
        else
            laws.returnLater += weight;
        laws.returns[std::size_t(returns)] += weight;
        laws.timePositive[std::size_t(positive)] += weight;
        laws.lastZero[std::size_t(lastZero)] += weight;
        laws.maximum[std::size_t(maximum)] += weight;
        int i = 0;  // next step sequence, base 3
        while (i < n && ++choice[std::size_t(i)] == 3)
            choice[std::size_t(i++)] = 0;
        if (i == n)
            return laws;
    }
}

}  // namespace walklab::core::test
