package id.pantau.dashboard;

/**
 * The dashboard API's refusals; {@code http.ApiResponses} maps each to its HTTP status in one
 * place. Messages are for the person reading the response: they name what is wrong.
 */
public abstract sealed class ApiException extends RuntimeException
    permits ApiException.BadRequest, ApiException.Unauthorized, ApiException.Forbidden, ApiException.NotFound,
    ApiException.Conflict, ApiException.Unavailable, ApiException.TooManyRequests, ApiException.BodyRefused {

  private ApiException(String message) {
    super(message, null, false, false);
  }

  /** 400: a parameter that cannot be used. */
  public static final class BadRequest extends ApiException {
    private final String parameter;

    public BadRequest(String parameter, String message) {
      super(message);
      this.parameter = parameter;
    }

    public String parameter() {
      return parameter;
    }
  }

  /** 401: an operator action without a valid token. */
  public static final class Unauthorized extends ApiException {
    public Unauthorized(String message) {
      super(message);
    }
  }

  /** 403: a valid token that does not allow this (another city's data). */
  public static final class Forbidden extends ApiException {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** 404: no such city, kecamatan, complaint or endpoint. */
  public static final class NotFound extends ApiException {
    public NotFound(String message) {
      super(message);
    }
  }

  /** 409: the request contradicts what exists (a gateway id taken, a sensor registered elsewhere). */
  public static final class Conflict extends ApiException {
    public Conflict(String message) {
      super(message);
    }
  }

  /** 503: the data cannot be read right now. */
  public static final class Unavailable extends ApiException {
    public Unavailable(String message) {
      super(message);
    }
  }

  /** 429, or 503 when the whole node is full: come back after {@code retryAfterSeconds} (sent as Retry-After). */
  public static final class TooManyRequests extends ApiException {
    private final long retryAfterSeconds;
    private final boolean nodeFull;

    public TooManyRequests(String message, long retryAfterSeconds, boolean nodeFull) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
      this.nodeFull = nodeFull;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }

    public int status() {
      return nodeFull ? 503 : 429;
    }
  }

  /** 413 or 415: a request body this endpoint does not take (too large, or not JSON); it is not read. */
  public static final class BodyRefused extends ApiException {
    private final int status;

    public BodyRefused(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
