package io.github.routeserver.bgp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The package directions of DESIGN.md for routeserver-bgp. */
class BgpArchitectureTest {
  private static final JavaClasses BGP =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.routeserver.bgp");

  @Test
  void bgpIsSansIo() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.netty..",
            "com.fasterxml.jackson..",
            "tools.jackson..",
            "java.net..",
            "java.nio.channels..",
            "io.github.routeserver.netty..",
            "io.github.routeserver.azure..")
        .allowEmptyShould(true)
        .check(BGP);
  }

  @Test
  void wireMessagesKnowNothingOfCodecFsmOrSessions() {
    noClasses()
        .that()
        .resideInAPackage("..bgp.wire..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..bgp.codec..", "..bgp.fsm..", "..bgp.session..")
        .allowEmptyShould(true)
        .check(BGP);
  }

  @Test
  void codecAndFsmDoNotReachUpToSessions() {
    noClasses()
        .that()
        .resideInAnyPackage("..bgp.codec..", "..bgp.fsm..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..bgp.session..")
        .allowEmptyShould(true)
        .check(BGP);
  }

  @Test
  void codecAndFsmAreIndependentOfEachOther() {
    noClasses()
        .that()
        .resideInAPackage("..bgp.codec..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..bgp.fsm..")
        .allowEmptyShould(true)
        .check(BGP);
  }

  @Test
  void fsmAndSessionsTakeTimeAsTheHostsNowAndReadNoClock() {
    noClasses()
        .that()
        .resideInAnyPackage("..bgp.fsm..", "..bgp.session..")
        .should()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(Instant.class, "now")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Clock.class)
        .allowEmptyShould(true)
        .check(BGP);
  }

  @Test
  void fsmAndSessionsStartNoThreadOfTheirOwn() {
    noClasses()
        .that()
        .resideInAnyPackage("..bgp.fsm..", "..bgp.session..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(Thread.class)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Executor.class)
        .allowEmptyShould(true)
        .check(BGP);
  }

  @Test
  void bgpDoesNotUseTheEngineInternals() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.routeserver.core..internal..")
        .allowEmptyShould(true)
        .check(BGP);
  }
}
