package io.github.routeserver.azure.routing;

/** The routes for a table exceed the limit even after the {@link RouteLimitStrategy} applied. */
public final class RouteLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RouteLimitExceededException(String table, int routes, int limit) {
    super(table + ": " + routes + " routes (expected: at most " + limit + ", VNLIM)");
  }
}
