"""The same ad-points release as ad_points_numpy.py, in plain Python (one loop per user-day).
Usage: python3 ad_points_python.py USERS [DAYS]"""
import json
import random
import sys
import time

PU_PER_POINT = 10_000
YUAN_PER_POINT_FEN = 100
RATE_MICRO = 10_000
TIERS = [(4000 * PU_PER_POINT, 4000), (2000 * PU_PER_POINT, 2000), (1000 * PU_PER_POINT, 1000), (200 * PU_PER_POINT, 200)]
LOWEST = 200 * PU_PER_POINT


def main() -> None:
    users = int(sys.argv[1])
    days = int(sys.argv[2]) if len(sys.argv) > 2 else 365
    rng = random.Random(1)
    balance = [1100 * PU_PER_POINT] * users
    change = [0] * users
    start = time.perf_counter()
    for _ in range(days):
        draw = rng.random
        for i in range(users):
            if draw() >= 0.9:
                continue
            b = balance[i]
            if b < LOWEST:
                continue
            cap = 0
            for minimum, cap_fen in TIERS:
                if b >= minimum:
                    cap = cap_fen
                    break
            share = (b * RATE_MICRO * YUAN_PER_POINT_FEN) // (1_000_000 * PU_PER_POINT)
            fen = share if share < cap else cap
            pu = -((-fen * PU_PER_POINT) // YUAN_PER_POINT_FEN)
            balance[i] = b - pu
            change[i] += fen
    seconds = time.perf_counter() - start
    print(json.dumps({"users": users, "days": days, "seconds": seconds, "userDaysPerSecond": users * days / seconds, "releasedFen": sum(change)}))


if __name__ == "__main__":
    main()
