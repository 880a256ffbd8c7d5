package io.github.routeserver.azure.arm;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableMap;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.UserRoute;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads route tables from and applies {@link RouteTablePlan}s to the ARM REST API ({@code
 * Microsoft.Network/routeTables}, api-version {@value RouteTableJson#API_VERSION}), over {@link
 * HttpClient}.
 *
 * <ul>
 *   <li>Authentication: every request carries {@code Authorization: Bearer} with a token from the
 *       caller's provider, asked anew for each attempt. The token never appears in an exception: an
 *       error message that quotes it (a gateway echoing the header) has it cut out, and a failed
 *       connection is reported by its exception's class alone.
 *   <li>Safety: writes carry {@code If-Match} with the ETag read (or {@code If-None-Match: *} for
 *       something new); a stale ETag fails with {@link ArmRequestException#isPreconditionFailed()}
 *       and overwrites nothing.
 *   <li>Retries: 429 and 5xx responses and I/O errors are retried up to {@code maxAttempts} times
 *       in all, waiting as {@code Retry-After} says (seconds or an HTTP date) or else 1, 2, 4, ...
 *       seconds, never more than {@code maxRetryWait} at a time.
 *   <li>Order: a plan that rewrites the table is one PUT of the whole table; otherwise deletions,
 *       then changes, then additions, one route at a time, so the table never holds more routes
 *       than before and after. A 201 or 202 is taken as accepted; a later {@link #read} shows the
 *       outcome.
 * </ul>
 *
 * <p>Thread-safe if the token provider is.
 */
public final class ArmRouteTableClient {
  private final URI endpoint;
  private final Supplier<String> tokenProvider;
  private final HttpClient http;
  private final int maxAttempts;
  private final Duration maxRetryWait;
  private final Duration requestTimeout;
  private final Pause pause;
  private final Clock clock;

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Pause {
    /** Waits {@code duration}. */
    void pause(Duration duration) throws InterruptedException;
  }

  private ArmRouteTableClient(Builder b) {
    this.endpoint = b.endpoint;
    this.tokenProvider = b.tokenProvider;
    this.http =
        b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.requestTimeout).build();
    this.maxAttempts = b.maxAttempts;
    this.maxRetryWait = b.maxRetryWait;
    this.requestTimeout = b.requestTimeout;
    this.pause = b.pause;
    this.clock = b.clock;
  }

  /** A builder; the token provider is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The table {@code id} as ARM has it now, or empty if it does not exist. */
  public Optional<DeployedRouteTable> read(ResourceId id) {
    HttpResponse<String> response = send("GET", path(id), null, null);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    expect(response, "GET", path(id), 200);
    LocatedJson node = LocatedJson.parse("GET " + path(id), new StringReader(response.body()));
    RouteTable table = ArmTopologyReader.create().routeTable(node, id);
    ImmutableMap.Builder<String, String> routeEtags = ImmutableMap.builder();
    for (LocatedJson route : node.array("properties.routes")) {
      route.text("etag").ifPresent(etag -> routeEtags.put(route.require("name").asText(), etag));
    }
    return Optional.of(
        new DeployedRouteTable(table, node.text("etag").orElse(""), routeEtags.buildKeepingLast()));
  }

  /**
   * Applies {@code plan}.
   *
   * @throws ArmRequestException if ARM refuses a write (a stale ETag included) or keeps failing
   */
  public void apply(RouteTablePlan plan) {
    if (plan.isEmpty()) {
      return;
    }
    ResourceId id = plan.desired().id();
    if (plan.writeTable()) {
      String etag = plan.actual().map(DeployedRouteTable::etag).orElse(null);
      write("PUT", path(id), RouteTableJson.tableBody(plan.desired()), etag);
      return;
    }
    DeployedRouteTable actual = plan.actual().orElseThrow();
    for (UserRoute route : plan.deletions()) {
      String path = routePath(id, route);
      HttpResponse<String> response = send("DELETE", path, null, ifMatch(actual, route));
      expect(response, "DELETE", path, 200, 202, 204);
    }
    for (UserRoute route : plan.changes()) {
      write("PUT", routePath(id, route), RouteTableJson.routeBody(route), ifMatch(actual, route));
    }
    for (UserRoute route : plan.additions()) {
      write("PUT", routePath(id, route), RouteTableJson.routeBody(route), null);
    }
  }

  private static String ifMatch(DeployedRouteTable actual, UserRoute route) {
    String etag = actual.routeEtags().get(route.name());
    checkState(etag != null, "route %s has no ETag in the table read", route.name());
    return etag;
  }

  private void write(String method, String path, String body, @Nullable String etag) {
    HttpResponse<String> response = send(method, path, body, etag == null ? "*" : etag);
    expect(response, method, path, 200, 201, 202);
  }

  private String path(ResourceId id) {
    return id.toString();
  }

  private String routePath(ResourceId table, UserRoute route) {
    return table + "/routes/" + route.name();
  }

  private HttpResponse<String> send(
      String method, String path, @Nullable String body, @Nullable String etag) {
    URI uri = endpoint.resolve(path + "?api-version=" + RouteTableJson.API_VERSION);
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(requestTimeout)
              .header("Authorization", "Bearer " + tokenProvider.get())
              .header("Accept", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (etag != null) {
        request.header(etag.equals("*") ? "If-None-Match" : "If-Match", etag);
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt >= maxAttempts) {
          throw new ArmRequestException(
              method,
              path,
              "no response after " + attempt + " attempts: " + e.getClass().getSimpleName());
        }
        waitBeforeRetry(method, path, backoff(attempt));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ArmRequestException(method, path, "interrupted");
      }
      int status = response.statusCode();
      boolean retryable = status == 429 || status >= 500;
      if (!retryable || attempt >= maxAttempts) {
        return response;
      }
      waitBeforeRetry(method, path, retryAfter(response).orElse(backoff(attempt)));
    }
  }

  private void waitBeforeRetry(String method, String path, Duration wait) {
    Duration bounded = wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
    try {
      pause.pause(bounded.isNegative() ? Duration.ZERO : bounded);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ArmRequestException(method, path, "interrupted while waiting to retry");
    }
  }

  private static Duration backoff(int attempt) {
    return Duration.ofSeconds(1L << Math.min(attempt - 1, 6));
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
  private Optional<Duration> retryAfter(HttpResponse<String> response) {
    Optional<String> value = response.headers().firstValue("Retry-After").map(String::trim);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
        return Optional.of(Duration.between(clock.instant(), at.toInstant()));
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static void expect(HttpResponse<String> response, String method, String path, int... ok) {
    for (int status : ok) {
      if (response.statusCode() == status) {
        return;
      }
    }
    String code = "";
    String message = "";
    try {
      LocatedJson body = LocatedJson.parse("response", new StringReader(response.body()));
      code = body.text("error.code").orElse("");
      message = body.text("error.message").orElse("");
    } catch (ArmReadException notJson) {
      // the status says enough
    }
    String token =
        response
            .request()
            .headers()
            .firstValue("Authorization")
            .map(header -> header.substring(header.indexOf(' ') + 1))
            .orElse("");
    String redacted = withoutToken(message, token);
    throw new ArmRequestException(
        method,
        path,
        response.statusCode(),
        withoutToken(code, token),
        redacted.length() > 300 ? redacted.substring(0, 300) : redacted);
  }

  /** {@code text} with {@code token} cut out: ARM, or a gateway before it, may quote a header. */
  private static String withoutToken(String text, String token) {
    return token.isEmpty() ? text : text.replace(token, "<access token>");
  }

  /** Builds an {@link ArmRouteTableClient}. Not thread-safe. */
  public static final class Builder {
    private URI endpoint = URI.create("https://management.azure.com/");
    private @Nullable Supplier<String> tokenProvider;
    private @Nullable HttpClient http;
    private int maxAttempts = 5;
    private Duration maxRetryWait = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Pause pause = d -> Thread.sleep(d.toMillis());
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the ARM endpoint (default {@code https://management.azure.com/}). */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** Sets where access tokens come from, for example an Azure Identity credential. */
    public Builder tokenProvider(Supplier<String> tokenProvider) {
      this.tokenProvider = tokenProvider;
      return this;
    }

    /** Sets the HTTP client (default: a new one). */
    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    /** Sets the most attempts per request, 1 to 10 (default 5). */
    public Builder maxAttempts(int maxAttempts) {
      checkArgument(
          maxAttempts >= 1 && maxAttempts <= 10,
          "maxAttempts: %s (expected: 1 to 10)",
          maxAttempts);
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Sets the longest wait between two attempts (default 60 s). */
    public Builder maxRetryWait(Duration maxRetryWait) {
      this.maxRetryWait = maxRetryWait;
      return this;
    }

    /** Sets the timeout of each request (default 30 s). */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Sets how to wait between attempts (default: sleep). */
    public Builder pause(Pause pause) {
      this.pause = pause;
      return this;
    }

    /** Sets the clock that HTTP-date {@code Retry-After} values are read against. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException if the token provider is missing
     */
    public ArmRouteTableClient build() {
      checkState(tokenProvider != null, "ArmRouteTableClient: tokenProvider is missing");
      return new ArmRouteTableClient(this);
    }
  }
}
