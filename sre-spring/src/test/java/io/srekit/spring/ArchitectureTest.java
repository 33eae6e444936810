package io.srekit.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Layering of sre-spring: no cycles; the adapter uses core and the servlet adapter's public API,
 * never a container's internals or the JDK server; nothing outside it sees Spring.
 */
@AnalyzeClasses(packages = "io.srekit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.srekit.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule springAdaptsOnlySpringAndCore =
      noClasses()
          .that()
          .resideInAPackage("io.srekit.spring..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.eclipse.jetty..",
              "org.apache.catalina..",
              "org.apache.tomcat..",
              "com.sun.net.httpserver..");

  @ArchTest
  static final ArchRule onlyTheSpringAdapterSeesSpring =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.srekit.spring..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "io.srekit.spring..");
}
