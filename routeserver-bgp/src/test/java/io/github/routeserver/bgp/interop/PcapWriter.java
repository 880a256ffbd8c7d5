package io.github.routeserver.bgp.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file (link type 101, raw IPv4) of one TCP connection from 127.0.0.1:179 to
 * 127.0.0.2:40179: the three-way handshake, then one segment per payload from the BGP port, so that
 * a dissector sees BGP on its well-known port.
 */
final class PcapWriter implements AutoCloseable {
  private static final int LINKTYPE_RAW = 101;
  private static final int SERVER = 0x7F000001;
  private static final int CLIENT = 0x7F000002;
  private static final int BGP_PORT = 179;
  private static final int CLIENT_PORT = 40179;
  private static final int SYN = 0x02;
  private static final int ACK = 0x10;
  private static final int PSH = 0x08;

  private final OutputStream out;
  private int serverSequence = 1000;
  private int clientSequence = 5000;
  private int packets;

  PcapWriter(Path file) throws IOException {
    out = Files.newOutputStream(file);
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4);
    header.putInt(0).putInt(0).putInt(65535).putInt(LINKTYPE_RAW);
    out.write(header.array());
    segment(CLIENT, CLIENT_PORT, SERVER, BGP_PORT, clientSequence++, 0, SYN, new byte[0]);
    segment(
        SERVER,
        BGP_PORT,
        CLIENT,
        CLIENT_PORT,
        serverSequence++,
        clientSequence,
        SYN | ACK,
        new byte[0]);
    segment(
        CLIENT, CLIENT_PORT, SERVER, BGP_PORT, clientSequence, serverSequence, ACK, new byte[0]);
  }

  /** One segment from the BGP port carrying {@code payload}. */
  void write(byte[] payload) throws IOException {
    segment(
        SERVER, BGP_PORT, CLIENT, CLIENT_PORT, serverSequence, clientSequence, PSH | ACK, payload);
    serverSequence += payload.length;
  }

  private void segment(
      int source,
      int sourcePort,
      int destination,
      int destinationPort,
      int sequence,
      int acknowledgement,
      int flags,
      byte[] payload)
      throws IOException {
    int length = 20 + 20 + payload.length;
    ByteBuffer packet = ByteBuffer.allocate(length);
    packet.put((byte) 0x45).put((byte) 0).putShort((short) length);
    packet.putShort((short) packets).putShort((short) 0x4000); // don't fragment
    packet.put((byte) 64).put((byte) 6).putShort((short) 0).putInt(source).putInt(destination);
    packet.putShort(10, ipChecksum(packet.array()));
    packet.putShort((short) sourcePort).putShort((short) destinationPort);
    packet.putInt(sequence).putInt(acknowledgement);
    packet.put((byte) 0x50).put((byte) flags).putShort((short) 65535);
    packet.putShort((short) 0).putShort((short) 0); // checksum (not validated), urgent
    packet.put(payload);
    ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    record.putInt(1_700_000_000 + packets).putInt(0).putInt(length).putInt(length);
    out.write(record.array());
    out.write(packet.array());
    packets++;
  }

  private static short ipChecksum(byte[] packet) {
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += (packet[i] & 0xFF) << 8 | (packet[i + 1] & 0xFF);
    }
    while (sum >>> 16 != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (short) ~sum;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
