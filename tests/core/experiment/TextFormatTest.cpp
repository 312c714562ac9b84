// Numbers to text for the summary tables.
#include "core/experiment/TextFormat.h"

#include <gtest/gtest.h>

using namespace walklab::core;

TEST(TextFormat, RunTimeSaysThreadOrThreads)
{
    EXPECT_EQ(formatRunTime(0.1234, 1), "0.123 s on 1 thread");
    EXPECT_EQ(formatRunTime(2.5, 4), "2.5 s on 4 threads");
    EXPECT_EQ(formatRunTime(12.34, 0), "12.3 s on 0 threads");
}
