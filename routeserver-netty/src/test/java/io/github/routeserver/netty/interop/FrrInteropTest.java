package io.github.routeserver.netty.interop;

/** FRR bgpd as a client of our transparent route server, with GoBGP, FRR or BIRD as the others. */
class FrrInteropTest extends TransparentRouteServerContract {
  FrrInteropTest() {
    super(DaemonKind.FRR);
  }
}
