package io.srekit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Layering of sre-core: no cycles, no framework imports, a hot path free of exposition, health free
 * of HTTP (http adapts health, never the reverse).
 */
@AnalyzeClasses(packages = "io.srekit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.srekit.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule coreNeverImportsServletOrSpring =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta.servlet..", "javax.servlet..", "org.springframework..");

  @ArchTest
  static final ArchRule hotPathNeverImportsExposition =
      noClasses()
          .that()
          .resideInAPackage("io.srekit.sli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.srekit.metrics..", "io.prometheus..", "io.micrometer.prometheusmetrics..");

  @ArchTest
  static final ArchRule healthNeverImportsHttp =
      noClasses()
          .that()
          .resideInAPackage("io.srekit.health..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.srekit.http..", "com.sun.net.httpserver..");

  @ArchTest
  static final ArchRule onlyTheManagementServerUsesTheJdkServer =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("io.srekit.http.ManagementServer")
          .and()
          .doNotHaveFullyQualifiedName("io.srekit.http.ManagementServer$ExchangeRequest")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.sun.net.httpserver..");

  @ArchTest
  static final ArchRule nothingDependsOnRules =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.srekit.rules..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.srekit.rules..");

  @ArchTest
  static final ArchRule rulesDependOnlyOnSloAndSli =
      noClasses()
          .that()
          .resideInAPackage("io.srekit.rules..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.srekit.metrics..", "io.srekit.health..", "io.srekit.http..");
}
