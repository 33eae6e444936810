package io.srekit.slo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The period an SLO's budget is counted over: a rolling window (30 days by default, 28 days also
 * common) or a calendar month or week in a time zone. Immutable.
 */
public final class SloPeriod {

  /** The longest period the engine keeps history for. */
  public static final Duration MAX = Duration.ofDays(35);

  private enum Type {
    ROLLING,
    CALENDAR_MONTH,
    CALENDAR_WEEK
  }

  private final Type type;
  private final Duration length;
  private final ZoneId zone;

  private SloPeriod(Type type, Duration length, ZoneId zone) {
    this.type = type;
    this.length = length;
    this.zone = zone;
  }

  /**
   * A rolling period of {@code length}: the budget always covers the last {@code length}.
   *
   * @throws IllegalArgumentException if not in [1 h, 35 d] or not a whole number of hours
   */
  public static SloPeriod rolling(Duration length) {
    if (length == null
        || length.compareTo(Duration.ofHours(1)) < 0
        || length.compareTo(MAX) > 0
        || length.toMillis() % 3_600_000L != 0) {
      throw new IllegalArgumentException(
          "period: a rolling period must be whole hours in [1h, 35d], was " + length);
    }
    return new SloPeriod(Type.ROLLING, length, null);
  }

  /** The default: a rolling 30 days. */
  public static SloPeriod rolling30Days() {
    return rolling(Duration.ofDays(30));
  }

  /** A rolling 28 days (four whole weeks, so every weekday weighs the same). */
  public static SloPeriod rolling28Days() {
    return rolling(Duration.ofDays(28));
  }

  /**
   * Calendar months in {@code zone}: the budget resets at midnight on the 1st.
   *
   * @throws IllegalArgumentException if {@code zone} is null
   */
  public static SloPeriod calendarMonth(ZoneId zone) {
    return new SloPeriod(Type.CALENDAR_MONTH, Duration.ofDays(31), requireZone(zone, "month"));
  }

  /**
   * Calendar weeks (Monday to Sunday) in {@code zone}.
   *
   * @throws IllegalArgumentException if {@code zone} is null
   */
  public static SloPeriod calendarWeek(ZoneId zone) {
    return new SloPeriod(Type.CALENDAR_WEEK, Duration.ofDays(7), requireZone(zone, "week"));
  }

  private static ZoneId requireZone(ZoneId zone, String calendar) {
    if (zone == null) {
      throw new IllegalArgumentException(
          "zone: must not be null (a calendar " + calendar + " needs a time zone), was null");
    }
    return zone;
  }

  /** Whether the budget rolls (true) or resets on calendar boundaries. */
  public boolean isRolling() {
    return type == Type.ROLLING;
  }

  /**
   * The nominal length: the rolling length, 7 days for weeks, and for months the length of the
   * month containing {@code atMillis}.
   */
  public Duration length(long atMillis) {
    if (type != Type.CALENDAR_MONTH) {
      return length;
    }
    ZonedDateTime start = ZonedDateTime.ofInstant(Instant.ofEpochMilli(start(atMillis)), zone);
    return Duration.between(start, start.plusMonths(1));
  }

  /** The nominal length used for burn-rate factors: 30 days for calendar months. */
  public Duration nominalLength() {
    return type == Type.CALENDAR_MONTH ? Duration.ofDays(30) : length;
  }

  /** Where the budget period containing {@code nowMillis} starts. */
  public long start(long nowMillis) {
    return switch (type) {
      case ROLLING -> nowMillis - length.toMillis();
      case CALENDAR_MONTH ->
          ZonedDateTime.ofInstant(Instant.ofEpochMilli(nowMillis), zone)
              .with(TemporalAdjusters.firstDayOfMonth())
              .truncatedTo(ChronoUnit.DAYS)
              .toInstant()
              .toEpochMilli();
      case CALENDAR_WEEK ->
          ZonedDateTime.ofInstant(Instant.ofEpochMilli(nowMillis), zone)
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
              .truncatedTo(ChronoUnit.DAYS)
              .toInstant()
              .toEpochMilli();
    };
  }

  /** How {@code /slo} and the rules name this period: {@code 30d}, {@code month}, {@code week}. */
  public String label() {
    return switch (type) {
      case ROLLING -> PromDuration.format(length);
      case CALENDAR_MONTH -> "month";
      case CALENDAR_WEEK -> "week";
    };
  }

  /** The time zone of a calendar period, or {@code null} when rolling. */
  public ZoneId zone() {
    return zone;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SloPeriod p
        && p.type == type
        && p.length.equals(length)
        && Objects.equals(p.zone, zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, length, zone);
  }

  @Override
  public String toString() {
    return zone == null ? label() : label() + "@" + zone;
  }
}
