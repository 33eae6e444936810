package io.srekit.benchmarks;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.containAnyMethodsThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Layering of the benchmarks: no cycles (JMH's generated classes included); every benchmark class
 * states its mode, time unit, forks, warm-up and measurement, so a run's cost and unit are in the
 * code and not JMH's defaults (5 forks × 10 × 10 s per method).
 */
@AnalyzeClasses(packages = "io.srekit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.srekit.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule benchmarkClassesStateTheirParameters =
      classes()
          .that(containAnyMethodsThat(CanBeAnnotated.Predicates.annotatedWith(Benchmark.class)))
          .should()
          .beAnnotatedWith(BenchmarkMode.class)
          .andShould()
          .beAnnotatedWith(OutputTimeUnit.class)
          .andShould()
          .beAnnotatedWith(Fork.class)
          .andShould()
          .beAnnotatedWith(Warmup.class)
          .andShould()
          .beAnnotatedWith(Measurement.class);
}
