package io.elavira.vector.hnswlib;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The changes written since the last snapshot, one fsynced entry per write: what makes every
 * acknowledged write durable without rewriting the whole graph. Not API.
 *
 * <p>The file starts with the generation of the snapshot it follows; a log of an older generation
 * (a crash between a new snapshot and its new log) is ignored, its changes being in the snapshot.
 * Each entry is its length, its CRC-32 and its bytes; reading stops at the first entry that is cut
 * short or does not match its checksum (a write the crash interrupted, never acknowledged), and the
 * file is truncated there so that later entries follow the last whole one. Not thread-safe: the
 * store's write lock guards it.
 */
final class ChangeLog implements AutoCloseable {
  static final String NAME = "hnswlib.log";
  private static final long MAGIC = 0x454C41565F4C4F47L; // "ELAV_LOG"
  private static final int HEADER = 16;
  private static final int MAX_ENTRY = Integer.MAX_VALUE - 16;
  private static final byte UPSERT = 1;
  private static final byte DELETE = 2;
  private static final byte CHECKPOINT = 3;

  private final FileChannel channel;

  private ChangeLog(FileChannel channel) {
    this.channel = channel;
  }

  /** What a replayed entry does. */
  interface Replay {
    void upsert(List<HnswItem> items);

    void delete(List<String> ids);

    void checkpoint(String checkpoint);
  }

  /** Creates an empty log of {@code generation} atomically, replacing any other. */
  static ChangeLog create(Path directory, long generation) throws IOException {
    Path file =
        SnapshotFile.writeAtomically(
            directory,
            NAME,
            channel -> {
              ByteBuffer header =
                  ByteBuffer.allocate(HEADER).putLong(MAGIC).putLong(generation).flip();
              while (header.hasRemaining()) {
                channel.write(header);
              }
            });
    return open(file);
  }

  /**
   * Applies the entries of the log that follows snapshot {@code generation}, truncates a torn tail,
   * and opens the log for appending; returns null when there is no log of that generation (the
   * caller then creates one).
   *
   * @return the open log, or null
   */
  static @org.jspecify.annotations.Nullable ChangeLog replay(
      Path directory, long generation, Replay replay) throws IOException {
    Path file = directory.resolve(NAME);
    if (!Files.exists(file)) {
      return null;
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      readFully(channel, header);
      header.flip();
      if (header.remaining() < HEADER
          || header.getLong() != MAGIC
          || header.getLong() != generation) {
        channel.close();
        return null; // torn header (never acknowledged) or an older generation
      }
      long valid = HEADER;
      ByteBuffer prefix = ByteBuffer.allocate(8);
      while (true) {
        prefix.clear();
        readFully(channel, prefix);
        if (prefix.position() < 8) {
          break;
        }
        prefix.flip();
        int length = prefix.getInt();
        long crc = prefix.getInt() & 0xFFFFFFFFL;
        if (length < 1 || length > MAX_ENTRY || valid + 8 + length > channel.size()) {
          break;
        }
        ByteBuffer entry = ByteBuffer.allocate(length);
        readFully(channel, entry);
        CRC32 check = new CRC32();
        check.update(entry.array(), 0, entry.position());
        if (entry.position() < length || check.getValue() != crc) {
          break;
        }
        apply(entry.array(), replay);
        valid += 8 + length;
      }
      if (channel.size() > valid) {
        channel.truncate(valid);
        channel.force(true);
      }
      channel.position(valid);
      return new ChangeLog(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static ChangeLog open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    channel.position(channel.size());
    return new ChangeLog(channel);
  }

  /** Appends an upsert and fsyncs it. */
  void upsert(Collection<HnswItem> items) throws IOException {
    append(
        UPSERT,
        out -> {
          out.writeInt(items.size());
          for (HnswItem item : items) {
            item.write(out);
          }
        });
  }

  /** Appends a delete and fsyncs it. */
  void delete(Collection<String> ids) throws IOException {
    append(
        DELETE,
        out -> {
          out.writeInt(ids.size());
          for (String id : ids) {
            out.writeUTF(id);
          }
        });
  }

  /** Appends a checkpoint and fsyncs it. */
  void checkpoint(String checkpoint) throws IOException {
    append(CHECKPOINT, out -> out.writeUTF(checkpoint));
  }

  /** The log's size in bytes, header included. */
  long size() throws IOException {
    return channel.size();
  }

  /** Whether the log holds no entry. */
  boolean isEmpty() throws IOException {
    return channel.size() <= HEADER;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** The operand of an entry, written after its operation byte. */
  @FunctionalInterface
  private interface Operand {
    void write(DataOutputStream out) throws IOException;
  }

  /** Appends an entry made of {@code op} and its operand, and fsyncs it. */
  private void append(byte op, Operand operand) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(op);
    operand.write(out);
    append(bytes.toByteArray());
  }

  private void append(byte[] entry) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(entry);
    ByteBuffer buffer =
        ByteBuffer.allocate(8 + entry.length)
            .putInt(entry.length)
            .putInt((int) crc.getValue())
            .put(entry)
            .flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
  }

  private static void apply(byte[] entry, Replay replay) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry));
    byte op = in.readByte();
    switch (op) {
      case UPSERT -> {
        int n = count(in);
        List<HnswItem> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(HnswItem.read(in));
        }
        replay.upsert(items);
      }
      case DELETE -> {
        int n = count(in);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          ids.add(in.readUTF());
        }
        replay.delete(ids);
      }
      case CHECKPOINT -> replay.checkpoint(in.readUTF());
      default -> throw new IOException("unknown change " + op + " in the log: it is damaged");
    }
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new EOFException("negative count in the log: it is damaged");
    }
    return n;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // reads until full or at the end of the file
    }
  }
}
