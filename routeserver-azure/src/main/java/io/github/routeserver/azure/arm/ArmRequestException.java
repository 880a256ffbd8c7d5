package io.github.routeserver.azure.arm;

import java.util.Optional;

/**
 * An ARM request that failed: the method, the resource path, the HTTP status and ARM's error code
 * and message. It never carries the access token or any request header.
 */
public final class ArmRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ArmRequestException(String method, String path, int status, String code, String message) {
    super(
        method
            + " "
            + path
            + ": HTTP "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + (message.isEmpty() ? "" : ": " + message));
    this.status = status;
    this.code = code;
  }

  ArmRequestException(String method, String path, String problem) {
    super(method + " " + path + ": " + problem);
    this.status = 0;
    this.code = "";
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return status;
  }

  /** ARM's error code (for example {@code RouteConflict}), if the response had one. */
  public Optional<String> code() {
    return code.isEmpty() ? Optional.empty() : Optional.of(code);
  }

  /**
   * Whether ARM refused the write because the ETag was stale (412): someone changed the resource
   * since it was read; read it again and plan again.
   */
  public boolean isPreconditionFailed() {
    return status == 412;
  }
}
