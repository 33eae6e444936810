package io.srekit.spring;

/**
 * Values by key <em>identity</em> for the request path: an open-addressing array of interleaved
 * keys and values, probed from {@link System#identityHashCode}, replaced copy-on-write under a lock
 * and read without one. A read is one volatile load and usually one probe: no {@code hashCode}, no
 * {@code equals}, no allocation. Keys are what a deployment has (handler methods), so the table
 * stays small; {@link #putIfAbsent} past {@code maxSize} stores nothing unless told to.
 *
 * @param <V> the values
 */
final class IdentityTable<V> {

  private final int maxSize;
  private volatile Object[] slots = new Object[2 * 16];
  private int size;

  IdentityTable(int maxSize) {
    this.maxSize = maxSize;
  }

  private static int index(Object key, int mask) {
    int h = System.identityHashCode(key);
    return (h ^ (h >>> 16)) & mask;
  }

  /** The value stored for exactly {@code key}, or {@code null}. */
  @SuppressWarnings("unchecked")
  V get(Object key) {
    Object[] s = slots;
    int mask = (s.length >> 1) - 1;
    for (int i = index(key, mask); ; i = (i + 1) & mask) {
      Object k = s[2 * i];
      if (k == key) {
        return (V) s[2 * i + 1];
      }
      if (k == null) {
        return null;
      }
    }
  }

  /**
   * Stores {@code value} for {@code key} unless a value is stored already (then returns that one)
   * or the table holds {@code maxSize} keys and {@code beyondBound} is false (then stores nothing
   * and returns {@code value}).
   */
  synchronized V putIfAbsent(Object key, V value, boolean beyondBound) {
    V existing = get(key);
    if (existing != null) {
      return existing;
    }
    if (size >= maxSize && !beyondBound) {
      return value;
    }
    Object[] s = slots;
    int capacity = s.length >> 1;
    Object[] copy = (size + 1) * 2 > capacity ? rehash(s, capacity * 2) : s.clone();
    insert(copy, key, value);
    size++;
    slots = copy;
    return value;
  }

  /** Keys stored. */
  synchronized int size() {
    return size;
  }

  private static Object[] rehash(Object[] s, int capacity) {
    Object[] copy = new Object[2 * capacity];
    for (int i = 0; i < s.length; i += 2) {
      if (s[i] != null) {
        insert(copy, s[i], s[i + 1]);
      }
    }
    return copy;
  }

  private static void insert(Object[] s, Object key, Object value) {
    int mask = (s.length >> 1) - 1;
    int i = index(key, mask);
    while (s[2 * i] != null) {
      i = (i + 1) & mask;
    }
    s[2 * i] = key;
    s[2 * i + 1] = value;
  }
}
