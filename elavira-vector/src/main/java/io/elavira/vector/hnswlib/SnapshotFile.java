package io.elavira.vector.hnswlib;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The snapshot of a graph: a header (format, dimension, generation, checkpoint), hnswlib's own
 * serialization of the graph, and a trailer with the CRC-32 of everything before it. Not API.
 *
 * <p>Written to {@code <name>.tmp}, fsynced, renamed over the previous snapshot (an atomic move)
 * and the directory fsynced: a crash leaves the previous snapshot or the new one. Read only after
 * its checksum matched, so a torn or damaged file is reported as such and never half-loaded.
 */
final class SnapshotFile {
  static final String NAME = "hnswlib.index";
  private static final long MAGIC = 0x454C41565F484E53L; // "ELAV_HNS"
  private static final long END = 0x454C41565F454E44L; // "ELAV_END"
  private static final int FORMAT = 1;
  private static final int TRAILER = 16;

  private SnapshotFile() {}

  /** What the header says. */
  record Header(int dimension, long generation, @Nullable String checkpoint) {}

  /** A loaded snapshot. */
  record Loaded(Header header, HnswIndex<String, float[], HnswItem, Float> graph) {}

  /** Writes the snapshot atomically; returns its size in bytes. */
  static long write(
      Path directory, Header header, HnswIndex<String, float[], HnswItem, Float> graph)
      throws IOException {
    CRC32 crc = new CRC32();
    Path target =
        writeAtomically(
            directory,
            NAME,
            channel -> {
              OutputStream file =
                  new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
              DataOutputStream out = new DataOutputStream(new CheckedOutputStream(file, crc));
              out.writeLong(MAGIC);
              out.writeInt(FORMAT);
              out.writeInt(header.dimension());
              out.writeLong(header.generation());
              String checkpoint = header.checkpoint();
              out.writeBoolean(checkpoint != null);
              out.writeUTF(checkpoint == null ? "" : checkpoint);
              graph.save(new KeepOpen(out)); // hnswlib closes the stream it is given
              out.flush();
              DataOutputStream trailer = new DataOutputStream(file);
              trailer.writeLong(crc.getValue());
              trailer.writeLong(END);
              trailer.flush();
            });
    return Files.size(target);
  }

  /** Writes the content of a file through its channel. */
  @FunctionalInterface
  interface ChannelWriter {
    void write(FileChannel channel) throws IOException;
  }

  /**
   * Replaces {@code directory/name} atomically, as the snapshot and a new change log are written:
   * {@code content} fills {@code name.tmp}, which is fsynced, renamed over {@code name} (an atomic
   * move) and made durable by fsyncing the directory. A crash leaves the old file or the new one.
   *
   * @return the file written
   */
  static Path writeAtomically(Path directory, String name, ChannelWriter content)
      throws IOException {
    Path target = directory.resolve(name);
    Path temp = directory.resolve(name + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      content.write(channel);
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(directory);
    return target;
  }

  /**
   * Reads the snapshot after checking its checksum.
   *
   * @throws IOException when it is torn, damaged, of another format, or cannot be read
   */
  static Loaded read(Path directory, int ef) throws IOException {
    Path file = directory.resolve(NAME);
    verify(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream data = new DataInputStream(in);
      if (data.readLong() != MAGIC) {
        throw new IOException("not an Elavira hnswlib snapshot");
      }
      int format = data.readInt();
      if (format != FORMAT) {
        throw new IOException("snapshot format " + format + ", this version reads " + FORMAT);
      }
      int dimension = data.readInt();
      long generation = data.readLong();
      boolean hasCheckpoint = data.readBoolean();
      String checkpoint = data.readUTF();
      HnswIndex<String, float[], HnswItem, Float> graph =
          HnswIndex.load(in, SnapshotFile.class.getClassLoader());
      graph.setEf(ef);
      return new Loaded(
          new Header(dimension, generation, hasCheckpoint ? checkpoint : null), graph);
    } catch (RuntimeException e) {
      // hnswlib's deserialisation of a file whose checksum matched but whose content is not what
      // this version wrote (ClassCastException, IllegalStateException...)
      throw new IOException("the snapshot cannot be loaded: " + e, e);
    }
  }

  /** Checks the trailer's magic and CRC-32 against the file's content. */
  private static void verify(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < TRAILER + 8) {
        throw new IOException("the snapshot is truncated (" + size + " bytes)");
      }
      CRC32 crc = new CRC32();
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      long remaining = size - TRAILER;
      while (remaining > 0) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
        int n = channel.read(buffer);
        if (n < 0) {
          throw new IOException("the snapshot ended early");
        }
        buffer.flip();
        crc.update(buffer);
        remaining -= n;
      }
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
      while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
        // reads the 16 trailer bytes
      }
      trailer.flip();
      if (trailer.remaining() != TRAILER
          || trailer.getLong() != crc.getValue()
          || trailer.getLong() != END) {
        throw new IOException("the snapshot's checksum does not match: it is torn or damaged");
      }
    }
  }

  /** Makes a rename durable (POSIX); file systems that cannot open a directory skip it. */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory: its renames are durable once the call returns.
    }
  }

  /** Passes writes through and leaves the underlying stream open on close. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
