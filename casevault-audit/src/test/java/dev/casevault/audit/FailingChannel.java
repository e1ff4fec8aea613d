package dev.casevault.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A file channel that counts its fsyncs and fails writes or fsyncs when told to. */
final class FailingChannel extends FileChannel {
  /** Opens channels that share these switches and counters. */
  static final class Switches implements ChannelOpener {
    final AtomicBoolean failWrites = new AtomicBoolean();
    final AtomicBoolean failForces = new AtomicBoolean();
    final AtomicInteger forces = new AtomicInteger();

    @Override
    public FileChannel open(Path path) throws IOException {
      return new FailingChannel(ChannelOpener.OWNER_ONLY.open(path), this);
    }
  }

  private final FileChannel delegate;
  private final Switches switches;

  private FailingChannel(FileChannel delegate, Switches switches) {
    this.delegate = delegate;
    this.switches = switches;
  }

  private void writing() throws IOException {
    if (switches.failWrites.get()) {
      throw new IOException("No space left on device");
    }
  }

  @Override
  public void force(boolean metaData) throws IOException {
    switches.forces.incrementAndGet();
    if (switches.failForces.get()) {
      throw new IOException("Input/output error");
    }
    delegate.force(metaData);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    writing();
    return delegate.write(src, position);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    writing();
    return delegate.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    writing();
    return delegate.write(srcs, offset, length);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    writing();
    delegate.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    writing();
    return delegate.transferFrom(src, position, count);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return delegate.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
