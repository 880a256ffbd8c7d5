package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;

/**
 * FQDN, capability code 73 (draft-walton-bgp-hostname-capability, sent by FRR and GoBGP): the
 * sender's host name and domain name, for display only.
 *
 * <pre>
 * +--------------------------------+
 * | Hostname Length (1 octet)      |
 * | Hostname (variable, UTF-8)     |
 * | Domain Name Length (1 octet)   |
 * | Domain Name (variable, UTF-8)  |
 * +--------------------------------+
 * </pre>
 *
 * @param hostname the host name (empty when not sent)
 * @param domainName the domain name (empty when not sent)
 */
public record HostnameCapability(String hostname, String domainName) implements Capability {
  /** Validates that the value fits in one capability (255 octets). */
  public HostnameCapability {
    int length =
        2
            + hostname.getBytes(StandardCharsets.UTF_8).length
            + domainName.getBytes(StandardCharsets.UTF_8).length;
    checkArgument(
        length <= 0xFF, "hostname and domainName: %s octets (expected: at most 253)", length - 2);
  }

  @Override
  public CapabilityCode code() {
    return CapabilityCode.HOSTNAME;
  }
}
