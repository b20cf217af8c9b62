package io.carrack.remoting.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The header fields of a command: a small insertion-ordered map over two arrays. A request has a dozen
 * fields, looked up a few times each by constant names; decoded keys are the canonical String instances
 * of {@link HeaderKeys}, so most lookups succeed on reference equality and none hashes. Costs two small
 * arrays instead of a HashMap's table and one node per entry.
 *
 * <p>Thread safety: not thread-safe, like the command that holds it.
 */
public final class FieldMap extends AbstractMap<String, String> {
    private String[] keys;
    private String[] values;
    private int size;
    private int modCount;

    /** An empty map with room for 8 fields. */
    public FieldMap() {
        this(8);
    }

    /** An empty map with room for {@code capacity} fields before it grows. */
    public FieldMap(int capacity) {
        keys = new String[Math.max(2, capacity)];
        values = new String[keys.length];
    }

    private int indexOf(Object key) {
        String[] k = keys;
        int n = size;
        for (int i = 0; i < n; i++) {
            if (k[i] == key) {
                return i;
            }
        }
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (key.equals(k[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String put(String key, String value) {
        int i = indexOf(key);
        if (i >= 0) {
            String old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        modCount++;
        return null;
    }

    /**
     * Adds or replaces a field whose key is a canonical {@link HeaderKeys} instance: an equal key already
     * present is then the same instance, so only references are compared.
     */
    void putCanonical(String key, String value) {
        String[] k = keys;
        int n = size;
        for (int i = 0; i < n; i++) {
            if (k[i] == key) {
                values[i] = value;
                return;
            }
        }
        if (n == k.length) {
            keys = Arrays.copyOf(k, n * 2);
            values = Arrays.copyOf(values, n * 2);
        }
        keys[n] = key;
        values[n] = value;
        size = n + 1;
        modCount++;
    }

    @Override
    public String remove(Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        String old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(keys, i + 1, keys, i, tail);
            System.arraycopy(values, i + 1, values, i, tail);
        }
        size--;
        keys[size] = null;
        values[size] = null;
        modCount++;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        modCount++;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new EntryIterator();
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public void clear() {
                FieldMap.this.clear();
            }
        };
    }

    private final class EntryIterator implements Iterator<Map.Entry<String, String>> {
        private int next;
        private int last = -1;
        private int expectedModCount = modCount;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Map.Entry<String, String> next() {
            if (modCount != expectedModCount) {
                throw new ConcurrentModificationException();
            }
            if (next >= size) {
                throw new NoSuchElementException();
            }
            last = next++;
            return new Entry(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            if (modCount != expectedModCount) {
                throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expectedModCount = modCount;
        }
    }

    private final class Entry implements Map.Entry<String, String> {
        private final int index;
        private final String key;

        Entry(int index) {
            this.index = index;
            this.key = keys[index];
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public String getValue() {
            return index < size && keys[index] == key ? values[index] : FieldMap.this.get(key);
        }

        @Override
        public String setValue(String value) {
            int i = index < size && keys[index] == key ? index : indexOf(key);
            if (i < 0) {
                throw new IllegalStateException("entry " + key + " was removed");
            }
            String old = values[i];
            values[i] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && java.util.Objects.equals(key, e.getKey())
                    && java.util.Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(key) ^ java.util.Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
