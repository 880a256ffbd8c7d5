package io.github.routeserver.azure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package directions of DESIGN.md for routeserver-azure. */
class AzureArchitectureTest {
  private static final JavaClasses AZURE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.routeserver.azure");

  @Test
  void azureMapsRibResultsNotWireMessages() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.github.routeserver.bgp..", "io.github.routeserver.netty..", "io.netty..")
        .allowEmptyShould(true)
        .check(AZURE);
  }

  @Test
  void modelKnowsNothingOfRoutingOrArm() {
    noClasses()
        .that()
        .resideInAPackage("..azure.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..azure.routing..", "..azure.arm..")
        .allowEmptyShould(true)
        .check(AZURE);
  }

  @Test
  void routingDoesNotReadOrWriteArmJson() {
    noClasses()
        .that()
        .resideInAPackage("..azure.routing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..azure.arm..", "com.fasterxml.jackson..")
        .allowEmptyShould(true)
        .check(AZURE);
  }
}
