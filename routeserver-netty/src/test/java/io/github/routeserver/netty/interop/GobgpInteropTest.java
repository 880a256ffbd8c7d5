package io.github.routeserver.netty.interop;

/** GoBGP as a client of our transparent route server, with GoBGP, FRR or BIRD as the others. */
class GobgpInteropTest extends TransparentRouteServerContract {
  GobgpInteropTest() {
    super(DaemonKind.GOBGP);
  }
}
