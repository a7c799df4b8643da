package io.elavira.llm.http.internal;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * A source that hands out at most {@code limit} bytes, then fails when more is asked of it and the
 * server has more: everything before the limit is still processed. Not API.
 */
final class BoundedSource extends ForwardingSource {
  private final long limit;
  private long read;

  BoundedSource(Source delegate, long limit) {
    super(delegate);
    this.limit = limit;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    if (read >= limit) {
      Buffer probe = new Buffer();
      if (super.read(probe, 1) == -1) {
        return -1;
      }
      throw new ResponseTooLargeException(limit);
    }
    long n = super.read(sink, Math.min(byteCount, limit - read));
    if (n > 0) {
      read += n;
    }
    return n;
  }
}
