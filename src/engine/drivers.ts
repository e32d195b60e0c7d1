import type { CoreScenario } from "./scenario.js";
import { MICRO, rateToMicro } from "./units.js";

/**
 * A driver: a named quantity read once a day (phase 10) that behaviour may respond to
 * (`responses:` in a scenario). The engine declares its own (CORE_DRIVERS); a scheme declares
 * its own (SchemeModule.drivers) and reads them with SchemeInstance.driver. A value is an
 * exact scaled integer: `decimals` 0 for whole days, 6 for a share in millionths.
 */
export interface DriverSpec {
  name: string;
  unit: string;
  decimals: 0 | 6;
  description: string;
}

/** Days the window of recruitmentSlowdown spans, twice over (this week against the one before). */
const RECRUITMENT_WINDOW = 7;

export const CORE_DRIVERS: readonly DriverSpec[] = [
  {
    name: "paymentDelay",
    unit: "days",
    decimals: 0,
    description: "days the oldest due, unpaid withdrawal has waited past its due day (timeseries backlog_oldest_days)",
  },
  {
    name: "recruitmentSlowdown",
    unit: "share 0-1",
    decimals: 6,
    description: `how far recruitment has slowed: max(0, 1 − new users in the last ${RECRUITMENT_WINDOW} days ÷ new users in the ${RECRUITMENT_WINDOW} days before), 0 while the days before had none`,
  },
];

/** The behaviours a response may act on. */
type Behaviour = "arrivals" | "orders";

/** A running scheme as the drivers read it. */
interface DriverSource {
  instance: { driver?(name: string): number | null };
}

/**
 * `recruitmentSlowdown` in millionths from the last 2 × 7 days' new users (oldest first):
 * max(0, 10⁶ − ⌊this week × 10⁶ ÷ the week before⌋), 0 when the week before had none.
 */
export function recruitmentSlowdownMicro(newUsers: readonly number[]): number {
  const recent = newUsers.slice(-RECRUITMENT_WINDOW).reduce((a, b) => a + b, 0);
  const before = newUsers.slice(-2 * RECRUITMENT_WINDOW, -RECRUITMENT_WINDOW).reduce((a, b) => a + b, 0);
  if (newUsers.length < 2 * RECRUITMENT_WINDOW || before === 0) return 0;
  return Math.max(0, MICRO - Math.floor((recent * MICRO) / before));
}

/**
 * One response's multiplier in millionths: max(floor, 10⁶ − ⌊sensitivity × driver⌋), with the
 * sensitivity in millionths and the driver scaled by 10^decimals, never above 10⁶.
 */
export function responseMicro(sensitivityMicro: number, driverScaled: number, decimals: 0 | 6, floorMicro: number): number {
  const taken = decimals === 0 ? sensitivityMicro * driverScaled : Math.floor((sensitivityMicro * driverScaled) / MICRO);
  return Math.min(MICRO, Math.max(floorMicro, MICRO - taken));
}

/**
 * The scenario's responses: each day in phase 10, every driver is read and each behaviour's
 * multiplier for the next day is the product of its responses' (rounded down to the
 * millionth after each). Tomorrow's arrivals and orders are scaled by it, on top of
 * confidence: one day late, as confidence is.
 */
export class Responses {
  private readonly list: { driver: string; acts: Behaviour; sensitivityMicro: number; floorMicro: number; decimals: 0 | 6 }[];
  /** New users of each of the last 2 × 7 days (recruitmentSlowdown). */
  private readonly newUsers: number[] = [];
  /** Tomorrow's multipliers in millionths. */
  readonly micro: Record<Behaviour, number> = { arrivals: MICRO, orders: MICRO };

  constructor(scenario: CoreScenario, declared: readonly DriverSpec[]) {
    this.list = (scenario.responses ?? []).map((r) => ({
      driver: r.driver,
      acts: r.acts,
      sensitivityMicro: rateToMicro(r.sensitivity),
      floorMicro: rateToMicro(r.floor),
      decimals: declared.find((d) => d.name === r.driver)?.decimals ?? 0,
    }));
  }

  /** Whether any response is declared (none: nothing is read, behaviour is as without drivers). */
  get active(): boolean {
    return this.list.length > 0;
  }

  /** Phase 10: today's drivers, and from them tomorrow's multipliers. */
  update(newUsersToday: number, paymentDelayDays: number, schemes: readonly DriverSource[]): void {
    if (!this.active) return;
    this.newUsers.push(newUsersToday);
    if (this.newUsers.length > 2 * RECRUITMENT_WINDOW) this.newUsers.shift();
    const value = (name: string): number => {
      if (name === "paymentDelay") return paymentDelayDays;
      if (name === "recruitmentSlowdown") return recruitmentSlowdownMicro(this.newUsers);
      for (const s of schemes) {
        const v = s.instance.driver?.(name);
        if (v !== undefined && v !== null) return v;
      }
      // A scheme's driver while the scheme is not running: nothing to respond to.
      return 0;
    };
    this.micro.arrivals = MICRO;
    this.micro.orders = MICRO;
    for (const r of this.list) {
      const m = responseMicro(r.sensitivityMicro, value(r.driver), r.decimals, r.floorMicro);
      this.micro[r.acts] = Math.floor((this.micro[r.acts] * m) / MICRO);
    }
  }

  /** Tomorrow's multiplier of a behaviour as a number (exactly 1 when nothing responds). */
  factor(acts: Behaviour): number {
    return this.micro[acts] / MICRO;
  }
}
