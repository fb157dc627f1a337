package id.pantau.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;

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
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  protected final DecodeLimits limits;

  protected BatchDecoder(DecodeLimits limits) {
    this.limits = limits;
  }

  /** The name of the items array, e.g. {@code readings}. */
  protected abstract String itemsField();

  protected abstract A newAccumulator();

  /** Reads one item; the parser is positioned on its START_OBJECT. */
  protected abstract void readItem(JsonParser p, String path, A acc, long nowMillis)
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

  private B readEnvelope(JsonParser p, String expectedGateway, long nowMillis) throws IOException, RejectedException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw reject("the payload must be a JSON object");
    }
    String gateway = null;
    Long boot = null;
    Long seq = null;
    A items = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "gateway" -> gateway = readId(p, "gateway");
        case "boot" -> boot = readNonNegativeLong(p, "boot");
        case "seq" -> seq = readNonNegativeLong(p, "seq");
        default -> {
          if (field.equals(itemsField())) {
            items = readItems(p, nowMillis);
          } else {
            p.skipChildren(); // unknown fields are ignored so that v1 can grow compatibly
          }
        }
      }
    }
    require(gateway, "gateway");
    require(boot, "boot");
    require(seq, "seq");
    require(items, itemsField());
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
      String path = field + "[" + index + "]";
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw reject(path + " must be an object");
      }
      readItem(p, path, acc, nowMillis);
      index++;
    }
    if (count(acc) == 0) {
      throw reject("'" + field + "' is empty; a batch holds 1 to " + limits.maxItems() + " items");
    }
    return acc;
  }

  // ---- helpers for subclasses ----

  protected static String readId(JsonParser p, String path) throws IOException, RejectedException {
    String s = readString(p, path);
    if (!Ids.isValid(s)) {
      throw reject(path + " '" + abbreviate(s) + "' is not a valid id (1 to 64 letters, digits, '.', '_', '-')");
    }
    return s;
  }

  protected static String readString(JsonParser p, String path) throws IOException, RejectedException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw reject(path + " must be a string");
    }
    return p.getText();
  }

  protected static long readLong(JsonParser p, String path) throws IOException, RejectedException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw reject(path + " must be an integer");
    }
    return p.getLongValue();
  }

  protected static long readNonNegativeLong(JsonParser p, String path) throws IOException, RejectedException {
    long v = readLong(p, path);
    if (v < 0) {
      throw reject(path + " must not be negative");
    }
    return v;
  }

  protected static double readFiniteNumber(JsonParser p, String path) throws IOException, RejectedException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw reject(path + " must be a number");
    }
    double v = p.getDoubleValue();
    if (!Double.isFinite(v)) {
      throw reject(path + " must be a finite number");
    }
    return v;
  }

  /** Checks an epoch-millisecond timestamp against the allowed clock skew and the retention. */
  protected void checkTimestamp(long ts, String path, long nowMillis) throws RejectedException {
    long aheadMillis = ts - nowMillis;
    if (aheadMillis > limits.clockSkew().toMillis()) {
      throw reject(path + " is " + aheadMillis / 1000 + " s in the future (allowed clock skew "
          + limits.clockSkew().toSeconds() + " s); fix the gateway's clock");
    }
    if (nowMillis - ts > limits.maxAge().toMillis()) {
      throw reject(path + " is older than the raw-data retention of " + limits.maxAge().toDays() + " days");
    }
  }

  protected static <T> T require(T value, String path) throws RejectedException {
    if (value == null) {
      throw reject("missing field '" + path + "'");
    }
    return value;
  }

  protected static RejectedException reject(String detail) {
    return new RejectedException(Rejection.invalid(detail));
  }

  private static String abbreviate(String s) {
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
