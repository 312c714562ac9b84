// Progress and cancellation from inside a block: every unit is reported by the end, and a
// cancellation is seen within one chunk whether or not the work was reported then.
#include "core/random/WorkMeter.h"

#include <gtest/gtest.h>

using namespace walklab::core;

TEST(WorkMeter, ReportsAllItsWorkByTheEnd)
{
    RunControl control(1);
    control.setTotalWork(10 * WorkMeter::kChunk + 5);
    {
        WorkMeter meter(control);
        for (int i = 0; i < 10; ++i)
            EXPECT_TRUE(meter.add(WorkMeter::kChunk));
        for (int i = 0; i < 5; ++i)
            EXPECT_TRUE(meter.tick());
    }
    EXPECT_EQ(control.progress(), 1.0);
}

TEST(WorkMeter, SeesACancellationWithinOneChunk)
{
    RunControl control(1);
    control.setTotalWork(100 * WorkMeter::kChunk);
    WorkMeter meter(control);
    EXPECT_TRUE(meter.add(WorkMeter::kChunk));  // a check (and, after 1 ms or more, a report)
    control.cancel();
    // Within a millisecond the chunk is not reported, but cancellation is still checked.
    std::uint64_t units = 0;
    bool running = true;
    while (running && units <= WorkMeter::kChunk) {
        running = meter.tick();
        ++units;
    }
    EXPECT_FALSE(running);
    EXPECT_LE(units, WorkMeter::kChunk);
}
