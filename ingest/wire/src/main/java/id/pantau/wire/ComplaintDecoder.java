package id.pantau.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Decodes a protocol v1 complaint event batch. Thread-safe. */
public final class ComplaintDecoder extends BatchDecoder<List<ComplaintEvent>, ComplaintBatch> {
  private static final int MAX_TEXT = 4000;
  private static final int MAX_NAME = 64;

  public ComplaintDecoder(DecodeLimits limits) {
    super(limits);
  }

  @Override
  protected String itemsField() {
    return "events";
  }

  @Override
  protected List<ComplaintEvent> newAccumulator() {
    return new ArrayList<>();
  }

  @Override
  protected int count(List<ComplaintEvent> acc) {
    return acc.size();
  }

  @Override
  protected ComplaintBatch build(BatchId id, List<ComplaintEvent> acc) {
    return new ComplaintBatch(id, acc);
  }

  @Override
  protected void readItem(JsonParser p, int index, List<ComplaintEvent> acc, long nowMillis)
      throws IOException, RejectedException {
    String id = null;
    ComplaintEvent.Lifecycle event = null;
    Long ts = null;
    String category = null;
    String kelurahan = null;
    Double lat = null;
    Double lon = null;
    String channel = null;
    String priority = null;
    String text = null;
    Set<String> unknown = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> {
          once(id != null, index, field);
          id = readId(p, index, "id");
        }
        case "event" -> {
          once(event != null, index, field);
          event = readEvent(p, index);
        }
        case "ts" -> {
          once(ts != null, index, field);
          ts = readLong(p, index, "ts");
        }
        case "category" -> {
          once(category != null, index, field);
          category = oneOf(p, index, "category", ComplaintCatalogue.CATEGORIES);
        }
        case "kelurahan" -> {
          once(kelurahan != null, index, field);
          kelurahan = bounded(p, index, "kelurahan", MAX_NAME);
        }
        case "lat" -> {
          once(lat != null, index, field);
          lat = inRange(p, index, "lat", 90);
        }
        case "lon" -> {
          once(lon != null, index, field);
          lon = inRange(p, index, "lon", 180);
        }
        case "channel" -> {
          once(channel != null, index, field);
          channel = oneOf(p, index, "channel", ComplaintCatalogue.CHANNELS);
        }
        case "priority" -> {
          once(priority != null, index, field);
          priority = oneOf(p, index, "priority", ComplaintCatalogue.PRIORITIES);
        }
        case "text" -> {
          once(text != null, index, field);
          text = bounded(p, index, "text", MAX_TEXT);
        }
        default -> {
          unknown = onceUnknown(unknown, index, field);
          p.skipChildren();
        }
      }
    }
    require(id != null, index, "id");
    require(event != null, index, "event");
    require(ts != null, index, "ts");
    checkTimestamp(ts, index, "ts", nowMillis);
    if (event == ComplaintEvent.Lifecycle.CREATED) {
      require(category != null, index, "category");
    }
    acc.add(new ComplaintEvent(id, event, ts, category, kelurahan, lat, lon, channel, priority, text));
  }

  private ComplaintEvent.Lifecycle readEvent(JsonParser p, int index) throws IOException, RejectedException {
    String name = readString(p, index, "event");
    ComplaintEvent.Lifecycle l = ComplaintEvent.Lifecycle.byWireName(name);
    if (l == null) {
      throw reject(path(index, "event") + " '" + abbreviate(name)
          + "' is not one of created, dispatched, in_progress, resolved, closed, rejected, reopened");
    }
    return l;
  }

  private String oneOf(JsonParser p, int index, String field, Set<String> allowed) throws IOException, RejectedException {
    String s = readString(p, index, field);
    if (!allowed.contains(s)) {
      throw reject(path(index, field) + " '" + abbreviate(s) + "' is not one of " + new java.util.TreeSet<>(allowed));
    }
    return s;
  }

  private String bounded(JsonParser p, int index, String field, int max) throws IOException, RejectedException {
    String s = readString(p, index, field);
    if (s.length() > max) {
      throw reject(path(index, field) + " is longer than " + max + " characters");
    }
    return s;
  }

  private Double inRange(JsonParser p, int index, String field, double bound) throws IOException, RejectedException {
    double v = readFiniteNumber(p, index, field);
    if (v < -bound || v > bound) {
      throw reject(path(index, field) + " must be between -" + (int) bound + " and " + (int) bound);
    }
    return v;
  }
}
