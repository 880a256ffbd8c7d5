package io.github.routeserver.bgp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * routeserver-bgp is sans-IO (DESIGN.md): no sockets or channels anywhere, and the state machine
 * and sessions take time as a parameter and start no thread (STYLE.md rule 10).
 */
@AnalyzeClasses(
    packages = "io.github.routeserver.bgp",
    importOptions = ImportOption.DoNotIncludeTests.class)
class SansIoArchitectureTest {
  @ArchTest
  static final ArchRule noNetworkIo =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.net..", "java.nio.channels..")
          .because("I/O belongs to the host's transport, behind session.Transport");

  @ArchTest
  static final ArchRule noClockReads =
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
          .because("time is the `now` the host passes in");

  @ArchTest
  static final ArchRule noThreads =
      noClasses()
          .that()
          .resideInAnyPackage("..bgp.fsm..", "..bgp.session..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Thread.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(Executor.class)
          .because("the host drives the work");
}
