package io.github.routeserver.core.rib;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.IpAddress;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * How the decision process breaks ties: the LOCAL_PREF assumed where none is present, how MEDs are
 * compared, where the interior cost of a next hop comes from, and which candidates form the
 * multipath (ECMP) set. Immutable; build with {@link #builder()}.
 */
public final class DecisionOptions {
  /**
   * RFC 4271 defaults: LOCAL_PREF 100, MED compared per neighbour AS, missing MED best, no ECMP.
   */
  public static final DecisionOptions DEFAULT = builder().build();

  private final long defaultLocalPref;
  private final boolean alwaysCompareMed;
  private final boolean missingMedAsWorst;
  private final @Nullable ToLongFunction<IpAddress> igpCost;
  private final @Nullable DecisionStep multipathThrough;

  private DecisionOptions(Builder b) {
    this.defaultLocalPref = b.defaultLocalPref;
    this.alwaysCompareMed = b.alwaysCompareMed;
    this.missingMedAsWorst = b.missingMedAsWorst;
    this.igpCost = b.igpCost;
    this.multipathThrough = b.multipathThrough;
  }

  /** A builder with the RFC 4271 defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.defaultLocalPref = defaultLocalPref;
    b.alwaysCompareMed = alwaysCompareMed;
    b.missingMedAsWorst = missingMedAsWorst;
    b.igpCost = igpCost;
    b.multipathThrough = multipathThrough;
    return b;
  }

  /** The LOCAL_PREF of a route that carries none (100 by default). */
  public long defaultLocalPref() {
    return defaultLocalPref;
  }

  /** Whether MEDs are compared across neighbour ASes. */
  public boolean alwaysCompareMed() {
    return alwaysCompareMed;
  }

  /** Whether a missing MED counts as the worst (4294967295) rather than the best (0). */
  public boolean missingMedAsWorst() {
    return missingMedAsWorst;
  }

  /** The interior cost of reaching a next hop, if the host knows it. */
  public Optional<ToLongFunction<IpAddress>> igpCost() {
    return Optional.ofNullable(igpCost);
  }

  /**
   * The last rung that multipath candidates must tie on; empty means no multipath (only the best
   * route is used). Azure Route Server, for example, spreads traffic over NVA routes that tie up to
   * {@link DecisionStep#AS_PATH_LENGTH}.
   */
  public Optional<DecisionStep> multipathThrough() {
    return Optional.ofNullable(multipathThrough);
  }

  /** Builds {@link DecisionOptions}. Not thread-safe. */
  public static final class Builder {
    private long defaultLocalPref = 100;
    private boolean alwaysCompareMed;
    private boolean missingMedAsWorst;
    private @Nullable ToLongFunction<IpAddress> igpCost;
    private @Nullable DecisionStep multipathThrough;

    private Builder() {}

    /** Sets the LOCAL_PREF of routes that carry none. */
    public Builder defaultLocalPref(long defaultLocalPref) {
      checkArgument(
          defaultLocalPref >= 0 && defaultLocalPref <= 0xFFFF_FFFFL,
          "defaultLocalPref: %s (expected: 0 to 4294967295)",
          defaultLocalPref);
      this.defaultLocalPref = defaultLocalPref;
      return this;
    }

    /** Compares MEDs across neighbour ASes too. */
    public Builder alwaysCompareMed(boolean alwaysCompareMed) {
      this.alwaysCompareMed = alwaysCompareMed;
      return this;
    }

    /** Treats a missing MED as the worst value instead of the best. */
    public Builder missingMedAsWorst(boolean missingMedAsWorst) {
      this.missingMedAsWorst = missingMedAsWorst;
      return this;
    }

    /** Sets where interior costs of next hops come from (null: unknown, the rung is skipped). */
    public Builder igpCost(@Nullable ToLongFunction<IpAddress> igpCost) {
      this.igpCost = igpCost;
      return this;
    }

    /**
     * Makes routes that tie with the best on every rung up to and including {@code step} a
     * multipath set (null: no multipath). {@code step} must be one of the comparing rungs before
     * {@link DecisionStep#PEER_ADDRESS}.
     */
    public Builder multipathThrough(@Nullable DecisionStep step) {
      checkArgument(
          step == null
              || (step.compareTo(DecisionStep.LOCAL_PREF) >= 0
                  && step.compareTo(DecisionStep.PEER_ADDRESS) < 0),
          "multipathThrough: %s (expected: a rung from LOCAL_PREF to CLUSTER_LIST_LENGTH)",
          step);
      this.multipathThrough = step;
      return this;
    }

    /** The options. */
    public DecisionOptions build() {
      return new DecisionOptions(this);
    }
  }
}
