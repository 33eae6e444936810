package io.srekit.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BucketBoundsTest {

  @Test
  void cutoffIsTheLargestNanosecondCountWhoseSecondsDoNotExceedTheBound() {
    double[] bounds = {1e-6, 0.0025, 0.005, 0.1, 0.3, 0.5, 1.0 / 3, 0.7, 1.0, 2.5, 10, 123.456};
    for (double b : bounds) {
      long cut = BucketBounds.cutoffNanos(b);
      assertThat((double) cut / 1e9).as("cutoff of %s", b).isLessThanOrEqualTo(b);
      assertThat((double) (cut + 1) / 1e9).as("cutoff+1 of %s", b).isGreaterThan(b);
    }
    assertThat(BucketBounds.cutoffNanos(0.5)).isEqualTo(500_000_000L);
  }

  @Test
  void indexAgreesWithALinearScanInDoubleSeconds() {
    BucketBounds bounds = BucketBounds.defaults().with(0.3, 1.0 / 3);
    SplittableRandom random = new SplittableRandom(42);
    for (int n = 0; n < 200_000; n++) {
      long nanos =
          switch (n % 3) {
            case 0 -> random.nextLong(0, 20_000_000_000L);
            case 1 -> bounds.cutoffNanosAt(random.nextInt(bounds.size())) + random.nextInt(-1, 2);
            default -> random.nextLong(0, Long.MAX_VALUE);
          };
      int expected = bounds.size();
      for (int i = 0; i < bounds.size(); i++) {
        if ((double) nanos / 1e9 <= bounds.upperBound(i)) {
          expected = i;
          break;
        }
      }
      assertThat(bounds.indexOf(nanos)).as("bucket of %d ns", nanos).isEqualTo(expected);
    }
  }

  @Test
  void rejectsBadBoundsNamingTheValue() {
    assertThatThrownBy(() -> BucketBounds.of(0.1, 0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("buckets")
        .hasMessageContaining("0.1 before 0.05");
    assertThatThrownBy(() -> BucketBounds.of(0.1, 0.1)).hasMessageContaining("duplicate bound 0.1");
    assertThatThrownBy(() -> BucketBounds.of(-0.5)).hasMessageContaining("was -0.5");
    assertThatThrownBy(() -> BucketBounds.of(Double.NaN)).hasMessageContaining("was NaN");
    assertThatThrownBy(() -> BucketBounds.of(Double.POSITIVE_INFINITY))
        .hasMessageContaining("+Inf is implicit");
    assertThatThrownBy(() -> BucketBounds.of()).hasMessageContaining("at least one");
    assertThatThrownBy(() -> BucketBounds.of(1.0, 1.0000000000000002))
        .hasMessageContaining("closer than one nanosecond");
  }

  @Test
  void withAddsMissingBoundsInOrder() {
    BucketBounds b = BucketBounds.of(0.1, 1.0).with(0.5, 0.1);
    assertThat(b.toArray()).containsExactly(0.1, 0.5, 1.0);
    assertThat(b.indexOf(0.5)).isEqualTo(1);
    assertThat(b.indexOf(0.7)).isEqualTo(-1);
    assertThat(b.bucketCount()).isEqualTo(4);
  }
}
