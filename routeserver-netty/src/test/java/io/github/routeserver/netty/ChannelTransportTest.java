package io.github.routeserver.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The write budget of one session call on a channel that could take more. */
class ChannelTransportTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final ChannelTransport transport = new ChannelTransport(channel);

  @Test
  void aCallThatWroteItsBudgetSeesTheChannelNotWritableUntilItsTurnEnds() {
    transport.send(ByteBuffer.allocate(ChannelTransport.BYTES_PER_TURN - 1));
    assertTrue(transport.isWritable());
    transport.send(ByteBuffer.allocate(1));

    assertTrue(channel.isWritable(), "the channel itself could take more");
    assertFalse(transport.isWritable());
    assertTrue(transport.endTurn(), "the budget was used up: the peer needs another turn");
    assertTrue(transport.isWritable());
  }

  @Test
  void aCallWithinItsBudgetNeedsNoOtherTurn() {
    transport.send(ByteBuffer.allocate(100));

    assertFalse(transport.endTurn());
    assertTrue(transport.isWritable());
  }

  @Test
  void closingDropsAConnectionWhoseWritesNeverDrainAfterTheGracePeriod() {
    EmbeddedChannel stuck = new EmbeddedChannel(new NeverWrites());
    stuck.freezeTime();
    ChannelTransport transport = new ChannelTransport(stuck);
    transport.send(ByteBuffer.allocate(19)); // a NOTIFICATION the peer never reads

    transport.close();
    stuck.runPendingTasks();
    assertTrue(stuck.isOpen(), "waiting for the NOTIFICATION to go");
    stuck.advanceTimeBy(ChannelTransport.CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    stuck.runScheduledPendingTasks();

    assertFalse(stuck.isOpen());
  }

  @Test
  void closingClosesAtOnceWhenTheWritesDrain() {
    transport.send(ByteBuffer.allocate(19));

    transport.close();

    assertFalse(channel.isOpen());
  }

  /** A socket whose peer never reads: writes are taken and never complete. */
  private static final class NeverWrites extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
      ReferenceCountUtil.release(message);
    }
  }

  @Test
  void everyOctetSentIsWrittenWhateverTheBudget() {
    transport.send(ByteBuffer.allocate(ChannelTransport.BYTES_PER_TURN));
    transport.endTurn();
    transport.send(ByteBuffer.allocate(10));
    channel.flush();

    long written = 0;
    for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
      written += buf.readableBytes();
      buf.release();
    }
    assertEquals(ChannelTransport.BYTES_PER_TURN + 10, written);
  }
}
