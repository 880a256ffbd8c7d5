package io.github.routeserver.azure.routing;

/**
 * Whether an effective route is used ({@code EffectiveRoute.state}, SPEC-NIC). Routes overridden by
 * a route of higher priority for the same prefix stay listed as {@code Invalid} (UDR routing
 * example).
 */
public enum EffectiveRouteState {
  /** The route is in use. */
  ACTIVE("Active"),
  /** The route is overridden. */
  INVALID("Invalid");

  private final String armName;

  EffectiveRouteState(String armName) {
    this.armName = armName;
  }

  /** The REST name. */
  public String armName() {
    return armName;
  }

  @Override
  public String toString() {
    return armName;
  }
}
