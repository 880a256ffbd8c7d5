package io.github.routeserver.netty.interop;

/** BIRD 2 as a client of our transparent route server, with GoBGP, FRR or BIRD as the others. */
class BirdInteropTest extends TransparentRouteServerContract {
  BirdInteropTest() {
    super(DaemonKind.BIRD);
  }
}
