package io.github.routeserver.azure.arm;

import io.github.routeserver.core.text.SingleLine;

/**
 * ARM JSON that cannot be read: malformed JSON, a missing or mistyped field, an unsupported
 * template expression. The message is one line that names the file, line, column and field, for
 * example {@code hub.json:14:30: properties.addressSpace.addressPrefixes[0]: '10.0.0/16' is not a
 * prefix}; it never carries a stack trace of the parser.
 */
public final class ArmReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final int column;
  private final String field;

  ArmReadException(String source, int line, int column, String field, String problem) {
    super(
        SingleLine.of(
            source
                + ":"
                + line
                + ":"
                + column
                + ": "
                + (field.isEmpty() ? "" : field + ": ")
                + problem));
    this.source = source;
    this.line = line;
    this.column = column;
    this.field = field;
  }

  /** The file (or other source name) that was read. */
  public String source() {
    return source;
  }

  /** The 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** The 1-based column of the problem. */
  public int column() {
    return column;
  }

  /** The JSON path of the field, for example {@code properties.routes[2].nextHopType}. */
  public String field() {
    return field;
  }

  /** No stack trace: the message says everything a user can act on. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
