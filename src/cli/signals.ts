/**
 * With POINTSIM_SIGNAL_READY=1, says on stderr once Ctrl-C is handled: a test (or a wrapper
 * script) waits for this line before it interrupts, instead of guessing a delay.
 */
export function announceSignalsHandled(): void {
  if (process.env.POINTSIM_SIGNAL_READY === "1") process.stderr.write("pointsim: signals handled\n");
}
