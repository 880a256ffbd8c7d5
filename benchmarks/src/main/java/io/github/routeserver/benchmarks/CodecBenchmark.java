package io.github.routeserver.benchmarks;

import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.codec.MessageDecoder;
import io.github.routeserver.bgp.codec.UpdatePacker;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The BGP codec on the synthetic full IPv4 table (1,050,000 prefixes, 350,000 attribute sets, see
 * {@link SyntheticTable}), one thread, scores in prefixes per second:
 *
 * <ul>
 *   <li>{@code decodeFullTable}: a stream of UPDATEs carrying the table, as a 4-octet-AS peer
 *       without ADD-PATH sends it (each attribute set once, its prefixes as the NLRI), decoded into
 *       {@link Route}s with interned attributes.
 *   <li>{@code encodeFullTable}: the table's routes, in the table's shuffled order, packed into
 *       UPDATEs by one long-lived {@link UpdatePacker} (as a session keeps one) and written, a 64
 *       KiB socket buffer at a time. The packer groups the routes by attribute set, one hash lookup
 *       per route.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CodecBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g", "-XX:+UseG1GC"})
public class CodecBenchmark {
  private static final int PREFIXES = SyntheticTable.IPV4_PREFIXES;
  private static final CodecContext CONTEXT = CodecContext.builder().fourOctetAs(true).build();
  private static final RouteSource SOURCE = RouteSource.external("192.0.2.1", 65001);

  private SyntheticTable table;
  private ByteBuffer stream;
  private final ByteBuffer socketBuffer = ByteBuffer.allocate(64 * 1024);
  private final UpdatePacker packer = new UpdatePacker(CONTEXT);

  /** Generates the table and the UPDATE stream that carries it. */
  @Setup(Level.Trial)
  public void setUp() {
    table =
        SyntheticTable.generate(
            PREFIXES, SyntheticTable.IPV4_ATTRIBUTE_SETS, 0, 1, SyntheticTable.DEFAULT_SEED);
    ByteBuffer out = ByteBuffer.allocate(256 * 1024 * 1024);
    announce();
    while (packer.hasPending()) {
      packer.writeTo(out);
    }
    stream = out.flip().asReadOnlyBuffer();
    int decoded = decode(route -> {});
    if (decoded != PREFIXES) {
      throw new IllegalStateException("decoded " + decoded + " prefixes of " + PREFIXES);
    }
  }

  private void announce() {
    Prefix[] prefixes = table.ipv4Prefixes();
    PathAttributes[] sets = table.ipv4Attributes();
    for (int i = 0; i < prefixes.length; i++) {
      packer.announce(prefixes[i], 0, sets[i % sets.length]);
    }
  }

  /** Decodes the stream of UPDATEs into routes. */
  @Benchmark
  @OperationsPerInvocation(PREFIXES)
  public int decodeFullTable(Blackhole routes) {
    return decode(routes::consume);
  }

  int decode(Consumer<Route> routes) {
    ByteBuffer in = stream.duplicate();
    MessageDecoder decoder = new MessageDecoder();
    int count = 0;
    while (in.hasRemaining()) {
      DecodeResult result = decoder.decode(in, CONTEXT);
      Update update = (Update) result.message().orElseThrow();
      PathAttributes attributes = update.attributes().orElseThrow();
      NlriList nlri = update.nlri();
      for (int i = 0; i < nlri.size(); i++) {
        routes.accept(new Route(nlri.prefix(i), SOURCE, nlri.pathId(i), attributes));
      }
      count += nlri.size();
    }
    return count;
  }

  /** Packs the table, in its shuffled order, into UPDATEs and writes them. */
  @Benchmark
  @OperationsPerInvocation(PREFIXES)
  public long encodeFullTable() {
    announce();
    return write();
  }

  private long write() {
    long octets = 0;
    while (packer.hasPending()) {
      socketBuffer.clear();
      packer.writeTo(socketBuffer);
      octets += socketBuffer.position();
    }
    return octets;
  }
}
