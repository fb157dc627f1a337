package id.pantau.ingest;

import id.pantau.wire.Rejection;

/**
 * What became of one message handed to the ingest path. Each transport turns it into its
 * acknowledgement in one place, through {@link Cases}: the compiler then insists that every
 * outcome is answered (a sealed switch, in the Java 17 the project targets).
 */
public sealed interface IngestOutcome {

  /** One method per outcome; a transport implements all of them, once. */
  interface Cases<R> {
    /** Committed: acknowledge. */
    R stored();

    /** The same (gateway, boot, seq) was committed before: acknowledge again, nothing stored twice. */
    R duplicate();

    /** Refused for good, with the wire's reason: acknowledge with it (the gateway must not resend it as is). */
    R refused(Rejection rejection);

    /** Not taken: the ingest buffer is full while the database is slow or away. Do not acknowledge. */
    R busy(String why);

    /** Not taken: the server is stopping. Do not acknowledge; the next server gets the redelivery. */
    R shuttingDown();
  }

  <R> R match(Cases<R> cases);

  Stored STORED = new Stored();
  Duplicate DUPLICATE = new Duplicate();
  ShuttingDown SHUTTING_DOWN = new ShuttingDown();

  static Refused refused(Rejection rejection) {
    return new Refused(rejection);
  }

  record Stored() implements IngestOutcome {
    @Override
    public <R> R match(Cases<R> cases) {
      return cases.stored();
    }
  }

  record Duplicate() implements IngestOutcome {
    @Override
    public <R> R match(Cases<R> cases) {
      return cases.duplicate();
    }
  }

  record Refused(Rejection rejection) implements IngestOutcome {
    @Override
    public <R> R match(Cases<R> cases) {
      return cases.refused(rejection);
    }
  }

  record Busy(String why) implements IngestOutcome {
    @Override
    public <R> R match(Cases<R> cases) {
      return cases.busy(why);
    }
  }

  record ShuttingDown() implements IngestOutcome {
    @Override
    public <R> R match(Cases<R> cases) {
      return cases.shuttingDown();
    }
  }
}
