/**
 * A daily call auction (集合竞价) for the CTC points market, docs/model.md, shared purchase. Quantities in
 * 0.0001 points, prices in 0.0001 yuan per point.
 *
 * Clearing rule (docs/model.md): among all limit prices, choose the one that
 * maximises matched volume min(demand, supply); ties go to the smallest imbalance
 * |demand − supply|, then to the price closest to the reference (the last clearing
 * price), then to the lowest price. At that price the short side fills completely; the
 * long side fills by price priority (best limit first), then by id (earlier first), the
 * last order filled partly.
 */
export interface BookOrder {
  id: number;
  qty: number;
  limit: number;
}

export interface Clearing {
  /** Clearing price, or null when nothing matches. */
  price: number | null;
  volume: number;
  demand: number;
  supply: number;
  /** Filled quantity per bid / ask, in the order given. */
  bidFills: number[];
  askFills: number[];
}

export function clearCallAuction(bids: readonly BookOrder[], asks: readonly BookOrder[], reference: number): Clearing {
  const none: Clearing = { price: null, volume: 0, demand: 0, supply: 0, bidFills: bids.map(() => 0), askFills: asks.map(() => 0) };
  const prices = [...new Set([...bids.map((b) => b.limit), ...asks.map((a) => a.limit)])].sort((x, y) => x - y);
  const bidsAscending = [...bids].sort((x, y) => x.limit - y.limit);
  const asksAscending = [...asks].sort((x, y) => x.limit - y.limit);
  let demand = bids.reduce((sum, b) => sum + b.qty, 0);
  let supply = 0;
  let nextBid = 0;
  let nextAsk = 0;
  let best: { price: number; volume: number; imbalance: number; distance: number; demand: number; supply: number } | null = null;
  // Sweep prices upwards: demand loses bids whose limit is below the price, supply gains asks at or below it.
  for (const price of prices) {
    while (nextBid < bidsAscending.length && (bidsAscending[nextBid] as BookOrder).limit < price) demand -= (bidsAscending[nextBid++] as BookOrder).qty;
    while (nextAsk < asksAscending.length && (asksAscending[nextAsk] as BookOrder).limit <= price) supply += (asksAscending[nextAsk++] as BookOrder).qty;
    const volume = Math.min(demand, supply);
    if (volume === 0) continue;
    const candidate = { price, volume, imbalance: Math.abs(demand - supply), distance: Math.abs(price - reference), demand, supply };
    if (
      best === null ||
      candidate.volume > best.volume ||
      (candidate.volume === best.volume &&
        (candidate.imbalance < best.imbalance || (candidate.imbalance === best.imbalance && candidate.distance < best.distance)))
    ) {
      best = candidate;
    }
  }
  if (best === null) return none;
  const price = best.price;
  return {
    price,
    volume: best.volume,
    demand: best.demand,
    supply: best.supply,
    bidFills: fill(
      bids,
      best.volume,
      (b) => b.limit >= price,
      (x, y) => y.limit - x.limit || x.id - y.id,
    ),
    askFills: fill(
      asks,
      best.volume,
      (a) => a.limit <= price,
      (x, y) => x.limit - y.limit || x.id - y.id,
    ),
  };
}

function fill(orders: readonly BookOrder[], volume: number, eligible: (o: BookOrder) => boolean, priority: (x: BookOrder, y: BookOrder) => number): number[] {
  const fills = orders.map(() => 0);
  const queue = orders.map((o, i) => ({ o, i })).filter(({ o }) => eligible(o));
  queue.sort((x, y) => priority(x.o, y.o));
  let left = volume;
  for (const { o, i } of queue) {
    if (left === 0) break;
    const q = Math.min(o.qty, left);
    fills[i] = q;
    left -= q;
  }
  return fills;
}
