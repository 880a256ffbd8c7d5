package io.github.routeserver.netty.interop;

/** Two GoBGPs as clients of our transparent route server, with BIRD and FRR as the others. */
class GobgpInteropTest extends TransparentRouteServerContract {
  GobgpInteropTest() {
    super(DaemonKind.GOBGP);
  }
}
