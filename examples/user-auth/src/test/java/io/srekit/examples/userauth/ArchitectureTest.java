package io.srekit.examples.userauth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/**
 * Layering of the example: no cycles; it is a Spring Boot service on sre-spring, so it never wires
 * sre-servlet or the JDK server by hand and never reaches srekit's test fixtures; its controllers
 * are instrumented by {@code @Sli} alone (no hand-written recording, no demo driver); what it hands
 * to operations ({@code ops}) renders from SLO definitions without the running service.
 */
@AnalyzeClasses(packages = "io.srekit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.srekit.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theExampleUsesSrekitThroughSpringAndCoreOnly =
      noClasses()
          .that()
          .resideInAPackage("io.srekit.examples..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.srekit.servlet..", "io.srekit.testing..", "com.sun.net.httpserver..");

  @ArchTest
  static final ArchRule controllersRecordNothingByHandAndNeverDriveTheDemo =
      noClasses()
          .that()
          .areAnnotatedWith(RestController.class)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.srekit.sli..", "io.srekit.slo..", "io.srekit.metrics..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(Demo.class.getName());

  @ArchTest
  static final ArchRule opsRendersWithoutTheRunningService =
      noClasses()
          .that()
          .resideInAPackage("io.srekit.examples.userauth.ops..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.srekit.examples.userauth",
              "io.srekit.spring..",
              "io.srekit.servlet..",
              "org.springframework..",
              "jakarta.servlet..");
}
