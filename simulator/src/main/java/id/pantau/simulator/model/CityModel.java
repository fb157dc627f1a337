package id.pantau.simulator.model;

import id.pantau.simulator.scenario.Scenario;

/**
 * The value a sensor reads at a moment of model time: the daily pattern of its metric, the
 * weather in its zone, the river model for gauges, its own bias, and noise.
 */
public final class CityModel {
  private final ModelClock clock;
  private final Weather weather;
  private final RiverModel river;

  public CityModel(Scenario scenario, ModelClock clock) {
    this.clock = clock;
    this.weather = new Weather(scenario.rainEvents());
    this.river = new RiverModel(weather);
  }

  public ModelClock clock() {
    return clock;
  }

  public Weather weather() {
    return weather;
  }

  public RiverModel river() {
    return river;
  }

  /** The reading of a slot at a wall-clock time (the model clock decides hour and weather). */
  public double value(SensorSlot s, long wallMillis) {
    double minute = clock.minuteAt(wallMillis);
    double hour = clock.hourOfDay(minute);
    double rain = weather.rainMmPerHour(s.zone(), minute);
    double traffic = DailyPatterns.traffic(hour) * s.bias() * zoneTraffic(s.zone());
    double intervalMinutes = s.intervalMillis() / 60_000.0;
    double v = switch (s.metric()) {
      case PM25 -> DailyPatterns.pm25(hour, rain) * s.bias() * zoneTraffic(s.zone()) + s.gaussian(3);
      case PM10 -> 1.7 * DailyPatterns.pm25(hour, rain) * s.bias() * zoneTraffic(s.zone()) + s.gaussian(5);
      case NO2 -> 15 + 55 * traffic + s.gaussian(4);
      case CO -> 400 + 1600 * traffic + s.gaussian(60);
      case O3 -> 15 + 70 * DailyPatterns.sunlight(hour) * (rain > 0 ? 0.5 : 1) + s.gaussian(4);
      case SO2 -> 8 + s.gaussian(2);
      case TRAFFIC_COUNT -> Math.round(Math.max(0, 35 * intervalMinutes * traffic * (1 - Math.min(0.4, rain / 100))
          + s.gaussian(2 + 3 * traffic)));
      case TRAFFIC_SPEED_KMH -> 55 - 38 * Math.min(1, traffic) - rain / 5 + s.gaussian(3);
      case RAINFALL_MM -> rain <= 0 ? 0 : rain * s.intervalMillis() / 3_600_000.0 * (0.8 + 0.4 * s.uniform());
      case TEMPERATURE_C -> DailyPatterns.temperature(hour, rain) + s.gaussian(0.4);
      case HUMIDITY_PCT -> DailyPatterns.humidity(DailyPatterns.temperature(hour, rain), rain) + s.gaussian(1.5);
      case NOISE_DB -> 48 + 26 * Math.min(1, traffic) + s.gaussian(2);
      case STREETLIGHT_POWER_W -> DailyPatterns.dark(hour) && !s.faulty() ? 150 + s.gaussian(4) : 0;
      case BIN_FILL_PCT -> DailyPatterns.binFill(hour, 10 * s.bias()) + s.gaussian(1);
      case WATER_LEVEL_CM -> s.gauge() == null ? 0 : river.levelCm(s.gauge(), minute) + s.gaussian(1.5);
    };
    return round(clamp(s, v));
  }

  private static double clamp(SensorSlot s, double v) {
    return switch (s.metric()) {
      case HUMIDITY_PCT, BIN_FILL_PCT -> Math.max(0, Math.min(100, v));
      default -> Math.max(0, v);
    };
  }

  /** Central Bandung carries the most traffic; the northern hills the least. */
  private static double zoneTraffic(String zone) {
    return switch (zone) {
      case "central" -> 1.2;
      case "north" -> 0.85;
      default -> 1.0;
    };
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
