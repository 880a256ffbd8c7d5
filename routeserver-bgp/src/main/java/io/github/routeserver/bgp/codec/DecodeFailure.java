package io.github.routeserver.bgp.codec;

/**
 * Unwinds a decode that found an error which resets the session; caught inside the codec and turned
 * into a {@link DecodeResult}, never seen outside it. Carries no stack trace: it is control flow.
 */
final class DecodeFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient DecodeError error;

  DecodeFailure(DecodeError error) {
    super(error.detail(), null, false, false);
    this.error = error;
  }

  DecodeError error() {
    return error;
  }
}
