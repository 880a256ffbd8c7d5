package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.MessageEncoder;
import io.github.routeserver.bgp.codec.UpdatePacker;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.LongLivedGracefulRestartCapability;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.RouteRefreshSubtype;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound half of an established session: pulls changes from {@link OutboundRoutes} while the
 * transport is writable, packs them into UPDATEs (withdrawals first), and follows each table with
 * its End-of-RIB (RFC 4724 section 2) or, for an enhanced route refresh, BoRR and EoRR (RFC 7313
 * section 4). Holds at most one pull's worth of routes. Not thread-safe.
 */
final class UpdateSender implements OutboundSink {
  private static final Logger log = LoggerFactory.getLogger(UpdateSender.class);

  /** Routes asked for per pull: what the session holds at most beyond what the transport took. */
  static final int PULL_LIMIT = 1024;

  private static final int MIN_CHUNK = 1 << 16;

  private final String name;
  private final NegotiatedSession session;
  private final RouteReceiver receiver;
  private final Transport transport;
  private final OutboundRoutes outbound;
  private final CodecContext context;
  private final UpdatePacker packer;
  private final Set<AfiSafi> longLivedStaleAccepted = new LinkedHashSet<>();
  private final Set<AfiSafi> initialTables = new LinkedHashSet<>();
  private final Set<AfiSafi> enhancedRefreshes = new LinkedHashSet<>();
  private final List<BgpMessage> markers = new ArrayList<>();
  private boolean changesPending;

  UpdateSender(
      String name,
      NegotiatedSession session,
      RouteReceiver receiver,
      Transport transport,
      OutboundRoutes outbound) {
    this.name = name;
    this.session = session;
    this.receiver = receiver;
    this.transport = transport;
    this.outbound = outbound;
    this.context = session.codec();
    this.packer = new UpdatePacker(context);
    for (LongLivedGracefulRestartCapability capability :
        session.received().capabilities(LongLivedGracefulRestartCapability.class)) {
      capability.families().forEach(f -> longLivedStaleAccepted.add(f.afiSafi()));
    }
  }

  /** Asks for every family's initial table, to be followed by End-of-RIB. */
  void sendInitialTables() {
    for (AfiSafi family : session.families()) {
      initialTables.add(family);
      outbound.sendAll(family);
    }
    changesPending = true;
  }

  /**
   * Answers a ROUTE-REFRESH for {@code family}: the whole table again, between BoRR and EoRR when
   * enhanced route refresh was negotiated. The BoRR waits, like everything else, until the
   * transport is writable, and a request while a refresh is under way restarts the table without a
   * second BoRR, so that a peer asking again and again without reading queues nothing.
   */
  void refresh(AfiSafi family) {
    if (session.enhancedRouteRefresh()
        && !initialTables.contains(family)
        && enhancedRefreshes.add(family)) {
      markers.add(new RouteRefresh(family, RouteRefreshSubtype.BORR));
    }
    outbound.sendAll(family);
    changesPending = true;
  }

  /** The engine has new changes for this peer. */
  void changesAvailable() {
    changesPending = true;
  }

  /**
   * Writes UPDATEs while the transport is writable and changes are pending.
   *
   * @return the number of messages written
   */
  int pump() {
    int written = 0;
    while (transport.isWritable()) {
      if (!packer.hasPending() && markers.isEmpty()) {
        if (!changesPending) {
          break;
        }
        changesPending = outbound.pull(PULL_LIMIT, this);
        if (!packer.hasPending() && markers.isEmpty()) {
          if (changesPending) {
            continue; // all of it was for families this session does not carry: pull on
          }
          break; // nothing came: wait for changesAvailable
        }
      }
      if (packer.hasPending()) {
        ByteBuffer chunk = ByteBuffer.allocate(Math.max(MIN_CHUNK, context.maxSendLength() + 1));
        written += packer.writeTo(chunk);
        transport.send(chunk.flip());
      } else {
        transport.send(MessageEncoder.encode(markers.remove(0), context));
        written++;
      }
    }
    return written;
  }

  @Override
  public void announce(Prefix prefix, int pathId, PathAttributes attributes) {
    AfiSafi family = AfiSafi.unicast(prefix.family());
    if (!receiver.accepts(family)) {
      return;
    }
    if (attributes.hasCommunity(Community.LLGR_STALE) && !longLivedStaleAccepted.contains(family)) {
      // RFC 9494 section 4: a long-lived stale route goes only to peers that advertised LLGR.
      withdraw(prefix, pathId);
      return;
    }
    try {
      packer.announce(prefix, pathId, attributes);
    } catch (IllegalArgumentException e) {
      // The peer must not keep what it was sent before for this prefix.
      log.error(
          "BGP peer {}: cannot send {} {}, withdrawing it: {}",
          name,
          prefix,
          attributes,
          e.getMessage());
      withdraw(prefix, pathId);
    }
  }

  @Override
  public void withdraw(Prefix prefix, int pathId) {
    if (!receiver.accepts(AfiSafi.unicast(prefix.family()))) {
      return;
    }
    try {
      packer.withdraw(prefix, pathId);
    } catch (IllegalArgumentException e) {
      log.error("BGP peer {}: cannot withdraw {}: {}", name, prefix, e.getMessage());
    }
  }

  @Override
  public void tableSent(AfiSafi family) {
    if (initialTables.remove(family)) {
      markers.add(Update.endOfRib(family));
    } else if (enhancedRefreshes.remove(family)) {
      markers.add(new RouteRefresh(family, RouteRefreshSubtype.EORR));
    }
  }
}
