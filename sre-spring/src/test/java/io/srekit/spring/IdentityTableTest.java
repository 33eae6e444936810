package io.srekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityTableTest {

  @Test
  void findsValuesByIdentityNotByEquality() {
    IdentityTable<String> table = new IdentityTable<>(8);
    String key = new String("/users/{id}");

    table.putIfAbsent(key, "v", false);

    assertThat(table.get(key)).isEqualTo("v");
    assertThat(table.get(new String("/users/{id}"))).isNull();
  }

  @Test
  void keepsTheFirstValueOfAKey() {
    IdentityTable<String> table = new IdentityTable<>(8);
    Object key = new Object();

    assertThat(table.putIfAbsent(key, "first", false)).isEqualTo("first");
    assertThat(table.putIfAbsent(key, "second", false)).isEqualTo("first");
    assertThat(table.get(key)).isEqualTo("first");
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void growsPastItsFirstCapacityAndFindsEveryKey() {
    IdentityTable<Integer> table = new IdentityTable<>(1000);
    Object[] keys = new Object[500];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new Object();
      table.putIfAbsent(keys[i], i, false);
    }

    for (int i = 0; i < keys.length; i++) {
      assertThat(table.get(keys[i])).isEqualTo(i);
    }
    assertThat(table.get(new Object())).isNull();
    assertThat(table.size()).isEqualTo(500);
  }

  @Test
  void storesNothingPastItsBoundUnlessTold() {
    IdentityTable<String> table = new IdentityTable<>(2);
    table.putIfAbsent(new Object(), "a", false);
    table.putIfAbsent(new Object(), "b", false);
    Object third = new Object();
    Object fourth = new Object();

    assertThat(table.putIfAbsent(third, "c", false)).isEqualTo("c");
    assertThat(table.get(third)).isNull();
    table.putIfAbsent(fourth, "d", true);
    assertThat(table.get(fourth)).isEqualTo("d");
    assertThat(table.size()).isEqualTo(3);
  }
}
