package io.github.routeserver.bgp.wire;

import org.jspecify.annotations.Nullable;

/**
 * A path attribute type code (RFC 4271 section 4.3; IANA "BGP Path Attributes"). An open enum: see
 * {@link CodePoint}. Being known here means having a name; which attributes the codec interprets is
 * stated by the codec.
 */
public final class AttributeType extends CodePoint {
  /** 1, well-known mandatory, RFC 4271 section 5.1.1. */
  public static final AttributeType ORIGIN = new AttributeType(1, "ORIGIN");

  /** 2, well-known mandatory, RFC 4271 section 5.1.2 (4-octet AS numbers: RFC 6793). */
  public static final AttributeType AS_PATH = new AttributeType(2, "AS_PATH");

  /** 3, well-known mandatory for IPv4 NLRI, RFC 4271 section 5.1.3. */
  public static final AttributeType NEXT_HOP = new AttributeType(3, "NEXT_HOP");

  /** 4, optional non-transitive, RFC 4271 section 5.1.4. */
  public static final AttributeType MULTI_EXIT_DISC = new AttributeType(4, "MULTI_EXIT_DISC");

  /** 5, well-known (iBGP), RFC 4271 section 5.1.5. */
  public static final AttributeType LOCAL_PREF = new AttributeType(5, "LOCAL_PREF");

  /** 6, well-known discretionary, RFC 4271 section 5.1.6. */
  public static final AttributeType ATOMIC_AGGREGATE = new AttributeType(6, "ATOMIC_AGGREGATE");

  /** 7, optional transitive, RFC 4271 section 5.1.7 (4-octet AS: RFC 6793). */
  public static final AttributeType AGGREGATOR = new AttributeType(7, "AGGREGATOR");

  /** 8, optional transitive, RFC 1997. */
  public static final AttributeType COMMUNITIES = new AttributeType(8, "COMMUNITIES");

  /** 9, optional non-transitive, RFC 4456 section 8. */
  public static final AttributeType ORIGINATOR_ID = new AttributeType(9, "ORIGINATOR_ID");

  /** 10, optional non-transitive, RFC 4456 section 8. */
  public static final AttributeType CLUSTER_LIST = new AttributeType(10, "CLUSTER_LIST");

  /** 14, optional non-transitive, RFC 4760 section 3. */
  public static final AttributeType MP_REACH_NLRI = new AttributeType(14, "MP_REACH_NLRI");

  /** 15, optional non-transitive, RFC 4760 section 4. */
  public static final AttributeType MP_UNREACH_NLRI = new AttributeType(15, "MP_UNREACH_NLRI");

  /** 16, optional transitive, RFC 4360 section 2. */
  public static final AttributeType EXTENDED_COMMUNITIES =
      new AttributeType(16, "EXTENDED_COMMUNITIES");

  /** 17, optional transitive, RFC 6793 section 3. */
  public static final AttributeType AS4_PATH = new AttributeType(17, "AS4_PATH");

  /** 18, optional transitive, RFC 6793 section 3. */
  public static final AttributeType AS4_AGGREGATOR = new AttributeType(18, "AS4_AGGREGATOR");

  /** 32, optional transitive, RFC 8092 section 3. */
  public static final AttributeType LARGE_COMMUNITY = new AttributeType(32, "LARGE_COMMUNITY");

  /** 35, ONLY_TO_CUSTOMER, optional transitive, RFC 9234 section 5. */
  public static final AttributeType OTC = new AttributeType(35, "OTC");

  private static final Table<AttributeType> TABLE =
      new Table<>(
          0xFF,
          AttributeType::new,
          ORIGIN,
          AS_PATH,
          NEXT_HOP,
          MULTI_EXIT_DISC,
          LOCAL_PREF,
          ATOMIC_AGGREGATE,
          AGGREGATOR,
          COMMUNITIES,
          ORIGINATOR_ID,
          CLUSTER_LIST,
          MP_REACH_NLRI,
          MP_UNREACH_NLRI,
          EXTENDED_COMMUNITIES,
          AS4_PATH,
          AS4_AGGREGATOR,
          LARGE_COMMUNITY,
          OTC);

  private AttributeType(int code, @Nullable String name) {
    super(code, name);
  }

  private AttributeType(int code) {
    this(code, null);
  }

  /**
   * The attribute type numbered {@code code}, known or not.
   *
   * @throws IllegalArgumentException if {@code code} is not 0 to 255
   */
  public static AttributeType valueOf(int code) {
    return TABLE.valueOf(code);
  }
}
