package io.github.routeserver.azure.model;

/**
 * A network interface ({@code Microsoft.Network/networkInterfaces}), known by the subnet of its
 * primary IP configuration: Azure computes effective routes per NIC (DIAG), and every input that
 * shapes them (route table, service endpoints, propagation flag) belongs to the subnet.
 *
 * @param id the NIC's resource id
 * @param subnet the subnet of its primary IP configuration
 */
public record NetworkInterface(ResourceId id, ResourceId subnet) {}
