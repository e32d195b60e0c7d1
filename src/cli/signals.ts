/**
 * With POINTSIM_SIGNAL_READY=1, says on stderr once Ctrl-C is handled: a test (or a wrapper
 * script) waits for this line before it interrupts, instead of guessing a delay.
 */
export function announceSignalsHandled(): void {
  if (process.env.POINTSIM_SIGNAL_READY === "1") process.stderr.write("pointsim: signals handled\n");
}

/** Ctrl-C and SIGTERM caught as a flag a long command polls between runs, until `release`. */
export interface Interrupts {
  /** Whether SIGINT or SIGTERM came since `catchInterrupts`. */
  readonly interrupted: () => boolean;
  /** Stops catching them (in a `finally`, after the command's last file). */
  readonly release: () => void;
}

/** Catches SIGINT and SIGTERM as a flag (fit, watch, recommend stop between runs and keep what they ran). */
export function catchInterrupts(): Interrupts {
  let caught = false;
  const stop = () => {
    caught = true;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  announceSignalsHandled();
  return {
    interrupted: () => caught,
    release: () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    },
  };
}
