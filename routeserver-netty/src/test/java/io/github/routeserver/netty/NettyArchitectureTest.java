package io.github.routeserver.netty;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package directions of DESIGN.md for routeserver-netty. */
class NettyArchitectureTest {
  private static final JavaClasses NETTY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.routeserver.netty");

  @Test
  void transportCarriesSessionsButDoesNotReachIntoAzureOrJson() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.routeserver.azure..", "com.fasterxml.jackson..", "tools.jackson..")
        .allowEmptyShould(true)
        .check(NETTY);
  }
}
