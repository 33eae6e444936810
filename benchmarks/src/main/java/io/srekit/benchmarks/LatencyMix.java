package io.srekit.benchmarks;

import java.util.SplittableRandom;

/**
 * A realistic request-latency mix, precomputed so the benchmark measures recording, not random
 * number generation: log-normal with a 40 ms median (sigma 1), clipped to 1 ms – 2 s.
 */
final class LatencyMix {

  static final int SIZE = 1 << 14;
  static final int MASK = SIZE - 1;

  /** The same bounds for every peer: srekit's defaults (13 finite bounds, 14 buckets). */
  static final double[] BOUNDS_SECONDS = {
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0
  };

  private LatencyMix() {}

  static long[] nanos() {
    SplittableRandom random = new SplittableRandom(20261127L);
    long[] out = new long[SIZE];
    for (int i = 0; i < SIZE; i++) {
      double gaussian = gaussian(random);
      double seconds = 0.040 * Math.exp(gaussian);
      seconds = Math.max(0.001, Math.min(2.0, seconds));
      out[i] = (long) (seconds * 1e9);
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
