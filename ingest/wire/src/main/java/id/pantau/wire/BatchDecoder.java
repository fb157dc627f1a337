package id.pantau.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Decodes and validates one batch message: the envelope ({@code gateway}, {@code boot},
 * {@code seq}) shared by telemetry and complaint batches, and an array of items that a
 * subclass reads. Streaming, so a 1 MiB batch is never held as a tree. A batch is accepted
 * or rejected whole; every rejection names the field or item at fault.
 *
 * @param <A> the accumulator a subclass collects items into
 * @param <B> the decoded batch
 */
public abstract class BatchDecoder<A, B> {
  // Duplicate names are refused by the decoders themselves (see once): Jackson's own detection
  // allocates a set for every object of three or more fields, i.e. for every reading.
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  protected final DecodeLimits limits;

  protected BatchDecoder(DecodeLimits limits) {
    this.limits = limits;
  }

  /** The name of the items array, e.g. {@code readings}. */
  protected abstract String itemsField();

  protected abstract A newAccumulator();

  /**
   * Reads item {@code index}; the parser is positioned on its START_OBJECT. Error paths are
   * built by {@link #path} only when something is wrong: this runs per reading.
   */
  protected abstract void readItem(JsonParser p, int index, A acc, long nowMillis)
      throws IOException, RejectedException;

  protected abstract int count(A acc);

  protected abstract B build(BatchId id, A acc);

  /**
   * @param expectedGateway the connection's authenticated gateway id; the payload must name it
   * @param nowMillis the server's clock, for the skew and age checks
   */
  public final B decode(byte[] payload, String expectedGateway, long nowMillis) throws RejectedException {
    if (payload.length > limits.maxPayloadBytes()) {
      throw new RejectedException(new Rejection(RejectReason.PACKET_TOO_LARGE,
          "payload is " + payload.length + " bytes; a message is at most " + limits.maxPayloadBytes() + " bytes"));
    }
    try (JsonParser p = JSON.createParser(payload)) {
      B batch = readEnvelope(p, expectedGateway, nowMillis);
      if (p.nextToken() != null) {
        throw reject("unexpected content after the batch object at " + location(p));
      }
      return batch;
    } catch (JsonProcessingException e) {
      throw reject("malformed JSON at " + location(e) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw reject("unreadable payload: " + e.getMessage());
    }
  }

  /**
   * The {@code gateway} a payload names, read without decoding the rest: a broker-fed node needs
   * it to know whose batch this is before checking it. Null when the payload names none or is
   * not a JSON object; the full decode then says what is wrong.
   */
  public static String gatewayNamedIn(byte[] payload) {
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("gateway")) {
          return value == JsonToken.VALUE_STRING && Ids.isValid(p.getText()) ? p.getText() : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private B readEnvelope(JsonParser p, String expectedGateway, long nowMillis) throws IOException, RejectedException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw reject("the payload must be a JSON object");
    }
    String gateway = null;
    Long boot = null;
    Long seq = null;
    A items = null;
    Set<String> unknown = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "gateway" -> {
          once(gateway != null, ENVELOPE, field);
          gateway = readId(p, ENVELOPE, "gateway");
        }
        case "boot" -> {
          once(boot != null, ENVELOPE, field);
          boot = readNonNegativeLong(p, "boot");
        }
        case "seq" -> {
          once(seq != null, ENVELOPE, field);
          seq = readNonNegativeLong(p, "seq");
        }
        default -> {
          if (field.equals(itemsField())) {
            once(items != null, ENVELOPE, field);
            items = readItems(p, nowMillis);
          } else {
            unknown = onceUnknown(unknown, ENVELOPE, field);
            p.skipChildren(); // unknown fields are ignored so that v1 can grow compatibly
          }
        }
      }
    }
    require(gateway != null, ENVELOPE, "gateway");
    require(boot != null, ENVELOPE, "boot");
    require(seq != null, ENVELOPE, "seq");
    require(items != null, ENVELOPE, itemsField());
    if (!gateway.equals(expectedGateway)) {
      throw new RejectedException(new Rejection(RejectReason.NOT_AUTHORIZED,
          "gateway '" + gateway + "' is not the connection's gateway '" + expectedGateway + "'"));
    }
    return build(new BatchId(gateway, boot, seq), items);
  }

  private A readItems(JsonParser p, long nowMillis) throws IOException, RejectedException {
    String field = itemsField();
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw reject("'" + field + "' must be an array");
    }
    A acc = newAccumulator();
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (index == limits.maxItems()) {
        throw new RejectedException(new Rejection(RejectReason.QUOTA_EXCEEDED,
            "'" + field + "' has more than " + limits.maxItems() + " items; a batch holds 1 to " + limits.maxItems()));
      }
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw reject(field + "[" + index + "] must be an object");
      }
      readItem(p, index, acc, nowMillis);
      index++;
    }
    if (count(acc) == 0) {
      throw reject("'" + field + "' is empty; a batch holds 1 to " + limits.maxItems() + " items");
    }
    return acc;
  }

  // ---- helpers for subclasses ----

  /** The index that stands for the envelope, outside the items array. */
  protected static final int ENVELOPE = -1;

  /** {@code readings[3].value} for an item's field, or the field name for the envelope. */
  protected final String path(int index, String field) {
    return index == ENVELOPE ? field : itemsField() + "[" + index + "]." + field;
  }

  /**
   * Refuses a field given twice in one object ({@code alreadySeen}: its value is set already).
   * Every reader refuses JSON null, so a set value always means the name came before.
   */
  protected final void once(boolean alreadySeen, int index, String field) throws RejectedException {
    if (alreadySeen) {
      throw reject(path(index, abbreviate(field)) + " is given twice");
    }
  }

  /** The same for names this version does not know; the set is allocated only when one appears. */
  protected final Set<String> onceUnknown(Set<String> seen, int index, String field) throws RejectedException {
    Set<String> names = seen == null ? new HashSet<>() : seen;
    once(!names.add(field), index, field);
    return names;
  }

  protected final String readId(JsonParser p, int index, String field) throws IOException, RejectedException {
    String s = readString(p, index, field);
    if (!Ids.isValid(s)) {
      throw reject(path(index, field) + " '" + abbreviate(s) + "' is not a valid id (1 to 64 letters, digits, '.', '_', '-')");
    }
    return s;
  }

  protected final String readString(JsonParser p, int index, String field) throws IOException, RejectedException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw reject(path(index, field) + " must be a string");
    }
    return p.getText();
  }

  protected final long readLong(JsonParser p, int index, String field) throws IOException, RejectedException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw reject(path(index, field) + " must be an integer");
    }
    return p.getLongValue();
  }

  private long readNonNegativeLong(JsonParser p, String field) throws IOException, RejectedException {
    long v = readLong(p, ENVELOPE, field);
    if (v < 0) {
      throw reject(field + " must not be negative");
    }
    return v;
  }

  protected final double readFiniteNumber(JsonParser p, int index, String field) throws IOException, RejectedException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw reject(path(index, field) + " must be a number");
    }
    double v = p.getDoubleValue();
    if (!Double.isFinite(v)) {
      throw reject(path(index, field) + " must be a finite number");
    }
    return v;
  }

  /** Checks an epoch-millisecond timestamp against the allowed clock skew and the retention. */
  protected final void checkTimestamp(long ts, int index, String field, long nowMillis) throws RejectedException {
    long aheadMillis = ts - nowMillis;
    if (aheadMillis > limits.clockSkew().toMillis()) {
      throw reject(path(index, field) + " is " + aheadMillis / 1000 + " s in the future (allowed clock skew "
          + limits.clockSkew().toSeconds() + " s); fix the gateway's clock");
    }
    if (nowMillis - ts > limits.maxAge().toMillis()) {
      throw reject(path(index, field) + " is older than the raw-data retention of " + limits.maxAge().toDays() + " days");
    }
  }

  protected final void require(boolean present, int index, String field) throws RejectedException {
    if (!present) {
      throw reject("missing field '" + path(index, field) + "'");
    }
  }

  protected static RejectedException reject(String detail) {
    return new RejectedException(Rejection.invalid(detail));
  }

  protected static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static String location(JsonParser p) {
    var loc = p.currentLocation();
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String location(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null ? "unknown position" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }
}
