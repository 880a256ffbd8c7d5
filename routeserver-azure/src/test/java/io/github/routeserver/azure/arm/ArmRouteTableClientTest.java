package io.github.routeserver.azure.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.model.NextHopType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.azure.routing.AzureRoutingOptions;
import io.github.routeserver.azure.routing.RouteLimitStrategy;
import io.github.routeserver.azure.routing.RouteTableGenerator;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ArmRouteTableClientTest {
  private static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJzZWNyZXQiOiJ0b2tlbiJ9";
  private static final ResourceId TABLE =
      ResourceId.of(
          "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt-spokes");

  private ArmRouteTablesTestDouble arm;
  private final List<Duration> pauses = new ArrayList<>();
  private ArmRouteTableClient client;

  @BeforeEach
  void start() throws IOException {
    arm = new ArmRouteTablesTestDouble(TOKEN);
    client =
        ArmRouteTableClient.builder()
            .endpoint(arm.endpoint())
            .tokenProvider(() -> TOKEN)
            .maxAttempts(3)
            .pause(pauses::add)
            .requestTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  private static RouteTable table(UserRoute... routes) {
    return new RouteTable(TABLE, "westeurope", ImmutableList.copyOf(routes), false);
  }

  private static UserRoute route(String prefix, String nextHop) {
    Prefix p = Prefix.parse(prefix);
    return UserRoute.toAppliance(RouteTableGenerator.routeName(p), p, IpAddress.parse(nextHop));
  }

  private void converge(RouteTable desired) {
    client.apply(RouteTablePlan.plan(desired, client.read(TABLE)));
  }

  @Test
  void createsAMissingTableWithEveryRouteInOnePut() {
    RouteTable desired =
        table(route("192.168.1.0/24", "10.0.2.4"), route("192.168.2.0/24", "10.0.2.5"));
    RouteTablePlan plan = RouteTablePlan.plan(desired, client.read(TABLE));
    assertTrue(plan.writeTable());
    client.apply(plan);
    assertEquals(List.of("GET " + TABLE, "PUT " + TABLE), arm.requests());
    assertEquals(desired, client.read(TABLE).orElseThrow().table());
  }

  @Test
  void appliesDeletionsChangesAndAdditionsRouteByRouteWithTheirEtags() {
    converge(table(route("192.168.1.0/24", "10.0.2.4"), route("192.168.2.0/24", "10.0.2.4")));
    RouteTable desired =
        table(route("192.168.1.0/24", "10.0.2.5"), route("192.168.3.0/24", "10.0.2.4"));
    DeployedRouteTable actual = client.read(TABLE).orElseThrow();
    RouteTablePlan plan = RouteTablePlan.plan(desired, Optional.of(actual));
    assertEquals(List.of(route("192.168.3.0/24", "10.0.2.4")), plan.additions());
    assertEquals(List.of(route("192.168.1.0/24", "10.0.2.5")), plan.changes());
    assertEquals(List.of(route("192.168.2.0/24", "10.0.2.4")), plan.deletions());
    client.apply(plan);
    List<String> writes = arm.requests().subList(3, 6);
    assertEquals(desired, client.read(TABLE).orElseThrow().table());
    assertEquals(
        List.of(
            "DELETE "
                + TABLE
                + "/routes/rs-192.168.2.0-24 If-Match "
                + actual.routeEtags().get("rs-192.168.2.0-24"),
            "PUT "
                + TABLE
                + "/routes/rs-192.168.1.0-24 If-Match "
                + actual.routeEtags().get("rs-192.168.1.0-24"),
            "PUT " + TABLE + "/routes/rs-192.168.3.0-24"),
        writes);
    assertTrue(RouteTablePlan.plan(desired, client.read(TABLE)).isEmpty());
  }

  @Test
  void aStaleEtagFailsAsPreconditionFailedAndOverwritesNothing() {
    converge(table(route("192.168.1.0/24", "10.0.2.4")));
    Optional<DeployedRouteTable> read = client.read(TABLE);
    arm.changeRouteBehindTheClientsBack(TABLE.toString(), "rs-192.168.1.0-24", "10.0.9.9");
    ArmRequestException e =
        assertThrows(
            ArmRequestException.class,
            () ->
                client.apply(
                    RouteTablePlan.plan(table(route("192.168.1.0/24", "10.0.2.5")), read)));
    assertTrue(e.isPreconditionFailed());
    assertEquals(
        Optional.of(IpAddress.parse("10.0.9.9")),
        client.read(TABLE).orElseThrow().table().routes().get(0).nextHopIpAddress());
  }

  @Test
  void retriesA429AfterTheRetryAfterItWasGiven() {
    arm.failNext(429, 7);
    assertEquals(Optional.empty(), client.read(TABLE));
    assertEquals(List.of(Duration.ofSeconds(7)), pauses);
  }

  @Test
  void retries5xxWithBackoffAndGivesUpAfterMaxAttempts() {
    arm.failNext(503, -1);
    arm.failNext(500, -1);
    arm.failNext(503, -1);
    ArmRequestException e = assertThrows(ArmRequestException.class, () -> client.read(TABLE));
    assertEquals(503, e.status());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), pauses);
  }

  @Test
  void theTokenNeverAppearsInAnException() {
    ArmRouteTableClient wrongToken =
        ArmRouteTableClient.builder()
            .endpoint(arm.endpoint())
            .tokenProvider(() -> "not-" + TOKEN)
            .pause(pauses::add)
            .build();
    ArmRequestException e = assertThrows(ArmRequestException.class, () -> wrongToken.read(TABLE));
    assertEquals(401, e.status());
    assertEquals(Optional.of("AuthenticationFailed"), e.code());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertFalse(e.toString().contains(TOKEN));
  }

  @Test
  void theTokenIsCutOutOfAnErrorMessageThatQuotesIt() {
    arm.echoAuthorizationInNextError();
    ArmRequestException e = assertThrows(ArmRequestException.class, () -> client.read(TABLE));
    assertEquals(400, e.status());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertTrue(e.getMessage().contains("Authorization: Bearer <access token>"), e.getMessage());
  }

  @Test
  void theTokenNeverAppearsWhenTheConnectionFails() {
    ArmRouteTableClient unreachable =
        ArmRouteTableClient.builder()
            .endpoint(arm.endpoint())
            .tokenProvider(() -> TOKEN)
            .httpClient(new FailingHttpClient())
            .maxAttempts(2)
            .pause(pauses::add)
            .build();
    ArmRequestException e = assertThrows(ArmRequestException.class, () -> unreachable.read(TABLE));
    assertEquals(0, e.status());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      assertFalse(String.valueOf(cause.getMessage()).contains(TOKEN), cause.toString());
    }
  }

  /**
   * An HTTP client whose every request fails with an IOException that quotes the request's
   * Authorization header, as a careless proxy library might.
   */
  private static final class FailingHttpClient extends HttpClient {
    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException {
      throw new IOException(
          "proxy refused " + request.headers().firstValue("Authorization").orElse(""));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> push) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
      return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
      throw new UnsupportedOperationException();
    }

    @Override
    public SSLParameters sslParameters() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return Optional.empty();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
      return Optional.empty();
    }
  }

  @Test
  void aGeneratedTableConvergesAndThenPlansNothing() {
    RouteTableGenerator generator =
        new RouteTableGenerator(
            List.of(Prefix.parse("10.0.0.0/16")),
            RouteLimitStrategy.FAIL,
            AzureRoutingOptions.DEFAULT);
    RouteTable desired =
        generator.generate(
            TABLE,
            "westeurope",
            new RibBuilder()
                .announce("10.0.2.5", 65001, "192.168.1.0/24", 65001)
                .announce("10.0.2.4", 65001, "192.168.1.0/24", 65001)
                .announce("10.0.2.4", 65001, "10.0.9.0/24", 65001)
                .build(),
            false);
    assertEquals(List.of(route("192.168.1.0/24", "10.0.2.4")), desired.routes());
    converge(desired);
    assertTrue(RouteTablePlan.plan(desired, client.read(TABLE)).isEmpty());
    assertEquals(
        NextHopType.VIRTUAL_APPLIANCE,
        client.read(TABLE).orElseThrow().table().routes().get(0).nextHopType());
  }
}
