package io.github.routeserver.examples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.codec.MessageDecoder;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.examples.config.ConfigException;
import io.github.routeserver.examples.config.HexMessages;
import io.github.routeserver.examples.config.HexMessages.HexMessage;
import io.github.routeserver.examples.output.BgpMessageJson;
import io.github.routeserver.examples.output.JsonOutput;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Decodes whole BGP messages written in hex with the library's codec and prints them as a JSON
 * array, one object per message; a malformed message gives its decode error (NOTIFICATION code,
 * subcode and RFC 7606 action) in its place.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decodes BGP messages written in hex (marker included) and prints a JSON array with one"
          + " object per message. A malformed message gives its decode error instead: the"
          + " NOTIFICATION code, subcode and name, and the RFC 7606 action.",
      "Exit code 0 when every message was decoded (malformed ones included); 2 when the input"
          + " is not one hex message per line."
    })
final class DecodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Input input;

  /** Where the messages come from: exactly one of the options. */
  static final class Input {
    @Option(names = "--hex", paramLabel = "HEX", description = "One message in hex.")
    @Nullable String hex;

    @Option(
        names = "--file",
        paramLabel = "FILE",
        description =
            "A file of messages in hex, one per line; blank lines and lines starting with # are"
                + " skipped.")
    @Nullable Path file;
  }

  @Option(
      names = "--four-octet-as",
      description = "AS numbers are 4 octets on the wire (RFC 6793 negotiated).")
  boolean fourOctetAs;

  @Option(
      names = "--add-path",
      description = "IPv4 and IPv6 unicast NLRI carry path identifiers (RFC 7911 negotiated).")
  boolean addPath;

  @Option(
      names = "--extended-message",
      description = "Messages may be up to 65,535 octets (RFC 8654 negotiated).")
  boolean extendedMessage;

  @Override
  public Integer call() throws ConfigException {
    List<HexMessage> messages =
        input.file != null
            ? HexMessages.read(input.file)
            : List.of(HexMessages.parse("--hex", 1, input.hex));
    String source = input.file != null ? input.file.toString() : "--hex";
    CodecContext.Builder context =
        CodecContext.builder()
            .fourOctetAs(fourOctetAs)
            .extendedMessages(extendedMessage, extendedMessage);
    if (addPath) {
      context.addPath(AfiSafi.IPV4_UNICAST, true, false).addPath(AfiSafi.IPV6_UNICAST, true, false);
    }
    MessageDecoder decoder = new MessageDecoder();
    ArrayNode decoded = JsonNodeFactory.instance.arrayNode();
    for (HexMessage message : messages) {
      ByteBuffer buffer = ByteBuffer.wrap(message.octets());
      DecodeResult result = decoder.decode(buffer, context.build());
      if (buffer.hasRemaining()) {
        throw new ConfigException(
            source,
            message.line(),
            message.columns()[buffer.position()],
            "",
            buffer.remaining()
                + (buffer.remaining() == 1 ? " octet" : " octets")
                + " after the "
                + buffer.position()
                + "-octet message (expected: one message per line)");
      }
      ObjectNode json = decoded.addObject().put("line", message.line());
      json.setAll(BgpMessageJson.of(result, message.octets().length));
    }
    JsonOutput.print(spec.commandLine().getOut(), decoded);
    return 0;
  }
}
