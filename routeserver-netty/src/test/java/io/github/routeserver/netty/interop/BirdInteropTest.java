package io.github.routeserver.netty.interop;

/** Two BIRD 2s as clients of our transparent route server, with GoBGP and FRR as the others. */
class BirdInteropTest extends TransparentRouteServerContract {
  BirdInteropTest() {
    super(DaemonKind.BIRD);
  }
}
