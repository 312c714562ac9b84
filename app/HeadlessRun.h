// A headless run of an experiment: Ctrl+C cancels it cleanly, and a terminal sees its progress.
#pragma once

#include "core/experiment/Experiment.h"

namespace walklab::app {

/// Runs `experiment` with `params` on `threads` worker threads (0 = one per core) on a thread
/// of its own, while the calling thread
/// - turns Ctrl+C (SIGINT) into core::RunControl::cancel(): the result is then the Cancelled
///   error "cancelled" (also when the run had just finished). The handler stays installed
///   until walklab exits, so that interrupted() can stop the writing of the outputs too; a
///   second Ctrl+C ends walklab at once (the system's default action);
/// - when stderr is a terminal and the run has lasted over a second, keeps one line on stderr
///   up to date about every 0.2 s: "walk1d: 37 % · 12 s elapsed · about 20 s left", from
///   RunControl::progress() (the fraction of the simulation done; the estimate of the rest is
///   elapsed × (1 − f) / f), and clears it when the run ends. When stderr is not a terminal
///   (a pipe, a file, a test) nothing is written.
/// An exception thrown by the experiment is passed on to the caller.
core::Expected<core::Result> runHeadless(const core::Experiment& experiment, const core::ParamSet& params,
                                         unsigned threads);

/// Whether Ctrl+C was pressed since runHeadless() started.
bool interrupted();

}  // namespace walklab::app
