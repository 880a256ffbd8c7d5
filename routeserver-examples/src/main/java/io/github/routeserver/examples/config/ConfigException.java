package io.github.routeserver.examples.config;

import io.github.routeserver.core.text.SingleLine;

/**
 * An input file that cannot be used (a configuration, learned routes, BGP messages in hex), with
 * where and why in one line: {@code policies.yaml:14:22:
 * policies.customer-in.terms[1].match.prefix-set: no prefix set named 'custmers' (defined: bogons,
 * customers)}. Line and column count from 1; they are 0 when the problem is the file as a whole.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String field;
  private final String problem;

  /**
   * The problem {@code problem} of {@code field} (empty for none) at {@code line} and {@code
   * column} of {@code file} (both 0 for the file as a whole).
   */
  public ConfigException(String file, int line, int column, String field, String problem) {
    super(
        SingleLine.of(
            file
                + (line > 0 ? ":" + line + ":" + column : "")
                + ": "
                + (field.isEmpty() ? "" : field + ": ")
                + problem),
        null,
        false,
        false);
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
    this.problem = problem;
  }

  /** The file as given to the reader. */
  public String file() {
    return file;
  }

  /** The line of the offending value, from 1; 0 for the file as a whole. */
  public int line() {
    return line;
  }

  /** The column of the offending value, from 1; 0 for the file as a whole. */
  public int column() {
    return column;
  }

  /**
   * The field, as a path such as {@code policies.customer-in.terms[1].then}; empty for the file.
   */
  public String field() {
    return field;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
