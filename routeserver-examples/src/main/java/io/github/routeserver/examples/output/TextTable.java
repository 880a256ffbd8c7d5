package io.github.routeserver.examples.output;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text printed in aligned columns under a header row, two spaces apart, as {@code az ... -o
 * table} prints them. Not thread-safe.
 */
public final class TextTable {
  private final ImmutableList<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with the column names {@code header}. */
  public TextTable(String... header) {
    this.header = ImmutableList.copyOf(header);
  }

  /**
   * Adds a row, one cell per column.
   *
   * @throws IllegalArgumentException if the number of cells is not the number of columns
   */
  public TextTable row(String... cells) {
    checkArgument(
        cells.length == header.size(),
        "cells: %s (expected: %s, one per column)",
        cells.length,
        header.size());
    rows.add(List.of(cells));
    return this;
  }

  /** Whether no row was added. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the header and the rows, each line indented by {@code indent}. */
  public void print(PrintWriter out, String indent) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printLine(out, indent, header, widths);
    for (List<String> row : rows) {
      printLine(out, indent, row, widths);
    }
  }

  private static void printLine(PrintWriter out, String indent, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder(indent);
    for (int i = 0; i < cells.size(); i++) {
      line.append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
