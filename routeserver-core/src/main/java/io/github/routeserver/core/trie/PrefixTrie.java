package io.github.routeserver.core.trie;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.Node.Keyed;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map from {@link Prefix} to non-null values, IPv4 and IPv6 together, with the lookups
 * routing needs: longest match, the entries covering a prefix and the entries inside one.
 *
 * <p><b>Persistent.</b> Every edit returns a new trie and leaves this one as it was, readable
 * forever; the two share every node off the edited path, so an edit copies at most one path (about
 * the depth of the trie) and keeping a snapshot costs nothing. {@link #diff} uses that sharing to
 * find the changes between two versions in time proportional to the changes, not to the size. For
 * many edits at once, an {@link #editor()} changes its own new nodes in place and {@linkplain
 * Editor#freeze freezes} into a trie. Tries are safe to share between threads without locking.
 *
 * <p><b>Order.</b> Iteration, {@link #stream()}, {@link #coveredBy} and {@link #diff} run in the
 * order of {@link Prefix#compareTo}: IPv4 before IPv6, then by address, a covering prefix before
 * the prefixes it covers.
 *
 * <p><b>Equality.</b> Two tries are equal when they hold the same prefixes with {@linkplain
 * Object#equals equal} values, whatever their history; {@link #hashCode} is the sum over entries of
 * {@code prefix.hashCode() ^ value.hashCode()}, as for {@link java.util.Map}.
 *
 * <p><b>Cost.</b> The trie is a path-compressed binary (PATRICIA) trie per family: one node per
 * prefix, holding the key inline, plus at most one valueless branch node per prefix. Lookups and
 * edits visit at most one node per bit of the key (33 for IPv4, 129 for IPv6) and usually about the
 * logarithm of the size; {@link #size()} is constant time.
 *
 * @param <V> the type of the values
 */
public final class PrefixTrie<V> implements Iterable<PrefixTrie.Entry<V>> {
  private static final PrefixTrie<?> EMPTY = new PrefixTrie<>(null, null, 0);

  /** The number of entries {@link #toString} shows. */
  private static final int ENTRIES_SHOWN = 4;

  // Package-private for the tests that check node-level invariants.
  final @Nullable Node<V> root4;
  final @Nullable Node<V> root6;
  private final int size;

  /** The content hash, computed on first use; 0 until then. */
  private int hash;

  private PrefixTrie(@Nullable Node<V> root4, @Nullable Node<V> root6, int size) {
    this.root4 = root4;
    this.root6 = root6;
    this.size = size;
  }

  /** The empty trie. */
  @SuppressWarnings("unchecked")
  public static <V> PrefixTrie<V> empty() {
    return (PrefixTrie<V>) EMPTY;
  }

  /** The number of entries, in constant time. */
  public int size() {
    return size;
  }

  /** Whether this trie has no entries. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The value of exactly {@code prefix}, or null when it has none. */
  public @Nullable V get(Prefix prefix) {
    Keyed<V> found = find(prefix);
    return found == null ? null : found.value;
  }

  /** Whether exactly {@code prefix} has a value. */
  public boolean containsKey(Prefix prefix) {
    return find(prefix) != null;
  }

  private @Nullable Keyed<V> find(Prefix prefix) {
    return MutableTrie.find(root(prefix), prefix.hi(), prefix.lo(), prefix.length());
  }

  private @Nullable Node<V> root(Prefix prefix) {
    return prefix.isIpv4() ? root4 : root6;
  }

  /**
   * This trie with {@code prefix} mapped to {@code value}; this very trie when {@code value} is
   * already the value of {@code prefix} (the same object).
   */
  public PrefixTrie<V> put(Prefix prefix, V value) {
    requireNonNull(value, "value");
    MutableTrie<V> edit = copyOnWrite();
    edit.put(prefix, value);
    return withRoots(edit);
  }

  /** This trie without {@code prefix}; this very trie when {@code prefix} has no value. */
  public PrefixTrie<V> remove(Prefix prefix) {
    MutableTrie<V> edit = copyOnWrite();
    edit.remove(prefix);
    return withRoots(edit);
  }

  /**
   * This trie with the value of {@code prefix} replaced by what {@code function} makes of it: the
   * function gets the current value or null, and returns the new value or null to remove the
   * prefix. When it returns the value it got (the same object, or null for an absent prefix), the
   * result is this very trie.
   */
  public PrefixTrie<V> update(Prefix prefix, UnaryOperator<@Nullable V> function) {
    MutableTrie<V> edit = copyOnWrite();
    edit.update(prefix, function);
    return withRoots(edit);
  }

  private MutableTrie<V> copyOnWrite() {
    return new MutableTrie<>(root4, root6, size, false);
  }

  private PrefixTrie<V> withRoots(MutableTrie<V> edit) {
    return edit.root4 == root4 && edit.root6 == root6
        ? this
        : new PrefixTrie<>(edit.root4, edit.root6, edit.size);
  }

  /**
   * The most specific entry whose prefix contains {@code address}: the route a router would use.
   */
  public Optional<Entry<V>> longestMatch(IpAddress address) {
    Node<V> root = address.isIpv4() ? root4 : root6;
    Keyed<V> match = longestMatch(root, address.hi(), address.lo(), address.family().bits(), null);
    return Optional.ofNullable(match).map(PrefixTrie::entry);
  }

  /** The most specific entry whose prefix contains {@code prefix}, or is equal to it. */
  public Optional<Entry<V>> longestMatch(Prefix prefix) {
    Keyed<V> match = longestMatch(root(prefix), prefix.hi(), prefix.lo(), prefix.length(), null);
    return Optional.ofNullable(match).map(PrefixTrie::entry);
  }

  /**
   * The entries whose prefix contains {@code prefix} or is equal to it, shortest (least specific)
   * first.
   */
  public Stream<Entry<V>> covering(Prefix prefix) {
    List<Keyed<V>> matches = new ArrayList<>();
    longestMatch(root(prefix), prefix.hi(), prefix.lo(), prefix.length(), matches);
    return matches.stream().map(PrefixTrie::entry);
  }

  /**
   * Walks from {@code root} along the key {@code (hi, lo, length)} and returns the last keyed node
   * whose key is a prefix of it, adding every such node to {@code matches} when given. A node whose
   * key is not a prefix of the argument ends the walk: no key below it can be.
   */
  private static <V> @Nullable Keyed<V> longestMatch(
      @Nullable Node<V> root, long hi, long lo, int length, @Nullable List<Keyed<V>> matches) {
    Keyed<V> best = null;
    Node<V> node = root;
    while (node != null) {
      int position = node.position();
      if (position > length) {
        break;
      }
      if (node instanceof Keyed<V> keyed) {
        if (!keyed.isPrefixOf(hi, lo)) {
          break;
        }
        best = keyed;
        if (matches != null) {
          matches.add(keyed);
        }
      }
      if (position == length) {
        break;
      }
      node = Node.child(node, Node.bit(hi, lo, position));
    }
    return best;
  }

  /** The entries whose prefix lies inside {@code prefix} or is equal to it, in prefix order. */
  public Stream<Entry<V>> coveredBy(Prefix prefix) {
    long hi = prefix.hi();
    long lo = prefix.lo();
    int length = prefix.length();
    Node<V> node = root(prefix);
    while (node != null && node.position() < length) {
      node = Node.child(node, Node.bit(hi, lo, node.position()));
    }
    if (node == null) {
      return Stream.empty();
    }
    // The walk did not check branches' positions: the subtree reached is inside the prefix only
    // if its keys start with it.
    Keyed<V> key = Node.positionKey(node);
    if (Node.commonPrefixLength(key.hi(), key.lo(), hi, lo) < length) {
      return Stream.empty();
    }
    return entries(new PrefixOrderIterator<>(node, null), Spliterator.ORDERED);
  }

  /** The entries in prefix order. */
  public Stream<Entry<V>> stream() {
    return entries(
        new PrefixOrderIterator<>(root4, root6), Spliterator.ORDERED | Spliterator.SIZED);
  }

  private Stream<Entry<V>> entries(Iterator<Keyed<V>> nodes, int characteristics) {
    Iterator<Entry<V>> entries = new EntryIterator<>(nodes);
    int always = Spliterator.DISTINCT | Spliterator.NONNULL | Spliterator.IMMUTABLE;
    Spliterator<Entry<V>> spliterator =
        (characteristics & Spliterator.SIZED) != 0
            ? Spliterators.spliterator(entries, size, characteristics | always)
            : Spliterators.spliteratorUnknownSize(entries, characteristics | always);
    return StreamSupport.stream(spliterator, false);
  }

  /** The entries in prefix order. */
  @Override
  public Iterator<Entry<V>> iterator() {
    return new EntryIterator<>(new PrefixOrderIterator<>(root4, root6));
  }

  /**
   * Calls {@code action} with every prefix and its value in prefix order, without making an {@link
   * Entry} for each.
   */
  public void forEach(BiConsumer<? super Prefix, ? super V> action) {
    forEach(root4, action);
    forEach(root6, action);
  }

  /** Pre-order; the recursion is as deep as the trie, at most 129 nodes. */
  private static <V> void forEach(
      @Nullable Node<V> node, BiConsumer<? super Prefix, ? super V> action) {
    if (node == null) {
      return;
    }
    if (node instanceof Keyed<V> keyed) {
      action.accept(keyed.prefix(), keyed.value);
    }
    forEach(Node.child(node, false), action);
    forEach(Node.child(node, true), action);
  }

  /**
   * The changes that turn this trie into {@code newer}, in prefix order: a prefix only here is
   * {@linkplain Change.Kind#REMOVED removed}, one only in {@code newer} is {@linkplain
   * Change.Kind#ADDED added}, and one whose values are not {@linkplain Object#equals equal} is
   * {@linkplain Change.Kind#REPLACED replaced}. Subtrees the two tries share are skipped unseen, so
   * diffing two versions of one trie that differ in k prefixes costs about k times the depth,
   * whatever their size. The stream is lazy.
   */
  public Stream<Change<V>> diff(PrefixTrie<V> newer) {
    Iterator<Change<V>> changes = new DiffIterator<>(root4, newer.root4, root6, newer.root6);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            changes, Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL),
        false);
  }

  /** A new batch editor that starts from this trie. */
  public Editor<V> editor() {
    return new Editor<>(new MutableTrie<>(root4, root6, size, true));
  }

  /** Whether {@code o} is a trie with the same prefixes and equal values. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof PrefixTrie<?> other) || other.size != size) {
      return false;
    }
    @SuppressWarnings("unchecked")
    PrefixTrie<V> same = (PrefixTrie<V>) other;
    return diff(same).findAny().isEmpty();
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0 && size > 0) {
      int[] sum = {0};
      forEach((prefix, value) -> sum[0] += prefix.hashCode() ^ value.hashCode());
      h = sum[0];
      hash = h;
    }
    return h;
  }

  /** The size and the first few entries, for example {@code PrefixTrie{2: 10.0.0.0/8=a, ...}}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("PrefixTrie{").append(size);
    String separator = ": ";
    Iterator<Entry<V>> entries = iterator();
    for (int i = 0; i < ENTRIES_SHOWN && entries.hasNext(); i++) {
      Entry<V> entry = entries.next();
      text.append(separator).append(entry.prefix()).append('=').append(entry.value());
      separator = ", ";
    }
    if (entries.hasNext()) {
      text.append(", ...");
    }
    return text.append('}').toString();
  }

  private static <V> Entry<V> entry(Keyed<V> keyed) {
    return new Entry<>(keyed.prefix(), keyed.value);
  }

  private static final class EntryIterator<V> implements Iterator<Entry<V>> {
    private final Iterator<Keyed<V>> nodes;

    EntryIterator(Iterator<Keyed<V>> nodes) {
      this.nodes = nodes;
    }

    @Override
    public boolean hasNext() {
      return nodes.hasNext();
    }

    @Override
    public Entry<V> next() {
      return entry(nodes.next());
    }
  }

  /**
   * A prefix and its value in a {@link PrefixTrie}.
   *
   * @param prefix the prefix
   * @param value its value, never null
   */
  public record Entry<V>(Prefix prefix, V value) {
    /** Checks that neither component is null. */
    public Entry {
      requireNonNull(prefix, "prefix");
      requireNonNull(value, "value");
    }
  }

  /**
   * How the value of one prefix differs between two tries: {@linkplain Kind#ADDED added} when there
   * was no old value, {@linkplain Kind#REMOVED removed} when there is no new one, {@linkplain
   * Kind#REPLACED replaced} otherwise.
   *
   * @param prefix the prefix
   * @param oldValue the value in the older trie, null when it had none
   * @param newValue the value in the newer trie, null when it has none
   */
  public record Change<V>(Prefix prefix, @Nullable V oldValue, @Nullable V newValue) {
    /** Checks that the prefix is not null and that at least one value is present. */
    public Change {
      requireNonNull(prefix, "prefix");
      checkArgument(
          oldValue != null || newValue != null,
          "oldValue, newValue: both null for %s (expected: at least one value)",
          prefix);
    }

    /** What kind of change this is. */
    public Kind kind() {
      return oldValue == null ? Kind.ADDED : newValue == null ? Kind.REMOVED : Kind.REPLACED;
    }

    /** The kinds of {@link Change}. */
    public enum Kind {
      /** The prefix has a value now and had none before. */
      ADDED,
      /** The prefix had a value before and has none now. */
      REMOVED,
      /** The prefix has a value that is not equal to the one it had. */
      REPLACED
    }
  }

  /**
   * A batch editor that is not thread-safe: it applies many edits to a trie in place and {@link
   * #freeze freezes} them into a new {@link PrefixTrie}, for bulk loads and for applying a burst of
   * changes at once.
   *
   * <p>Use it from one thread at a time and let no other thread see it. The editor starts from the
   * trie it was made from and never changes that trie or any other: the nodes it changes in place
   * are nodes it made itself, which no trie shares. {@link #freeze()} gives the trie as edited so
   * far; the editor stays usable, and later edits copy what they touch, so a frozen trie never
   * changes either. Freezing costs time in proportion to the nodes made since the last freeze.
   *
   * <p>Puts, removes and updates are gathered and applied together, in the order of their
   * addresses' leading bits, when {@link #get}, {@link #size} or {@link #freeze} is next called.
   * The result is the same as applying them one by one, since the edits of one prefix keep their
   * order; but an update's function runs then, not when {@link #update} is called, and an exception
   * it throws comes out of that later call: the edits applied before it (in the order above) stay,
   * the rest are dropped. A full table fed in random order so loads several times faster than with
   * edits applied one by one, whose every walk down the trie would miss the CPU caches.
   *
   * @param <V> the type of the values
   */
  public static final class Editor<V> {
    private final MutableTrie<V> trie;
    private final PendingEdits<V> pending = new PendingEdits<>();

    private Editor(MutableTrie<V> trie) {
      this.trie = trie;
    }

    /** Maps {@code prefix} to {@code value}, replacing any value it had; returns this editor. */
    public Editor<V> put(Prefix prefix, V value) {
      requireNonNull(value, "value");
      pending.put(prefix, value);
      return this;
    }

    /** Removes {@code prefix}, if it has a value; returns this editor. */
    public Editor<V> remove(Prefix prefix) {
      pending.remove(prefix);
      return this;
    }

    /**
     * Replaces the value of {@code prefix} with what {@code function} makes of the current value or
     * null; a null result removes the prefix. Returns this editor. The function runs when the
     * pending edits are applied (see above), so it must depend on nothing but its argument.
     */
    public Editor<V> update(Prefix prefix, UnaryOperator<@Nullable V> function) {
      requireNonNull(function, "function");
      pending.update(prefix, function);
      return this;
    }

    /**
     * Replaces the value of every prefix of {@code family} with what {@code function} makes of the
     * prefix and its value: null removes the prefix, the very same value keeps it. Unlike the edits
     * above, this runs at once (after the pending edits), calls the function once per prefix in
     * prefix order, and costs one walk over the family's entries however many change: for edits of
     * a whole table, such as dropping the routes of a peer, it is much cheaper than one {@link
     * #update} per prefix. An exception thrown by the function propagates at once and leaves the
     * family as it was before this call. Returns this editor.
     */
    public Editor<V> replaceAll(
        AddressFamily family,
        BiFunction<? super Prefix, ? super V, ? extends @Nullable V> function) {
      requireNonNull(function, "function");
      applyPending().replaceAll(family == AddressFamily.IPV6, function);
      return this;
    }

    /** The value of exactly {@code prefix} as edited so far, or null. */
    public @Nullable V get(Prefix prefix) {
      return applyPending().get(prefix);
    }

    /** The number of entries as edited so far. */
    public int size() {
      return applyPending().size;
    }

    /** The trie as edited so far. Later edits through this editor do not change it. */
    public PrefixTrie<V> freeze() {
      MutableTrie<V> edited = applyPending();
      edited.freeze();
      return new PrefixTrie<>(edited.root4, edited.root6, edited.size);
    }

    private MutableTrie<V> applyPending() {
      pending.applyTo(trie);
      return trie;
    }
  }
}
