package io.github.routeserver.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package directions of DESIGN.md for routeserver-core. */
class CoreArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.routeserver.core");

  private static final String[] PLATFORM = {
    "java..", "com.google.common..", "org.jspecify..", "org.slf4j.."
  };

  private static void packageMayUseOnly(String pkg, String... allowed) {
    String[] all = new String[PLATFORM.length + allowed.length + 1];
    System.arraycopy(PLATFORM, 0, all, 0, PLATFORM.length);
    System.arraycopy(allowed, 0, all, PLATFORM.length, allowed.length);
    all[all.length - 1] = pkg;
    classes()
        .that()
        .resideInAPackage(pkg)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(all)
        .allowEmptyShould(true)
        .check(CORE);
  }

  @Test
  void netDependsOnNothingElseInCore() {
    packageMayUseOnly("..core.net..");
  }

  @Test
  void textDependsOnNothingElseInCore() {
    packageMayUseOnly("..core.text..");
  }

  @Test
  void trieKnowsOnlyPrefixes() {
    packageMayUseOnly("..core.trie..", "..core.net..");
  }

  @Test
  void routeKnowsOnlyAddressesAndPrefixes() {
    packageMayUseOnly("..core.route..", "..core.net..");
  }

  @Test
  void policyWorksOnRoutes() {
    packageMayUseOnly("..core.policy..", "..core.net..", "..core.route..", "..core.trie..");
  }

  @Test
  void ribBuildsOnTrieAndRoutesButNotOnPolicyOrEngine() {
    packageMayUseOnly("..core.rib..", "..core.net..", "..core.route..", "..core.trie..");
  }

  @Test
  void coreNeverSeesTransportsJsonOrOtherModules() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..",
            "com.fasterxml.jackson..",
            "tools.jackson..",
            "io.github.routeserver.bgp..",
            "io.github.routeserver.netty..",
            "io.github.routeserver.azure..")
        .check(CORE);
  }
}
