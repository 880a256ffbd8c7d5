package io.github.routeserver.core.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.PrefixTrie.Change;
import io.github.routeserver.core.trie.PrefixTrie.Entry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * Properties of {@link PrefixTrie} against a naive reference model: a {@link TreeMap} in prefix
 * order, scanned linearly for the lookups. Keys are drawn from a small pool built around a few seed
 * addresses, so that they collide (puts replace, removes hit) and nest (equal addresses with
 * different lengths, addresses one bit apart), in both families, with /0 and host routes.
 */
class PrefixTriePropertiesTest {

  // --- the reference model and the operations ----------------------------------------------

  /** What an update's function does with the current value. */
  enum UpdateKind {
    /** Returns null: removes the prefix. */
    REMOVE,
    /** Returns the value it got: changes nothing. */
    KEEP,
    /** Returns a new string: adds or replaces. */
    APPEND;

    UnaryOperator<@Nullable String> function() {
      return switch (this) {
        case REMOVE -> old -> null;
        case KEEP -> old -> old;
        case APPEND -> old -> (old == null ? "" : old) + "+";
      };
    }
  }

  /** One edit, applied alike to a trie, an editor and the reference model. */
  sealed interface Op {
    Prefix prefix();

    PrefixTrie<String> apply(PrefixTrie<String> trie);

    void apply(PrefixTrie.Editor<String> editor);

    /** Applies the edit to the model; returns whether it changed it (values by identity). */
    boolean apply(NavigableMap<Prefix, String> model);
  }

  record Put(Prefix prefix, String value) implements Op {
    @Override
    public PrefixTrie<String> apply(PrefixTrie<String> trie) {
      return trie.put(prefix, value);
    }

    @Override
    public void apply(PrefixTrie.Editor<String> editor) {
      editor.put(prefix, value);
    }

    @Override
    public boolean apply(NavigableMap<Prefix, String> model) {
      return model.put(prefix, value) != value;
    }
  }

  record Remove(Prefix prefix) implements Op {
    @Override
    public PrefixTrie<String> apply(PrefixTrie<String> trie) {
      return trie.remove(prefix);
    }

    @Override
    public void apply(PrefixTrie.Editor<String> editor) {
      editor.remove(prefix);
    }

    @Override
    public boolean apply(NavigableMap<Prefix, String> model) {
      return model.remove(prefix) != null;
    }
  }

  record Update(Prefix prefix, UpdateKind kind) implements Op {
    @Override
    public PrefixTrie<String> apply(PrefixTrie<String> trie) {
      return trie.update(prefix, kind.function());
    }

    @Override
    public void apply(PrefixTrie.Editor<String> editor) {
      editor.update(prefix, kind.function());
    }

    @Override
    public boolean apply(NavigableMap<Prefix, String> model) {
      String old = model.get(prefix);
      String updated = kind.function().apply(old);
      if (updated == null) {
        model.remove(prefix);
      } else {
        model.put(prefix, updated);
      }
      return updated != old;
    }
  }

  // --- generators --------------------------------------------------------------------------

  private static final List<Integer> IPV4_SEEDS =
      List.of(0x0a000000, 0x0a010200, 0xc0a80101, 0x00000000, 0xffffffff);

  private static final List<long[]> IPV6_SEEDS =
      List.of(
          new long[] {0x20010db800000000L, 0},
          new long[] {0x20010db800010000L, 1},
          new long[] {0, 0},
          new long[] {-1L, -1L});

  static Arbitrary<Prefix> ipv4Prefixes() {
    Arbitrary<Integer> seed = Arbitraries.of(IPV4_SEEDS);
    Arbitrary<Integer> address =
        Arbitraries.frequencyOf(
            Tuple.of(3, seed),
            Tuple.of(
                4,
                Combinators.combine(seed, nearby(), shift(32)).as((s, bits, i) -> s ^ (bits << i))),
            Tuple.of(1, Arbitraries.integers()));
    Arbitrary<Integer> length =
        Arbitraries.oneOf(
            Arbitraries.of(0, 8, 16, 24, 31, 32), Arbitraries.integers().between(0, 32));
    return Combinators.combine(address, length).as(Prefix::ofIpv4);
  }

  static Arbitrary<Prefix> ipv6Prefixes() {
    Arbitrary<long[]> seed = Arbitraries.of(IPV6_SEEDS);
    Arbitrary<long[]> address =
        Arbitraries.frequencyOf(
            Tuple.of(3, seed),
            Tuple.of(
                4,
                Combinators.combine(seed, nearby(), shift(128)).as(PrefixTriePropertiesTest::xor)),
            Tuple.of(
                1,
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                    .as((h, l) -> new long[] {h, l})));
    Arbitrary<Integer> length =
        Arbitraries.oneOf(
            Arbitraries.of(0, 32, 48, 63, 64, 65, 127, 128),
            Arbitraries.integers().between(0, 128));
    return Combinators.combine(address, length).as((a, l) -> Prefix.ofIpv6(a[0], a[1], l));
  }

  /**
   * Up to four bits to flip in a seed, which makes clusters of addresses that part at nearby bits:
   * siblings, cousins and, with varied lengths, nested prefixes at every depth.
   */
  private static Arbitrary<Integer> nearby() {
    return Arbitraries.integers().between(1, 15);
  }

  /** How far from the right end of an address of {@code bits} bits the flipped bits go. */
  private static Arbitrary<Integer> shift(int bits) {
    return Arbitraries.integers().between(0, bits - 4);
  }

  private static long[] xor(long[] address, int bits, int shift) {
    return shift < 64
        ? new long[] {address[0], address[1] ^ ((long) bits << shift)}
        : new long[] {address[0] ^ ((long) bits << (shift - 64)), address[1]};
  }

  static Arbitrary<Prefix> anyPrefixes() {
    return Arbitraries.frequencyOf(Tuple.of(3, ipv4Prefixes()), Tuple.of(2, ipv6Prefixes()));
  }

  /** Edits whose prefixes mostly come from one small pool, so that they meet each other. */
  @Provide
  Arbitrary<List<Op>> ops() {
    return anyPrefixes().list().ofMinSize(1).ofMaxSize(24).flatMap(this::opsOver);
  }

  private Arbitrary<List<Op>> opsOver(List<Prefix> pool) {
    Arbitrary<Prefix> prefix =
        Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.of(pool)), Tuple.of(1, anyPrefixes()));
    Arbitrary<String> value = Arbitraries.of("a", "b", "c");
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            Tuple.of(6, Combinators.combine(prefix, value).as(Put::new)),
            Tuple.of(3, prefix.map(Remove::new)),
            Tuple.of(
                2, Combinators.combine(prefix, Arbitraries.of(UpdateKind.class)).as(Update::new)));
    return op.list().ofMaxSize(60);
  }

  @Provide
  Arbitrary<List<Prefix>> queries() {
    return anyPrefixes().list().ofMaxSize(20);
  }

  // --- properties --------------------------------------------------------------------------

  @Property
  void agreesWithReferenceModel(
      @ForAll("ops") List<Op> ops, @ForAll("queries") List<Prefix> extraQueries) {
    PrefixTrie<String> trie = PrefixTrie.empty();
    NavigableMap<Prefix, String> model = new TreeMap<>();
    for (Op op : ops) {
      boolean changed = op.apply(model);
      PrefixTrie<String> next = op.apply(trie);
      if (changed) {
        assertNotSame(trie, next, op + " changes the trie");
      } else {
        assertSame(trie, next, op + " changes nothing, so gives the same trie");
      }
      trie = next;
      assertEquals(model.size(), trie.size(), "size after " + op);
      assertEquals(model.get(op.prefix()), trie.get(op.prefix()), "get after " + op);
    }
    TrieShape.check(trie);
    assertEquals(entries(model), trie.stream().toList(), "stream");
    List<Entry<String>> iterated = new ArrayList<>();
    trie.iterator().forEachRemaining(iterated::add);
    assertEquals(entries(model), iterated, "iterator");
    List<Entry<String>> visited = new ArrayList<>();
    trie.forEach((prefix, value) -> visited.add(new Entry<>(prefix, value)));
    assertEquals(entries(model), visited, "forEach");
    assertEquals(model.isEmpty(), trie.isEmpty());

    Set<Prefix> queries = new HashSet<>(extraQueries);
    ops.forEach(op -> queries.add(op.prefix()));
    for (Prefix query : queries) {
      assertQueriesAgree(trie, model, query);
    }
  }

  private static void assertQueriesAgree(
      PrefixTrie<String> trie, NavigableMap<Prefix, String> model, Prefix query) {
    assertEquals(model.get(query), trie.get(query), "get " + query);
    assertEquals(model.containsKey(query), trie.containsKey(query), "containsKey " + query);
    List<Entry<String>> covering =
        entries(model).stream().filter(e -> e.prefix().contains(query)).toList();
    assertEquals(covering, trie.covering(query).toList(), "covering " + query);
    assertEquals(last(covering), trie.longestMatch(query), "longestMatch " + query);
    assertEquals(
        entries(model).stream().filter(e -> query.contains(e.prefix())).toList(),
        trie.coveredBy(query).toList(),
        "coveredBy " + query);
    for (IpAddress address : List.of(query.address(), query.lastAddress())) {
      List<Entry<String>> containing =
          entries(model).stream().filter(e -> e.prefix().contains(address)).toList();
      assertEquals(last(containing), trie.longestMatch(address), "longestMatch " + address);
    }
  }

  @Property
  void oldVersionsNeverChange(@ForAll("ops") List<Op> ops, @ForAll("ops") List<Op> editorOps) {
    List<PrefixTrie<String>> versions = new ArrayList<>(List.of(PrefixTrie.empty()));
    List<List<Entry<String>>> snapshots = new ArrayList<>(List.of(List.of()));
    PrefixTrie<String> trie = PrefixTrie.empty();
    for (Op op : ops) {
      trie = op.apply(trie);
      versions.add(trie);
      snapshots.add(trie.stream().toList());
    }
    // An editor started from a middle version edits in place; none of the versions may notice.
    PrefixTrie.Editor<String> editor = versions.get(versions.size() / 2).editor();
    editorOps.forEach(op -> op.apply(editor));
    PrefixTrie<String> frozen = editor.freeze();
    List<Entry<String>> frozenSnapshot = frozen.stream().toList();
    editorOps.forEach(op -> op.apply(editor));
    for (Op op : editorOps) {
      trie = op.apply(trie);
    }

    for (int i = 0; i < versions.size(); i++) {
      assertEquals(snapshots.get(i), versions.get(i).stream().toList(), "version " + i);
      TrieShape.check(versions.get(i));
    }
    assertEquals(frozenSnapshot, frozen.stream().toList(), "frozen trie after more edits");
    TrieShape.check(frozen);
  }

  @Property
  void applyingDiffToOlderGivesNewer(
      @ForAll("ops") List<Op> olderOps, @ForAll("ops") List<Op> newerOps, @ForAll long seed) {
    PrefixTrie<String> older = applyAll(PrefixTrie.empty(), olderOps);
    PrefixTrie<String> newer = applyAll(older, newerOps);
    // Tries built on their own share nothing with older: one equal to newer, one unrelated.
    PrefixTrie<String> rebuilt = rebuild(newer, new Random(seed));
    PrefixTrie<String> unrelated = applyAll(PrefixTrie.empty(), newerOps);
    for (PrefixTrie<String> target : List.of(newer, rebuilt, unrelated)) {
      List<Change<String>> changes = older.diff(target).toList();
      PrefixTrie<String> patched = older;
      for (Change<String> change : changes) {
        assertSame(older.get(change.prefix()), change.oldValue(), "old value of " + change);
        assertSame(target.get(change.prefix()), change.newValue(), "new value of " + change);
        patched =
            change.newValue() == null
                ? patched.remove(change.prefix())
                : patched.put(change.prefix(), change.newValue());
      }
      assertEquals(target.stream().toList(), patched.stream().toList());
      List<Prefix> changed = changes.stream().map(Change::prefix).toList();
      assertEquals(differingPrefixes(older, target), changed, "changed prefixes, in order");
    }
    assertEquals(List.of(), newer.diff(rebuilt).toList(), "equal tries have no diff");
  }

  @Property
  void editorAgreesWithOneByOneEdits(@ForAll("ops") List<Op> ops, @ForAll long seed) {
    Random random = new Random(seed);
    PrefixTrie<String> trie = PrefixTrie.empty();
    NavigableMap<Prefix, String> model = new TreeMap<>();
    PrefixTrie.Editor<String> editor = PrefixTrie.<String>empty().editor();
    Map<PrefixTrie<String>, PrefixTrie<String>> frozenToExpected = new IdentityHashMap<>();
    for (Op op : ops) {
      trie = op.apply(trie);
      op.apply(model);
      op.apply(editor);
      assertEquals(model.size(), editor.size(), "editor size after " + op);
      assertEquals(model.get(op.prefix()), editor.get(op.prefix()), "editor get after " + op);
      if (random.nextInt(8) == 0) {
        frozenToExpected.put(editor.freeze(), trie);
      }
    }
    PrefixTrie<String> frozen = editor.freeze();
    frozenToExpected.put(frozen, trie);
    frozenToExpected.forEach(
        (actual, expected) -> {
          assertEquals(expected, actual);
          assertEquals(expected.stream().toList(), actual.stream().toList());
          TrieShape.check(actual);
        });
  }

  @Property
  void replaceAllAgreesWithTheModel(
      @ForAll("ops") List<Op> ops,
      @ForAll("ops") List<Op> pendingOps,
      @ForAll AddressFamily family,
      @ForAll long seed) {
    PrefixTrie<String> before = applyAll(PrefixTrie.empty(), ops);
    List<Entry<String>> beforeEntries = before.stream().toList();
    NavigableMap<Prefix, String> model = new TreeMap<>();
    before.forEach(model::put);
    PrefixTrie.Editor<String> editor = before.editor();
    for (Op op : pendingOps) { // still pending when replaceAll runs
      op.apply(editor);
      op.apply(model);
    }
    // Per prefix, as the seed says: remove it, keep its very value, or replace it.
    BiFunction<Prefix, String, @Nullable String> function =
        (prefix, value) ->
            switch (Math.floorMod(Objects.hash(prefix, seed), 3)) {
              case 0 -> null;
              case 1 -> value;
              default -> value + "*";
            };
    List<Prefix> expectedCalls = new ArrayList<>();
    NavigableMap<Prefix, String> expected = new TreeMap<>(model);
    model.forEach(
        (prefix, value) -> {
          if (prefix.family() == family) {
            expectedCalls.add(prefix);
            String replaced = function.apply(prefix, value);
            if (replaced == null) {
              expected.remove(prefix);
            } else {
              expected.put(prefix, replaced);
            }
          }
        });
    List<Prefix> calls = new ArrayList<>();
    Map<Prefix, String> kept = new HashMap<>();
    editor.replaceAll(
        family,
        (prefix, value) -> {
          calls.add(prefix);
          String replaced = function.apply(prefix, value);
          if (replaced == value) {
            kept.put(prefix, value);
          }
          return replaced;
        });

    assertEquals(expectedCalls, calls, "called once per prefix of the family, in prefix order");
    assertEquals(expected.size(), editor.size());
    PrefixTrie<String> replaced = editor.freeze();
    List<Entry<String>> replacedEntries = replaced.stream().toList();
    assertEquals(entries(expected), replacedEntries);
    kept.forEach((prefix, value) -> assertSame(value, replaced.get(prefix), "kept " + prefix));
    TrieShape.check(replaced);
    assertEquals(beforeEntries, before.stream().toList(), "the trie the editor started from");
    // The editor goes on from there, and the frozen trie does not see it.
    for (Op op : pendingOps) {
      op.apply(editor);
      op.apply(expected);
    }
    PrefixTrie<String> later = editor.freeze();
    assertEquals(entries(expected), later.stream().toList());
    TrieShape.check(later);
    assertEquals(replacedEntries, replaced.stream().toList(), "the trie frozen before");
  }

  /** Enough edits that the editor sorts them before applying them (2048 or more). */
  @Provide
  Arbitrary<List<Op>> largeBatches() {
    return anyPrefixes().list().ofMinSize(50).ofMaxSize(400).flatMap(this::largeBatchOver);
  }

  private Arbitrary<List<Op>> largeBatchOver(List<Prefix> pool) {
    Arbitrary<Prefix> prefix = Arbitraries.of(pool);
    // Fresh copies of the values, so that only the last put of a prefix leaves its very value.
    Arbitrary<String> value = Arbitraries.of("a", "b", "c").map(String::new);
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            Tuple.of(8, Combinators.combine(prefix, value).as(Put::new)),
            Tuple.of(1, prefix.map(Remove::new)),
            Tuple.of(
                2, Combinators.combine(prefix, Arbitraries.of(UpdateKind.class)).as(Update::new)));
    return op.list().ofMinSize(2048).ofMaxSize(5000);
  }

  /** Few tries: each applies thousands of edits. */
  @Property(tries = 20)
  void editorAppliesALargeBatchAsIfOneByOne(@ForAll("largeBatches") List<Op> ops) {
    PrefixTrie<String> trie = PrefixTrie.empty();
    PrefixTrie.Editor<String> editor = PrefixTrie.<String>empty().editor();
    for (Op op : ops) {
      trie = op.apply(trie);
      op.apply(editor);
    }
    PrefixTrie<String> frozen = editor.freeze();
    assertEquals(trie.stream().toList(), frozen.stream().toList());
    for (Op op : ops) {
      if (op instanceof Put put && put.value() == trie.get(put.prefix())) {
        assertSame(put.value(), frozen.get(put.prefix()), "the last put of " + put.prefix());
      }
    }
    TrieShape.check(frozen);
  }

  @Property
  void equalityIsByContent(@ForAll("ops") List<Op> ops, @ForAll long seed) {
    PrefixTrie<String> trie = applyAll(PrefixTrie.empty(), ops);
    PrefixTrie<String> rebuilt = rebuild(trie, new Random(seed));
    assertEquals(trie, rebuilt);
    assertEquals(trie.hashCode(), rebuilt.hashCode());
    Optional<Entry<String>> any = trie.stream().findFirst();
    if (any.isPresent()) {
      PrefixTrie<String> changed = trie.put(any.get().prefix(), any.get().value() + "!");
      assertNotEquals(trie, changed);
      assertNotEquals(changed, trie);
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private static PrefixTrie<String> applyAll(PrefixTrie<String> trie, List<Op> ops) {
    PrefixTrie<String> result = trie;
    for (Op op : ops) {
      result = op.apply(result);
    }
    return result;
  }

  /** The same entries put one by one in a random order into a new trie, with copied values. */
  private static PrefixTrie<String> rebuild(PrefixTrie<String> trie, Random random) {
    List<Entry<String>> entries = new ArrayList<>(trie.stream().toList());
    Collections.shuffle(entries, random);
    PrefixTrie<String> rebuilt = PrefixTrie.empty();
    for (Entry<String> entry : entries) {
      rebuilt = rebuilt.put(entry.prefix(), new String(entry.value()));
    }
    return rebuilt;
  }

  private static List<Prefix> differingPrefixes(
      PrefixTrie<String> older, PrefixTrie<String> newer) {
    return Stream.concat(older.stream(), newer.stream())
        .map(Entry::prefix)
        .distinct()
        .filter(p -> !Objects.equals(older.get(p), newer.get(p)))
        .sorted()
        .collect(Collectors.toList());
  }

  private static List<Entry<String>> entries(NavigableMap<Prefix, String> model) {
    return model.entrySet().stream().map(e -> new Entry<>(e.getKey(), e.getValue())).toList();
  }

  private static Optional<Entry<String>> last(List<Entry<String>> entries) {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
  }
}
