// Reads the OEIS reference tables of tests/data ("# comment" lines, then "n a(n)" lines).
#pragma once

#include <fstream>
#include <string>
#include <vector>

namespace walklab::core::test {

/// a(0), a(1), … from tests/data/<name>, as long double (the terms exceed 64-bit integers; the
/// 64-bit mantissa keeps them to a relative 5e-20).
inline std::vector<long double> readOeisTable(const std::string& name)
{
    std::ifstream in(std::string(WALKLAB_TEST_DATA) + "/" + name);
    std::vector<long double> terms;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        const auto space = line.find(' ');
        terms.push_back(std::stold(line.substr(space + 1)));
    }
    return terms;
}

}  // namespace walklab::core::test
