package io.github.routeserver.bgp.fsm;

import static io.github.routeserver.bgp.fsm.FsmFixtures.LOCAL_AS;
import static io.github.routeserver.bgp.fsm.FsmFixtures.LOCAL_ID;
import static io.github.routeserver.bgp.fsm.FsmFixtures.PEER_AS;
import static io.github.routeserver.bgp.fsm.FsmFixtures.gracefulRestart;
import static io.github.routeserver.bgp.fsm.FsmFixtures.open;

import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.core.net.IpAddress;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random event sequences against the machine under random configurations: it never reaches a state
 * without the structure that state implies, never sends a message RFC 4271 forbids on a connection
 * at that point, and answers every error with the NOTIFICATION RFC 4271 and RFC 6608 prescribe
 * (checked by {@link FsmUnderTest} at each step).
 */
class FsmPropertyTest {
  private static final List<IpAddress> PEER_IDS =
      List.of(IpAddress.parse("10.0.0.0"), IpAddress.parse("10.0.0.9"), LOCAL_ID);

  @Property
  void obeysTheRfcWhateverHappens(@ForAll("chains") ActionChain<FsmUnderTest> chain) {
    FsmUnderTest end = chain.withInvariant("structure", FsmUnderTest::checkStructure).run();
    Statistics.label("deepest state").collect(end.deepestState());
  }

  @Provide
  Arbitrary<ActionChain<FsmUnderTest>> chains() {
    return configs()
        .flatMap(
            config ->
                ActionChain.startWith(() -> new FsmUnderTest(config))
                    .withAction(1, administrative())
                    .withAction(3, new TcpConnects())
                    .withAction(1, new TcpFails())
                    .withAction(8, new MessageArrives())
                    .withAction(3, new TimePasses())
                    .withMaxTransformations(60));
  }

  private static Arbitrary<FsmConfig> configs() {
    Arbitrary<Boolean> flags = Arbitraries.of(true, false);
    return Combinators.combine(
            Arbitraries.of(FsmConfig.ConnectMode.class),
            flags, // delay open
            flags, // NOTIFICATION without OPEN
            flags, // graceful restart on our side
            flags, // collision detection in Established
            flags, // automatic start
            Arbitraries.of(0, 3, 90)) // our hold time
        .as(
            (mode, delayOpen, notifyEarly, gracefulRestart, detectEstablished, autoStart, hold) -> {
              Open local =
                  gracefulRestart
                      ? open(LOCAL_AS, hold, LOCAL_ID, gracefulRestart())
                      : open(LOCAL_AS, hold, LOCAL_ID);
              return FsmConfig.builder(local)
                  .peerAs(PEER_AS)
                  .connectMode(mode)
                  .delayOpenTime(delayOpen ? Duration.ofSeconds(5) : Duration.ZERO)
                  .sendNotificationWithoutOpen(notifyEarly)
                  .collisionDetectEstablishedState(detectEstablished)
                  .allowAutomaticStart(autoStart)
                  .jitter(true, 7)
                  .build();
            });
  }

  private static Action.Independent<FsmUnderTest> administrative() {
    Notification shutdown = Notification.administrativeShutdown("maintenance");
    Notification limit = Notification.of(BgpError.MAXIMUM_PREFIXES_REACHED);
    return () ->
        Arbitraries.of(
                new FsmEvent.ManualStart(),
                new FsmEvent.AutomaticStart(),
                new FsmEvent.ManualStop(shutdown),
                new FsmEvent.AutomaticStop(limit))
            .map(event -> Transformer.mutate(event.toString(), m -> m.feed(event)));
  }

  /** The pending outbound attempt completes, or the peer connects. */
  private static final class TcpConnects implements Action.Dependent<FsmUnderTest> {
    @Override
    public Arbitrary<Transformer<FsmUnderTest>> transformer(FsmUnderTest m) {
      Arbitrary<Transformer<FsmUnderTest>> inbound =
          Arbitraries.just(
              Transformer.mutate(
                  "peer connects", s -> s.feed(new FsmEvent.TcpConnected(s.newInbound()))));
      return m.fsm()
          .pendingOutbound()
          .map(
              id ->
                  Arbitraries.oneOf(
                      inbound,
                      Arbitraries.just(
                          Transformer.<FsmUnderTest>mutate(
                              id + " connects", s -> s.feed(new FsmEvent.TcpConnected(id))))))
          .orElse(inbound);
    }
  }

  private static final class TcpFails implements Action.Dependent<FsmUnderTest> {
    @Override
    public boolean precondition(FsmUnderTest m) {
      return !m.liveConnections().isEmpty();
    }

    @Override
    public Arbitrary<Transformer<FsmUnderTest>> transformer(FsmUnderTest m) {
      return Arbitraries.of(m.liveConnections())
          .map(id -> Transformer.mutate(id + " fails", s -> s.feed(new FsmEvent.TcpFailed(id))));
    }
  }

  private static final class MessageArrives implements Action.Dependent<FsmUnderTest> {
    @Override
    public boolean precondition(FsmUnderTest m) {
      return !m.openConnections().isEmpty();
    }

    @Override
    public Arbitrary<Transformer<FsmUnderTest>> transformer(FsmUnderTest m) {
      return Arbitraries.of(m.openConnections())
          .flatMap(
              id -> {
                // Lean towards the message that moves the connection on, so that chains get deep.
                boolean primary = m.fsm().connection().map(id::equals).orElse(false);
                FsmState state = primary ? m.fsm().state() : FsmState.OPEN_SENT;
                return messages(state)
                    .map(
                        message -> {
                          FsmEvent event = message.apply(id);
                          return Transformer.mutate(event.toString(), s -> s.feed(event));
                        });
              });
    }
  }

  private interface Message {
    FsmEvent apply(ConnectionId id);
  }

  private static Arbitrary<Message> messages(FsmState state) {
    Arbitrary<Message> opens =
        Combinators.combine(
                Arbitraries.of(PEER_AS, PEER_AS, PEER_AS, PEER_AS, LOCAL_AS + 7),
                Arbitraries.of(0, 1, 2, 3, 90, 90, 90, 90, 240),
                Arbitraries.of(PEER_IDS),
                Arbitraries.of(true, false))
            .as(
                (asn, hold, id, gr) -> {
                  Open peer = gr ? open(asn, hold, id, gracefulRestart()) : open(asn, hold, id);
                  return c -> new FsmEvent.OpenReceived(c, peer);
                });
    List<Notification> errors =
        List.of(
            new Notification(BgpError.BAD_MESSAGE_LENGTH, Octets.fromHex("0012")),
            Notification.of(BgpError.UNSUPPORTED_OPTIONAL_PARAMETER),
            Notification.of(BgpError.MALFORMED_AS_PATH),
            Notification.of(BgpError.INVALID_ROUTE_REFRESH_LENGTH));
    Arbitrary<Message> malformed =
        Arbitraries.of(errors).map(error -> c -> new FsmEvent.MessageError(c, error));
    Arbitrary<Message> notifications =
        Arbitraries.of(
                Notification.of(BgpError.CEASE),
                Notification.of(BgpError.CONNECTION_COLLISION_RESOLUTION),
                new Notification(BgpError.UNSUPPORTED_VERSION_NUMBER, Octets.fromHex("0004")))
            .map(n -> c -> new FsmEvent.NotificationReceived(c, n));
    boolean awaitsOpen = state != FsmState.OPEN_CONFIRM && state != FsmState.ESTABLISHED;
    return Arbitraries.frequencyOf(
        Tuple.of(awaitsOpen ? 12 : 1, opens),
        Tuple.of(awaitsOpen ? 1 : 8, Arbitraries.<Message>just(FsmEvent.KeepaliveReceived::new)),
        Tuple.of(2, Arbitraries.<Message>just(FsmEvent.UpdateReceived::new)),
        Tuple.of(1, Arbitraries.<Message>just(FsmEvent.RouteRefreshReceived::new)),
        Tuple.of(1, Arbitraries.<Message>just(FsmEvent.UpdateSent::new)),
        Tuple.of(1, notifications),
        Tuple.of(2, malformed));
  }

  private static final class TimePasses implements Action.Independent<FsmUnderTest> {
    @Override
    public Arbitrary<Transformer<FsmUnderTest>> transformer() {
      return Arbitraries.of(1L, 5L, 31L, 100L, 250L, 3600L)
          .map(
              seconds ->
                  Transformer.mutate(
                      seconds + " s pass", s -> s.advance(Duration.ofSeconds(seconds).toNanos())));
    }
  }
}
