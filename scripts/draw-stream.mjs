// node scripts/draw-stream.mjs <users|days|purposes> [seed]
// Writes model 2's keyed draws to stdout as raw little-endian 32-bit words, without end, for
// dieharder (`dieharder -g 200` reads raw words from stdin; scripts/draws-quality.sh runs it).
// The three orders walk the neighbouring keys a run uses side by side:
//   users:    one purpose and day, users 0, 1, 2, … (join day cycling 0..6), then the next day;
//   days:     one purpose and user, days 0..4095, then the next user;
//   purposes: one day and user, 64 purposes in turn, then the next user.
import { Draws, declarePurpose, keyedUint32 } from "../dist/engine/draws.js";

const mode = process.argv[2] ?? "users";
const draws = new Draws(process.argv[3] ?? 1);
const purposes = Array.from({ length: 64 }, (_, i) => declarePurpose(`stream.${i}`));
const order = purposes[0];
const WORDS = 1 << 16;
const buffer = new Uint32Array(WORDS);
let step = 0;
const days = Array.from({ length: 4096 }, (_, d) => draws.key(order, d));

const byPurpose = purposes.map((p) => draws.key(p, 17));
let dayKey = draws.key(order, 0);

function fill() {
  for (let i = 0; i < WORDS; i++, step++) {
    if (mode === "users") {
      const user = step % (1 << 20);
      if (user === 0) dayKey = draws.key(order, step / (1 << 20));
      buffer[i] = keyedUint32(dayKey.k0, dayKey.k1, dayKey.k2, user, step % 7);
    } else if (mode === "days") {
      const k = days[step % 4096];
      buffer[i] = keyedUint32(k.k0, k.k1, k.k2, Math.floor(step / 4096), 3);
    } else {
      const k = byPurpose[step % 64];
      buffer[i] = keyedUint32(k.k0, k.k1, k.k2, Math.floor(step / 64), 2);
    }
  }
}

process.stdout.on("error", () => process.exit(0)); // dieharder closes the pipe when done
function pump() {
  let ok = true;
  while (ok) {
    fill();
    ok = process.stdout.write(Buffer.from(buffer.buffer.slice(0)));
  }
  process.stdout.once("drain", pump);
}
pump();
