"""The ad-points release of scenarios/bench-ad-points.yaml in NumPy (npm run bench:peers).

N users hold 1100 ad points each from day 1; every day each watches the ad task with
probability 0.9 and, if their balance is at least 200 points, releases 1% of it into change,
capped by the tier of their balance (200: 2 yuan, 1000: 10, 2000: 20, 4000: 40), in whole fen,
paying with exactly the points those fen are worth (1 point = 1 yuan). Integers throughout:
points in 0.0001 units (pu), money in fen, int64 (what a quantitative user would write: vectorised,
no ledger, no checks). Prints one JSON line: users, days, seconds, userDaysPerSecond, releasedFen.
Usage: python3 ad_points_numpy.py USERS [DAYS]
"""
import json
import sys
import time

import numpy as np

PU_PER_POINT = 10_000
YUAN_PER_POINT_FEN = 100
RATE_MICRO = 10_000  # 1%
TIER_MIN_PU = np.array([200, 1000, 2000, 4000], dtype=np.int64) * PU_PER_POINT
TIER_CAP_FEN = np.array([2, 10, 20, 40], dtype=np.int64) * 100


def main() -> None:
    users = int(sys.argv[1])
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 365
    rng = np.random.default_rng(1)
    balance = np.full(users, 1100 * PU_PER_POINT, dtype=np.int64)
    change = np.zeros(users, dtype=np.int64)
    start = time.perf_counter()
    for _ in range(days):
        watching = rng.random(users) < 0.9
        eligible = watching & (balance >= TIER_MIN_PU[0])
        b = balance[eligible]
        tier = np.searchsorted(TIER_MIN_PU, b, side="right") - 1
        share = (b * RATE_MICRO * YUAN_PER_POINT_FEN) // (1_000_000 * PU_PER_POINT)
        fen = np.minimum(share, TIER_CAP_FEN[tier])
        pu = -((-fen * PU_PER_POINT) // YUAN_PER_POINT_FEN)
        balance[eligible] = b - pu
        change[eligible] += fen
    seconds = time.perf_counter() - start
    print(json.dumps({"users": users, "days": days, "seconds": seconds, "userDaysPerSecond": users * days / seconds, "releasedFen": int(change.sum())}))


if __name__ == "__main__":
    main()
