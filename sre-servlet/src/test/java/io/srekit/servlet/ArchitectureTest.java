package io.srekit.servlet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Layering of sre-servlet: no cycles; the adapter only adapts (it uses core's public API, never a
 * container's internals, Spring, or the JDK server), and core never sees the servlet API.
 */
@AnalyzeClasses(packages = "io.srekit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.srekit.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule servletAdaptsOnlyTheServletApiAndCore =
      noClasses()
          .that()
          .resideInAPackage("io.srekit.servlet..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.eclipse.jetty..",
              "org.apache.catalina..",
              "org.apache.tomcat..",
              "org.springframework..",
              "com.sun.net.httpserver..",
              "io.prometheus..",
              "io.srekit.slo..");

  @ArchTest
  static final ArchRule coreNeverSeesTheServletApi =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.srekit.servlet..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta.servlet..", "io.srekit.servlet..");
}
