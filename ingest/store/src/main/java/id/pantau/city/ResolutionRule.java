package id.pantau.city;

/**
 * How long a complaint of one category may stay unresolved: {@code amount} working days
 * (weekends and the city's holidays skipped) or hours (clock hours, for urgent categories).
 */
public record ResolutionRule(String category, int amount, Unit unit) {
  public enum Unit { WORKING_DAYS, HOURS }

  public ResolutionRule {
    if (category == null || category.isBlank() || amount < 1 || unit == null) {
      throw new IllegalArgumentException("a resolution rule needs a category, a positive amount and a unit");
    }
  }

  static Unit unit(String s) {
    return switch (s) {
      case "working_days" -> Unit.WORKING_DAYS;
      case "hours" -> Unit.HOURS;
      default -> throw new IllegalArgumentException("resolution unit must be working_days or hours, is '" + s + "'");
    };
  }
}
