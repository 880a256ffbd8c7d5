package io.github.routeserver.core.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.PrefixTrie.Change;
import io.github.routeserver.core.trie.PrefixTrie.Change.Kind;
import io.github.routeserver.core.trie.PrefixTrie.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PrefixTrieTest {

  private static Prefix p(String text) {
    return Prefix.parse(text);
  }

  private static IpAddress a(String text) {
    return IpAddress.parse(text);
  }

  private static PrefixTrie<String> trieOf(String... prefixes) {
    PrefixTrie<String> trie = PrefixTrie.empty();
    for (String prefix : prefixes) {
      trie = trie.put(p(prefix), prefix);
    }
    return trie;
  }

  private static List<String> prefixes(Stream<Entry<String>> entries) {
    return entries.map(e -> e.prefix().toString()).toList();
  }

  private static Optional<Entry<String>> entry(String prefix) {
    return Optional.of(new Entry<>(p(prefix), prefix));
  }

  @Test
  void emptyTrieHasNoEntriesAndMatchesNothing() {
    PrefixTrie<String> empty = PrefixTrie.empty();
    assertEquals(0, empty.size());
    assertTrue(empty.isEmpty());
    assertNull(empty.get(p("0.0.0.0/0")));
    assertEquals(Optional.empty(), empty.longestMatch(a("10.0.0.1")));
    assertEquals(List.of(), empty.stream().toList());
    assertFalse(empty.iterator().hasNext());
    assertEquals(List.of(), empty.coveredBy(p("::/0")).toList());
  }

  @Test
  void putReturnsSameTrieWhenTheSameValueObjectIsAlreadyThere() {
    PrefixTrie<String> trie = trieOf("10.0.0.0/8");
    assertSame(trie, trie.put(p("10.0.0.0/8"), "10.0.0.0/8"));
  }

  @Test
  void putReplacesAnEqualButDistinctValueObject() {
    String value = "10.0.0.0/8";
    String copy = new String(value);
    PrefixTrie<String> trie = PrefixTrie.<String>empty().put(p(value), value);
    PrefixTrie<String> replaced = trie.put(p(value), copy);
    assertSame(copy, replaced.get(p(value)));
    assertSame(value, trie.get(p(value)));
  }

  @Test
  void putRejectsNullValue() {
    assertThrows(NullPointerException.class, () -> PrefixTrie.empty().put(p("10.0.0.0/8"), null));
  }

  @Test
  void removeReturnsSameTrieWhenThePrefixIsAbsent() {
    PrefixTrie<String> trie = trieOf("10.0.0.0/8", "10.1.0.0/16");
    assertSame(trie, trie.remove(p("10.0.0.0/9")));
    assertSame(trie, trie.remove(p("10.0.0.0/16")));
    assertSame(trie, trie.remove(p("::/0")));
  }

  @Test
  void removingACoveringPrefixKeepsThePrefixesInsideIt() {
    PrefixTrie<String> trie =
        trieOf("10.0.0.0/8", "10.1.0.0/16", "10.128.0.0/16").remove(p("10.0.0.0/8"));
    assertEquals(List.of("10.1.0.0/16", "10.128.0.0/16"), prefixes(trie.stream()));
    TrieShape.check(trie);
  }

  @Test
  void removingTheLastEntryGivesAnEmptyTrie() {
    PrefixTrie<String> trie = trieOf("::/0").remove(p("::/0"));
    assertTrue(trie.isEmpty());
    assertEquals(PrefixTrie.empty(), trie);
  }

  @Test
  void updateGetsNullForAnAbsentPrefixAndAddsWhatItReturns() {
    PrefixTrie<String> trie =
        PrefixTrie.<String>empty().update(p("10.0.0.0/8"), old -> old == null ? "new" : "old");
    assertEquals("new", trie.get(p("10.0.0.0/8")));
  }

  @Test
  void updateRemovesThePrefixWhenTheFunctionReturnsNull() {
    PrefixTrie<String> trie = trieOf("10.0.0.0/8").update(p("10.0.0.0/8"), old -> null);
    assertTrue(trie.isEmpty());
  }

  @Test
  void updateReturnsSameTrieWhenTheFunctionReturnsTheCurrentValue() {
    PrefixTrie<String> trie = trieOf("10.0.0.0/8");
    assertSame(trie, trie.update(p("10.0.0.0/8"), old -> old));
    assertSame(trie, trie.update(p("11.0.0.0/8"), old -> null));
  }

  @Test
  void keepsIpv4AndIpv6DefaultRoutesApart() {
    PrefixTrie<String> trie = trieOf("0.0.0.0/0", "::/0");
    assertEquals(2, trie.size());
    assertEquals(entry("0.0.0.0/0"), trie.longestMatch(a("192.0.2.1")));
    assertEquals(entry("::/0"), trie.longestMatch(a("2001:db8::1")));
    assertEquals(List.of("0.0.0.0/0", "::/0"), prefixes(trie.stream()));
  }

  @Test
  void ipv4RoutesDoNotMatchIpv4MappedIpv6Addresses() {
    PrefixTrie<String> trie = trieOf("10.0.0.0/8");
    assertEquals(Optional.empty(), trie.longestMatch(a("::ffff:10.0.0.1")));
    assertEquals(List.of(), trie.coveredBy(p("::/0")).toList());
  }

  @Test
  void longestMatchPrefersTheMostSpecificContainingPrefix() {
    PrefixTrie<String> trie = trieOf("0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24");
    assertEquals(entry("10.1.2.0/24"), trie.longestMatch(a("10.1.2.3")));
    assertEquals(entry("10.1.0.0/16"), trie.longestMatch(a("10.1.3.1")));
    assertEquals(entry("10.0.0.0/8"), trie.longestMatch(a("10.2.0.1")));
    assertEquals(entry("0.0.0.0/0"), trie.longestMatch(a("11.0.0.1")));
  }

  @Test
  void longestMatchIsEmptyWhenNoPrefixContainsTheAddress() {
    PrefixTrie<String> trie = trieOf("10.1.0.0/16", "10.2.0.0/16");
    assertEquals(Optional.empty(), trie.longestMatch(a("10.3.0.1")));
    assertEquals(Optional.empty(), trie.longestMatch(a("11.1.0.1")));
  }

  @Test
  void longestMatchOfAPrefixIncludesThePrefixItselfButNotLongerOnes() {
    PrefixTrie<String> trie = trieOf("10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24");
    assertEquals(entry("10.1.0.0/16"), trie.longestMatch(p("10.1.0.0/16")));
    assertEquals(entry("10.1.0.0/16"), trie.longestMatch(p("10.1.0.0/23")));
    assertEquals(entry("10.0.0.0/8"), trie.longestMatch(p("10.0.0.0/15")));
  }

  @Test
  void hostRoutesAreStoredAndMatchedInBothFamilies() {
    PrefixTrie<String> trie = trieOf("192.0.2.1/32", "192.0.2.0/31", "2001:db8::1/128");
    assertEquals(entry("192.0.2.1/32"), trie.longestMatch(a("192.0.2.1")));
    assertEquals(entry("192.0.2.0/31"), trie.longestMatch(a("192.0.2.0")));
    assertEquals(entry("2001:db8::1/128"), trie.longestMatch(a("2001:db8::1")));
    assertEquals(Optional.empty(), trie.longestMatch(a("2001:db8::2")));
    assertEquals("2001:db8::1/128", trie.get(p("2001:db8::1/128")));
  }

  @Test
  void coveringListsContainingPrefixesShortestFirstIncludingEqual() {
    PrefixTrie<String> trie =
        trieOf("10.1.2.0/24", "10.0.0.0/8", "0.0.0.0/0", "10.1.0.0/16", "10.1.2.128/25");
    assertEquals(
        List.of("0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24"),
        prefixes(trie.covering(p("10.1.2.0/24"))));
  }

  @Test
  void coveredByListsPrefixesInsideInPrefixOrderIncludingEqualButNotSiblings() {
    PrefixTrie<String> trie =
        trieOf("10.1.0.0/16", "10.0.0.0/8", "10.1.2.0/24", "10.1.0.0/24", "10.2.0.0/16");
    assertEquals(
        List.of("10.1.0.0/16", "10.1.0.0/24", "10.1.2.0/24"),
        prefixes(trie.coveredBy(p("10.1.0.0/16"))));
  }

  @Test
  void coveredByIsEmptyWhenTheWalkEndsBelowADifferentPrefix() {
    // The branch between 10.1/16 and 10.2/16 sits at bit 14, below /8: the walk for 11.0.0.0/8
    // reaches it without checking its position, which does not start with 11.
    PrefixTrie<String> trie = trieOf("10.1.0.0/16", "10.2.0.0/16");
    assertEquals(List.of(), trie.coveredBy(p("11.0.0.0/8")).toList());
    assertEquals(2, trie.coveredBy(p("10.0.0.0/8")).count());
  }

  @Test
  void iteratesInPrefixOrderWithIpv4BeforeIpv6() {
    PrefixTrie<String> trie =
        trieOf("2001:db8::/32", "10.1.0.0/16", "::/0", "10.0.0.0/8", "9.0.0.0/8", "10.0.0.0/16");
    List<String> expected =
        List.of("9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "10.1.0.0/16", "::/0", "2001:db8::/32");
    assertEquals(expected, prefixes(trie.stream()));
    List<String> iterated = new ArrayList<>();
    trie.forEach(entry -> iterated.add(entry.prefix().toString()));
    assertEquals(expected, iterated);
    List<String> visited = new ArrayList<>();
    trie.forEach((prefix, value) -> visited.add(prefix.toString()));
    assertEquals(expected, visited);
  }

  @Test
  void diffReportsAddedRemovedAndReplacedInPrefixOrder() {
    PrefixTrie<String> older = trieOf("10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32");
    PrefixTrie<String> newer =
        older.remove(p("10.0.0.0/8")).put(p("10.1.0.0/16"), "changed").put(p("9.0.0.0/8"), "x");
    assertEquals(
        List.of(
            new Change<>(p("9.0.0.0/8"), null, "x"),
            new Change<>(p("10.0.0.0/8"), "10.0.0.0/8", null),
            new Change<>(p("10.1.0.0/16"), "10.1.0.0/16", "changed")),
        older.diff(newer).toList());
    assertEquals(
        List.of(Kind.ADDED, Kind.REMOVED, Kind.REPLACED),
        older.diff(newer).map(Change::kind).toList());
  }

  @Test
  void diffIgnoresValuesThatAreEqualButNotTheSameObject() {
    PrefixTrie<String> older = trieOf("10.0.0.0/8");
    PrefixTrie<String> newer = older.put(p("10.0.0.0/8"), new String("10.0.0.0/8"));
    assertEquals(List.of(), older.diff(newer).toList());
  }

  @Test
  void diffOrdersSubtreesThatPartAtTheSameBitButHoldDifferentPrefixes() {
    // Both roots are branches at bit 23 with no child in common: 10.0.0/23 against 10.0.2/23.
    PrefixTrie<String> older = trieOf("10.0.0.0/24", "10.0.1.0/24");
    PrefixTrie<String> newer = trieOf("10.0.2.0/24", "10.0.3.0/24");
    assertEquals(
        List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"),
        older.diff(newer).map(change -> change.prefix().toString()).toList());
  }

  @Test
  void diffOfATrieWithItselfOrAnEqualTrieIsEmpty() {
    PrefixTrie<String> trie = trieOf("10.0.0.0/8", "10.1.0.0/16", "::/0");
    assertEquals(List.of(), trie.diff(trie).toList());
    assertEquals(List.of(), trie.diff(trieOf("::/0", "10.1.0.0/16", "10.0.0.0/8")).toList());
  }

  @Test
  void editorFreezeLeavesTheTrieItStartedFromUnchanged() {
    PrefixTrie<String> base = trieOf("10.0.0.0/8", "10.1.0.0/16");
    PrefixTrie.Editor<String> editor = base.editor();
    editor.put(p("10.1.0.0/16"), "changed").remove(p("10.0.0.0/8")).put(p("::/0"), "v6");
    PrefixTrie<String> frozen = editor.freeze();
    assertEquals(trieOf("10.0.0.0/8", "10.1.0.0/16"), base);
    assertEquals(List.of("10.1.0.0/16", "::/0"), prefixes(frozen.stream()));
    assertEquals("changed", frozen.get(p("10.1.0.0/16")));
  }

  @Test
  void editingAfterFreezeLeavesTheFrozenTrieUnchanged() {
    PrefixTrie.Editor<String> editor = PrefixTrie.<String>empty().editor();
    editor.put(p("10.0.0.0/8"), "a").put(p("10.1.0.0/16"), "b").put(p("10.2.0.0/16"), "c");
    PrefixTrie<String> frozen = editor.freeze();
    editor.put(p("10.0.0.0/8"), "changed").remove(p("10.1.0.0/16")).put(p("10.3.0.0/16"), "d");
    assertEquals(List.of("10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16"), prefixes(frozen.stream()));
    assertEquals("a", frozen.get(p("10.0.0.0/8")));
    assertEquals(3, editor.freeze().size());
  }

  @Test
  void editorGetAndSizeSeeTheEditsSoFar() {
    PrefixTrie.Editor<String> editor = trieOf("10.0.0.0/8").editor();
    editor.put(p("10.1.0.0/16"), "b").update(p("10.0.0.0/8"), old -> old + "!");
    assertEquals(2, editor.size());
    assertEquals("10.0.0.0/8!", editor.get(p("10.0.0.0/8")));
    editor.remove(p("10.1.0.0/16"));
    assertEquals(1, editor.size());
    assertNull(editor.get(p("10.1.0.0/16")));
  }

  @Test
  void editorRunsUpdateFunctionsWhenItAppliesTheEdits() {
    PrefixTrie.Editor<String> editor = PrefixTrie.<String>empty().editor();
    List<String> seen = new ArrayList<>();
    editor.put(p("10.0.0.0/8"), "a").update(p("10.0.0.0/8"), old -> seen.add(old) ? "b" : null);
    assertEquals(List.of(), seen);
    assertEquals("b", editor.get(p("10.0.0.0/8")));
    assertEquals(List.of("a"), seen);
  }

  @Test
  void editorKeepsTheEditsBeforeAFailingUpdateAndDropsTheRest() {
    PrefixTrie.Editor<String> editor = PrefixTrie.<String>empty().editor();
    editor
        .put(p("10.0.0.0/8"), "before")
        .update(
            p("11.0.0.0/8"),
            old -> {
              throw new IllegalStateException("failed");
            })
        .put(p("12.0.0.0/8"), "after");
    assertThrows(IllegalStateException.class, editor::freeze);
    assertEquals(List.of("10.0.0.0/8"), prefixes(editor.freeze().stream()));
  }

  @Test
  void changeKindFollowsWhichValuesArePresent() {
    assertEquals(Kind.ADDED, new Change<>(p("10.0.0.0/8"), null, "a").kind());
    assertEquals(Kind.REMOVED, new Change<>(p("10.0.0.0/8"), "a", null).kind());
    assertEquals(Kind.REPLACED, new Change<>(p("10.0.0.0/8"), "a", "b").kind());
  }

  @Test
  void changeRejectsTwoMissingValues() {
    assertThrows(
        IllegalArgumentException.class, () -> new Change<String>(p("10.0.0.0/8"), null, null));
  }

  @Test
  void entriesChangesAndTriesAreEqualByContent() {
    new EqualsTester()
        .addEqualityGroup(new Entry<>(p("10.0.0.0/8"), "a"), new Entry<>(p("10.1.2.3/8"), "a"))
        .addEqualityGroup(new Entry<>(p("10.0.0.0/8"), "b"))
        .addEqualityGroup(new Entry<>(p("10.0.0.0/9"), "a"))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(
            new Change<>(p("10.0.0.0/8"), "a", "b"), new Change<>(p("10.0.0.0/8"), "a", "b"))
        .addEqualityGroup(new Change<>(p("10.0.0.0/8"), null, "b"))
        .addEqualityGroup(new Change<>(p("10.0.0.0/8"), "a", null))
        .addEqualityGroup(new Change<>(p("::/0"), "a", "b"))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(
            PrefixTrie.empty(),
            trieOf("10.0.0.0/8").remove(p("10.0.0.0/8")),
            trieOf().editor().freeze())
        .addEqualityGroup(
            trieOf("10.0.0.0/8", "::/0"),
            trieOf("::/0", "10.0.0.0/8"),
            PrefixTrie.<String>empty()
                .put(p("::/0"), new String("::/0"))
                .put(p("10.0.0.0/8"), new String("10.0.0.0/8")))
        .addEqualityGroup(trieOf("10.0.0.0/8"))
        .addEqualityGroup(trieOf("10.0.0.0/8").put(p("::/0"), "other"))
        .testEquals();
  }

  @Test
  void toStringShowsTheSizeAndTheFirstEntries() {
    assertEquals("PrefixTrie{0}", PrefixTrie.empty().toString());
    assertEquals(
        "PrefixTrie{2: 10.0.0.0/8=a, ::/0=b}",
        PrefixTrie.<String>empty().put(p("::/0"), "b").put(p("10.0.0.0/8"), "a").toString());
    assertEquals(
        "PrefixTrie{5: 1.0.0.0/8=1.0.0.0/8, 2.0.0.0/8=2.0.0.0/8, 3.0.0.0/8=3.0.0.0/8,"
            + " 4.0.0.0/8=4.0.0.0/8, ...}",
        trieOf("5.0.0.0/8", "4.0.0.0/8", "3.0.0.0/8", "2.0.0.0/8", "1.0.0.0/8").toString());
  }

  @Test
  void holdsAtMostOneBranchPerPrefix() {
    PrefixTrie<String> trie = PrefixTrie.empty();
    for (int i = 0; i < 1 << 12; i++) {
      trie = trie.put(Prefix.ofIpv4(i * 0x9e3779b9, 24), "v");
    }
    TrieShape.check(trie);
  }

  @Test
  void replaceAllThatThrowsLeavesTheFamilyAsItWas() {
    PrefixTrie<String> trie =
        trieOf("10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "2001:db8::/32");
    PrefixTrie.Editor<String> editor = trie.editor();
    editor.remove(p("10.2.0.0/16")); // pending: applied before the function runs
    int[] calls = {0};
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                editor.replaceAll(
                    AddressFamily.IPV4,
                    (prefix, value) -> {
                      // The third call, after 10.1.0.0/16 went.
                      if (++calls[0] == 3) {
                        throw new IllegalStateException("third call");
                      }
                      return null;
                    }));
    assertEquals("third call", thrown.getMessage());
    assertEquals(trie.remove(p("10.2.0.0/16")), editor.freeze());
    assertEquals(4, editor.size());
  }
}
