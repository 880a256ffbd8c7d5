package io.github.routeserver.core.policy;

/**
 * The BGP roles of RFC 9234 section 4.1, as carried in the BGP Role capability. In a {@link
 * PeerInfo} a role is the role <em>the peer</em> plays towards us (the remote role): a peer whose
 * role is {@link #CUSTOMER} is our customer, and a route server's clients have the role {@link
 * #RS_CLIENT}.
 */
public enum Role {
  /** Value 0: the speaker is a transit provider of its neighbour. */
  PROVIDER(0),
  /** Value 1: the speaker is a route server (RFC 7947). */
  RS(1),
  /** Value 2: the speaker is a client of a route server. */
  RS_CLIENT(2),
  /** Value 3: the speaker is a customer of its neighbour. */
  CUSTOMER(3),
  /** Value 4: the speaker and its neighbour are lateral (settlement-free) peers. */
  PEER(4);

  private final int code;

  Role(int code) {
    this.code = code;
  }

  /** The BGP Role capability value (RFC 9234 section 4.1). */
  public int code() {
    return code;
  }

  /**
   * The role with capability value {@code code}.
   *
   * @throws IllegalArgumentException if {@code code} is not 0 to 4
   */
  public static Role ofCode(int code) {
    for (Role role : values()) {
      if (role.code == code) {
        return role;
      }
    }
    throw new IllegalArgumentException("role: " + code + " (expected: 0 to 4)");
  }
}
