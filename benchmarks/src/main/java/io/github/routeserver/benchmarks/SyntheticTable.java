package io.github.routeserver.benchmarks;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Origin;
import io.github.routeserver.core.route.PathAttributes;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic full table for benchmarks: by default 1,050,000 distinct IPv4 prefixes
 * (about 60% /24, the rest spread over /8 to /23 with a realistic shape), 350,000 distinct IPv4
 * attribute sets (AS paths of 1 to 10 hops, 0 to 6 communities, some MEDs), and 230,000 IPv6
 * prefixes (mostly /48, /32 and /40-/47 in 2000::/3) with 80,000 attribute sets of their own.
 *
 * <p>Prefixes come in a shuffled order, as an unsorted feed would; prefix {@code i} uses attribute
 * set {@code i % sets}, so each set is shared by about three prefixes. The same seed always gives
 * the same table. The arrays are returned without copying; do not modify them.
 */
public final class SyntheticTable {
  /** IPv4 prefixes in the default table. */
  public static final int IPV4_PREFIXES = 1_050_000;

  /** Distinct IPv4 attribute sets in the default table. */
  public static final int IPV4_ATTRIBUTE_SETS = 350_000;

  /** IPv6 prefixes in the default table. */
  public static final int IPV6_PREFIXES = 230_000;

  /** Distinct IPv6 attribute sets in the default table. */
  public static final int IPV6_ATTRIBUTE_SETS = 80_000;

  /** The seed of the default table. */
  public static final long DEFAULT_SEED = 20261126L;

  // Cumulative weights (per 1000) of IPv4 lengths /8../24, shaped after today's table.
  private static final int[] IPV4_LENGTHS = {
    8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24
  };
  private static final int[] IPV4_WEIGHTS = {
    1, 1, 1, 2, 3, 5, 8, 10, 25, 15, 25, 40, 45, 50, 90, 79, 600
  };
  private static final int[] IPV6_LENGTHS = {29, 32, 36, 40, 44, 46, 47, 48};
  private static final int[] IPV6_WEIGHTS = {20, 120, 40, 80, 110, 60, 70, 500};

  private final Prefix[] ipv4Prefixes;
  private final PathAttributes[] ipv4Attributes;
  private final Prefix[] ipv6Prefixes;
  private final PathAttributes[] ipv6Attributes;

  private SyntheticTable(
      Prefix[] ipv4Prefixes,
      PathAttributes[] ipv4Attributes,
      Prefix[] ipv6Prefixes,
      PathAttributes[] ipv6Attributes) {
    this.ipv4Prefixes = ipv4Prefixes;
    this.ipv4Attributes = ipv4Attributes;
    this.ipv6Prefixes = ipv6Prefixes;
    this.ipv6Attributes = ipv6Attributes;
  }

  /** The default full table (seed {@link #DEFAULT_SEED}). */
  public static SyntheticTable fullTable() {
    return generate(
        IPV4_PREFIXES, IPV4_ATTRIBUTE_SETS, IPV6_PREFIXES, IPV6_ATTRIBUTE_SETS, DEFAULT_SEED);
  }

  /** A table of the given sizes; the same arguments always give the same table. */
  public static SyntheticTable generate(
      int ipv4Count, int ipv4Sets, int ipv6Count, int ipv6Sets, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    IpAddress nextHop4 = IpAddress.parse("192.0.2.1");
    IpAddress nextHop6 = IpAddress.parse("2001:db8::1");
    Prefix[] prefixes4 = prefixes(random, ipv4Count, false);
    PathAttributes[] sets4 = attributeSets(random, ipv4Sets, nextHop4);
    Prefix[] prefixes6 = prefixes(random, ipv6Count, true);
    PathAttributes[] sets6 = attributeSets(random, ipv6Sets, nextHop6);
    return new SyntheticTable(
        prefixes4, spread(sets4, ipv4Count), prefixes6, spread(sets6, ipv6Count));
  }

  /** The IPv4 prefixes, in feed order. */
  public Prefix[] ipv4Prefixes() {
    return ipv4Prefixes;
  }

  /** The attribute set of each IPv4 prefix (same index). */
  public PathAttributes[] ipv4Attributes() {
    return ipv4Attributes;
  }

  /** The IPv6 prefixes, in feed order. */
  public Prefix[] ipv6Prefixes() {
    return ipv6Prefixes;
  }

  /** The attribute set of each IPv6 prefix (same index). */
  public PathAttributes[] ipv6Attributes() {
    return ipv6Attributes;
  }

  private static PathAttributes[] spread(PathAttributes[] sets, int count) {
    PathAttributes[] perPrefix = new PathAttributes[count];
    for (int i = 0; i < count; i++) {
      perPrefix[i] = sets[i % sets.length];
    }
    return perPrefix;
  }

  private static Prefix[] prefixes(SplittableRandom random, int count, boolean ipv6) {
    // Keys are (high 56 bits of the address, length); sort and de-duplicate, top up until enough.
    long[] keys = new long[0];
    int distinct = 0;
    while (distinct < count) {
      int more = (count - distinct) + (count - distinct) / 20 + 16;
      long[] grown = Arrays.copyOf(keys, distinct + more);
      for (int i = distinct; i < grown.length; i++) {
        grown[i] = ipv6 ? randomIpv6Key(random) : randomIpv4Key(random);
      }
      Arrays.sort(grown);
      distinct = unique(grown);
      keys = grown;
    }
    long[] chosen = Arrays.copyOf(keys, distinct);
    shuffle(chosen, random);
    Prefix[] prefixes = new Prefix[count];
    for (int i = 0; i < count; i++) {
      long key = chosen[i];
      int length = (int) (key & 0xff);
      long hi = key & ~0xffL;
      prefixes[i] = ipv6 ? Prefix.ofIpv6(hi, 0, length) : Prefix.ofIpv4((int) (hi >>> 32), length);
    }
    return prefixes;
  }

  private static long randomIpv4Key(SplittableRandom random) {
    int length = pick(random, IPV4_LENGTHS, IPV4_WEIGHTS);
    int first = 1 + random.nextInt(223); // 1.0.0.0 to 223.255.255.255
    int address = first << 24 | random.nextInt(1 << 24);
    long masked = (((long) address) << 32) & (-1L << (64 - length));
    return masked | length;
  }

  private static long randomIpv6Key(SplittableRandom random) {
    int length = pick(random, IPV6_LENGTHS, IPV6_WEIGHTS);
    long hi = 0x2000_0000_0000_0000L | (random.nextLong() >>> 3);
    return (hi & (-1L << (64 - length))) | length;
  }

  private static int pick(SplittableRandom random, int[] values, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  private static int unique(long[] sorted) {
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (n == 0 || sorted[n - 1] != sorted[i]) {
        sorted[n++] = sorted[i];
      }
    }
    return n;
  }

  private static void shuffle(long[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  private static PathAttributes[] attributeSets(
      SplittableRandom random, int count, IpAddress nextHop) {
    PathAttributes[] sets = new PathAttributes[count];
    IdentityHashMap<PathAttributes, Boolean> seen = new IdentityHashMap<>(count * 2);
    int n = 0;
    while (n < count) {
      PathAttributes set = randomSet(random, nextHop);
      if (seen.put(set, Boolean.TRUE) == null) {
        sets[n++] = set;
      }
    }
    return sets;
  }

  private static PathAttributes randomSet(SplittableRandom random, IpAddress nextHop) {
    int hops = 1 + Math.min(9, (int) Math.abs(random.nextGaussian() * 2.0 + 3.0));
    long[] path = new long[hops];
    path[0] = 64_500 + random.nextInt(40); // a few dozen neighbour ASes
    for (int i = 1; i < hops - 1; i++) {
      path[i] = random.nextInt(10) < 7 ? 1 + random.nextInt(5_000) : 1 + random.nextInt(400_000);
    }
    if (hops > 1) {
      path[hops - 1] = 1 + random.nextInt(80_000); // origin AS
    }
    int communities = random.nextInt(7);
    int[] values = new int[communities];
    for (int i = 0; i < communities; i++) {
      values[i] = (int) path[0] << 16 | random.nextInt(2_000);
    }
    PathAttributes.Builder builder =
        PathAttributes.builder()
            .origin(random.nextInt(20) == 0 ? Origin.INCOMPLETE : Origin.IGP)
            .asPath(AsPath.of(path))
            .nextHop(nextHop)
            .communityValues(values);
    if (random.nextInt(4) == 0) {
      builder.med(random.nextInt(1_000));
    }
    return builder.build();
  }
}
