#!/usr/bin/python3
"""Idiomatic numpy, one thread, for each job of the issue-6 table; prints JSON {job: rate}.

Rates are items per second (steps, positions, arrivals or equivalent steps), best of three
repetitions, with numpy's default generator (PCG64) as a script author would write it.
Run with Debian's /usr/bin/python3 (python3-numpy). Usage: numpy_baseline.py [job ...]
"""
import json
import os
import sys
import time

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
import numpy as np  # noqa: E402  (after the thread settings)

rng = np.random.default_rng(1)
M, N = 100, 1_000_000  # walkers × steps per repetition: 10^8 steps, 100 MB of int8


def sym_int8():
    """1D symmetric: rng.integers(0, 2, int8) then a sum; S = 2·ups − n."""
    s = 2 * rng.integers(0, 2, size=(M, N), dtype=np.int8).sum(axis=1, dtype=np.int64) - N
    return s, M * N


def biased():
    """1D with p = 0.3, q = 0.7: rng.random() < p."""
    ups = (rng.random((M // 4, N)) < 0.3).sum(axis=1)
    return 2 * ups - N, M // 4 * N


def lazy():
    """1D lazy, p = q = 0.25: one uniform per step, up below p, down above 1 − q."""
    u = rng.random((M // 4, N))
    s = (u < 0.25).sum(axis=1) - (u >= 0.75).sum(axis=1)
    return s, M // 4 * N


def kept_paths():
    """Kept paths: ±1 steps in int8, positions by cumsum (int32)."""
    steps = 2 * rng.integers(0, 2, size=(M // 4, N), dtype=np.int8) - 1
    return np.cumsum(steps, axis=1, dtype=np.int32), M // 4 * N


def directions(d):
    """2D / 3D square and cubic lattice: direction tables (one per axis) indexed by rng.integers."""
    tables = np.concatenate([np.eye(d, dtype=np.int8), -np.eye(d, dtype=np.int8)]).T
    walkers, n = 10, N
    direction = rng.integers(0, 2 * d, size=(walkers, n), dtype=np.intp)
    ends = [axis[direction].sum(axis=1, dtype=np.int64) for axis in tables]
    return ends, walkers * n


def poisson():
    """Poisson arrivals, rate 1 on [0, T]: rng.exponential gaps, cumsum, keep those ≤ T."""
    realisations, T = 1000, 10_000
    gaps = rng.exponential(1.0, size=(realisations, T + 200))
    times = np.cumsum(gaps, axis=1)
    counts = (times <= T).sum(axis=1)
    return counts, realisations * (T + 200)


def first_return():
    """First-return times with a cap n: active-set blocks of steps, walkers drop out on return.
    Items are equivalent steps, sum over the walkers of min(T, n), as in bench/PassageBench.cpp
    (the steps a walker-by-walker simulation stopping at arrival takes; not the blocks' overshoot)."""
    walkers, cap, block = 100_000, 10_000, 256
    position = np.zeros(walkers, dtype=np.int64)
    alive = np.arange(walkers)
    first = np.full(walkers, -1, dtype=np.int64)
    done = 0
    while alive.size and done < cap:
        b = min(block, cap - done)
        steps_block = 2 * rng.integers(0, 2, size=(alive.size, b), dtype=np.int8) - 1
        path = position[alive, None].astype(np.int32) + np.cumsum(steps_block, axis=1, dtype=np.int32)
        hit = path == 0
        returned = hit.any(axis=1)
        first[alive[returned]] = done + hit[returned].argmax(axis=1) + 1
        position[alive] = path[:, -1]
        alive = alive[~returned]
        done += b
    return first, int(np.where(first > 0, first, cap).sum())


def binomial():
    """Endpoint shortcut, 1D: rng.binomial(n, 1/2) per walker; equivalent steps n·M."""
    n, draws = 1_000_000, 1_000_000
    return 2 * rng.binomial(n, 0.5, size=draws) - n, n * draws


def multinomial2d():
    """Endpoint shortcut, 2D: rng.multinomial(n, four directions) per walker."""
    n, draws = 1_000_000, 100_000
    k = rng.multinomial(n, [0.25] * 4, size=draws)
    return k[:, 0] - k[:, 1], n * draws


JOBS = {
    "sym_int8": sym_int8,
    "biased": biased,
    "lazy": lazy,
    "kept_paths": kept_paths,
    "dir2d": lambda: directions(2),
    "dir3d": lambda: directions(3),
    "poisson": poisson,
    "first_return": first_return,
    "binomial": binomial,
    "multinomial2d": multinomial2d,
}


def rate(job, repetitions=3):
    best = 0.0
    for _ in range(repetitions):
        start = time.perf_counter()
        _, items = job()
        best = max(best, items / (time.perf_counter() - start))
    return best


if __name__ == "__main__":
    names = sys.argv[1:] or list(JOBS)
    print(json.dumps({name: rate(JOBS[name]) for name in names}))
