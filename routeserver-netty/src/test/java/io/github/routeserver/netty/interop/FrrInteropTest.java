package io.github.routeserver.netty.interop;

/** Two FRR bgpds as clients of our transparent route server, with BIRD and GoBGP as the others. */
class FrrInteropTest extends TransparentRouteServerContract {
  FrrInteropTest() {
    super(DaemonKind.FRR);
  }
}
