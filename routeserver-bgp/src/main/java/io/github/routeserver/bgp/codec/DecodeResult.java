package io.github.routeserver.bgp.codec;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Notification;
import java.util.Optional;

/**
 * What decoding one message gave: the message, the errors found in it, or both.
 *
 * <ul>
 *   <li>No error: the message as sent.
 *   <li>Errors whose strongest action is {@link ErrorAction#SESSION_RESET}: no message; send the
 *       {@link #notification() NOTIFICATION} of the first such error and close the session.
 *   <li>Otherwise (an UPDATE only): the message with the RFC 7606 actions already applied: an
 *       attribute discarded is absent; with treat-as-withdraw every announced route is in the
 *       withdrawn routes and no attributes remain; the routes of a disabled family are removed (the
 *       session then drops that family, see {@link #disabledFamilies()}).
 * </ul>
 *
 * @param message the decoded message, absent when the session must be reset
 * @param errors every error found, in the order found
 */
public record DecodeResult(Optional<BgpMessage> message, ImmutableList<DecodeError> errors) {
  /** Checks that the message is absent exactly when an error resets the session. */
  public DecodeResult {
    boolean reset = false;
    for (DecodeError error : errors) {
      reset |= error.action() == ErrorAction.SESSION_RESET;
    }
    checkArgument(
        message.isEmpty() == reset,
        "message: %s with errors %s (expected: absent exactly when the session resets)",
        message,
        errors);
  }

  /** A message decoded without error. */
  public static DecodeResult of(BgpMessage message) {
    return new DecodeResult(Optional.of(message), ImmutableList.of());
  }

  /** A message that resets the session because of {@code error}. */
  public static DecodeResult failed(DecodeError error) {
    return new DecodeResult(Optional.empty(), ImmutableList.of(error));
  }

  /** Whether the message decoded without any error. */
  public boolean isClean() {
    return errors.isEmpty();
  }

  /** The strongest action among the errors, or empty when there are none. */
  public Optional<ErrorAction> action() {
    return strongestError().map(DecodeError::action);
  }

  /** The first error with the strongest action, or empty when there are none. */
  public Optional<DecodeError> strongestError() {
    DecodeError strongest = null;
    for (DecodeError error : errors) {
      if (strongest == null || error.action().compareTo(strongest.action()) > 0) {
        strongest = error;
      }
    }
    return Optional.ofNullable(strongest);
  }

  /** Whether the session must be reset. */
  public boolean isSessionReset() {
    return message.isEmpty();
  }

  /**
   * The NOTIFICATION to send when the session must be reset.
   *
   * @throws IllegalStateException if the session need not be reset
   */
  public Notification notification() {
    if (!isSessionReset()) {
      throw new IllegalStateException("result: " + this + " (expected: a session reset)");
    }
    return strongestError().orElseThrow().notification();
  }

  /** The families whose routes the session must drop and ignore from now on. */
  public ImmutableSet<AfiSafi> disabledFamilies() {
    ImmutableSet.Builder<AfiSafi> families = ImmutableSet.builder();
    for (DecodeError error : errors) {
      if (error.action() == ErrorAction.AFI_SAFI_DISABLE) {
        error.afiSafi().ifPresent(families::add);
      }
    }
    return families.build();
  }
}
