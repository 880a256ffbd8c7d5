package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A value of a BGP code point registry (message types, capability codes, attribute type codes,
 * AFIs, SAFIs, ...) as an <em>open</em> enum: {@code valueOf(int)} returns the named constant for a
 * value this library knows and otherwise a fresh unknown value that keeps the raw number, so that a
 * code point assigned after this library was written is carried, compared and printed, never
 * rejected. Two code points are equal when they are of the same registry and have the same number.
 */
public abstract sealed class CodePoint
    permits Afi,
        AttributeType,
        BgpRole,
        CapabilityCode,
        ErrorCode,
        MessageType,
        RouteRefreshSubtype,
        Safi {
  private final int code;
  private final @Nullable String name;

  CodePoint(int code, @Nullable String name) {
    this.code = code;
    this.name = name;
  }

  /** The number on the wire. */
  public final int code() {
    return code;
  }

  /** Whether this value has a name in this library (it is one of the constants of its class). */
  public final boolean isKnown() {
    return name != null;
  }

  /** The registry name of a known value, for example {@code UPDATE}; {@code UNKNOWN(n)} else. */
  public final String name() {
    return name != null ? name : "UNKNOWN(" + code + ")";
  }

  @Override
  public final boolean equals(@Nullable Object o) {
    return o != null && o.getClass() == getClass() && ((CodePoint) o).code == code;
  }

  @Override
  public final int hashCode() {
    return getClass().getSimpleName().hashCode() * 31 + code;
  }

  /** The {@link #name()}. */
  @Override
  public final String toString() {
    return name();
  }

  /** The constants of one registry, indexed by number, and the factory of unknown values. */
  static final class Table<T extends CodePoint> {
    private final @Nullable Object[] known;
    private final IntFunction<T> unknown;

    @SafeVarargs
    Table(int max, IntFunction<T> unknown, T... constants) {
      this.known = new Object[max + 1];
      this.unknown = unknown;
      for (T constant : constants) {
        known[constant.code()] = constant;
      }
    }

    @SuppressWarnings("unchecked")
    T valueOf(int code) {
      checkArgument(
          code >= 0 && code < known.length, "code: %s (expected: 0 to %s)", code, known.length - 1);
      Object constant = known[code];
      return constant != null ? (T) constant : unknown.apply(code);
    }
  }
}
